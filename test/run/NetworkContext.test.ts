// Tests of NetworkContext with failures: onFailed instead of onComplete, for live flows and for transfers started out of reach.
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/core/Simulation.js";
import { InputError } from "../../src/core/InputError.js";
import { FlowNetwork } from "../../src/net/FlowNetwork.js";
import { FullSharing } from "../../src/net/FullSharing.js";
import { NetworkDynamics } from "../../src/net/NetworkDynamics.js";
import { Router } from "../../src/net/Router.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";
import { NetworkContext } from "../../src/run/NetworkContext.js";
import type { TransferFailure, TransferResult } from "../../src/workloads/Workload.js";

/** a —1.25e9 B/s— s —1.25e9 B/s— b, no latency; `dynamic` as a scenario with events sets it. */
function line(dynamic: boolean) {
  const builder = new TopologyBuilder();
  for (const id of ["a", "s", "b", "c"]) builder.addNode({ id });
  builder.addLink({ from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 0 });
  builder.addLink({ from: "s", to: "b", bandwidthBps: 1.25e9, latencyS: 0 });
  const topology = builder.build();
  const sim = new Simulation();
  const network = new FlowNetwork(sim, new FullSharing(topology.resourceCapacityBps));
  const router = new Router(topology);
  const context = new NetworkContext(sim, network, router, topology, 1, dynamic);
  const dynamics = new NetworkDynamics(topology, network, router);
  return { sim, network, context, dynamics, ctx: context.forWorkload("w") };
}

describe("NetworkContext failures", () => {
  it("calls onFailed, never onComplete, for a live transfer that loses its only path", () => {
    const { sim, context, dynamics, ctx } = line(true);
    const done: TransferResult[] = [];
    const failed: TransferFailure[] = [];
    ctx.startTransfer({ id: "x", src: "a", dst: "b", sizeBytes: 2.5e9 }, (r) => done.push(r), (f) => failed.push(f));
    sim.at(0.4, () => {
      const links = dynamics.linkDown(1);
      sim.at(0.45, () => dynamics.converge(links, context.rerouteHooks()));
    });
    sim.run();
    expect(done).toEqual([]);
    expect(failed).toEqual([{ id: "x", startS: 0, failedS: 0.45 }]);
  });

  it("fails a transfer started when its destination is out of reach, telling onFailed at the same instant", () => {
    const { sim, network, context, dynamics, ctx } = line(true);
    const failed: TransferFailure[] = [];
    sim.at(0.1, () => dynamics.converge(dynamics.linkDown(1), context.rerouteHooks()));
    let flow = -1;
    sim.at(0.2, () => {
      flow = ctx.startTransfer({ id: "y", src: "a", dst: "b", sizeBytes: 1e9 }, undefined, (f) => failed.push(f));
    });
    sim.run();
    expect(failed).toEqual([{ id: "y", startS: 0.2, failedS: 0.2 }]);
    expect(context.labels[flow]).toBe("y");
    expect(network.routeOf(flow).nodes).toEqual(Int32Array.of(0, 2));
  });

  it("tells each transfer's onComplete its id, start, finish and flow number, once", () => {
    const { sim, ctx } = line(false);
    const done: TransferResult[] = [];
    const flows: number[] = [];
    sim.at(0.5, () => {
      flows.push(ctx.startTransfer({ id: "p", src: "a", dst: "b", sizeBytes: 1.25e9 }, (r) => done.push(r)));
      flows.push(ctx.startTransfer({ id: "q", src: "b", dst: "a", sizeBytes: 2.5e9 }, (r) => done.push(r)));
    });
    sim.run();
    expect(done).toEqual([
      { id: "p", startS: 0.5, finishS: 1.5, flow: flows[0] },
      { id: "q", startS: 0.5, finishS: 2.5, flow: flows[1] },
    ]);
  });

  it("keeps an unreachable destination an input error in a run without events", () => {
    const { ctx } = line(false);
    expect(() => ctx.startTransfer({ id: "z", src: "a", dst: "c", sizeBytes: 1 })).toThrow(InputError);
  });
});
