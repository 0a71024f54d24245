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

/** a and b joined through two switches (two equal-cost paths), for ECMP. */
function diamond() {
  const builder = new TopologyBuilder();
  for (const id of ["a", "s1", "s2", "b"]) builder.addNode({ id });
  for (const [from, to] of [["a", "s1"], ["a", "s2"], ["s1", "b"], ["s2", "b"]]) builder.addLink({ from, to, bandwidthBps: 1e9, latencyS: 1e-6 });
  const topology = builder.build();
  const sim = new Simulation();
  const network = new FlowNetwork(sim, new FullSharing(topology.resourceCapacityBps));
  const context = new NetworkContext(sim, network, new Router(topology), topology, 1);
  return { sim, network, context, ctx: context.forWorkload("w") };
}

describe("NetworkContext node numbers, timers and ids", () => {
  it("a transfer given node numbers gets the flow, route and finish the same transfer by names gets", () => {
    const byNames = diamond();
    const byNumbers = diamond();
    const ids = Array.from({ length: 16 }, (_, i) => `f${i}`);
    const a = byNumbers.ctx.node("a");
    const b = byNumbers.ctx.node("b");
    expect([a, b]).toEqual([0, 3]);
    const finishes = (d: ReturnType<typeof diamond>, numbers: boolean) => {
      const done: TransferResult[] = [];
      for (const id of ids) d.ctx.startTransfer({ id, src: "a", dst: "b", ...(numbers && { srcNode: a, dstNode: b }), sizeBytes: 1e6 }, (r) => done.push(r));
      d.sim.run();
      return { done, routes: ids.map((_, f) => [...d.network.routeOf(f).nodes]) };
    };
    const named = finishes(byNames, false);
    const numbered = finishes(byNumbers, true);
    expect(numbered).toEqual(named);
    // Both paths are used, so the routes compared above came from ECMP, not from a single path.
    expect(new Set(named.routes.map((r) => r[1])).size).toBe(2);
    expect(byNumbers.context.labels).toEqual(ids);
  });

  it("routes by the node numbers when given, looking no name up", () => {
    const { network, ctx } = diamond();
    const flow = ctx.startTransfer({ id: "n", src: "not-a-node", dst: "nor-this", srcNode: 3, dstNode: 0, sizeBytes: 1 });
    const nodes = network.routeOf(flow).nodes;
    expect([nodes[0], nodes[nodes.length - 1]]).toEqual([3, 0]);
  });

  it("node refuses an unknown node with an input error naming it", () => {
    const { ctx } = diamond();
    expect(() => ctx.node("zz")).toThrow(new InputError('unknown node "zz"'));
  });

  it("a transfer naming an unknown node (source, destination or on its path) is an input error naming the flow and the node", () => {
    const { ctx } = diamond();
    expect(() => ctx.startTransfer({ id: "u", src: "zz", dst: "b", sizeBytes: 1 })).toThrow(new InputError('flow "u": unknown node "zz"'));
    expect(() => ctx.startTransfer({ id: "v", src: "a", dst: "yy", sizeBytes: 1 })).toThrow(new InputError('flow "v": unknown node "yy"'));
    expect(() => ctx.startTransfer({ id: "w", src: "a", dst: "b", path: ["a", "xx", "b"], sizeBytes: 1 })).toThrow(new InputError('flow "w": unknown node "xx"'));
  });

  it("pathInfo names the unknown end (the source first) in the same sentence, and answers a known pair", () => {
    const { ctx } = diamond();
    expect(() => ctx.pathInfo("zz", "yy")).toThrow(new InputError('unknown node "zz"'));
    expect(() => ctx.pathInfo("a", "yy")).toThrow(new InputError('unknown node "yy"'));
    expect(ctx.pathInfo("a", "b")).toEqual({ latencyS: 2e-6, hops: 2 });
  });

  it("schedule hands the tag to the callback, and a cancelled timer never fires", () => {
    const { sim, ctx } = diamond();
    const log: string[] = [];
    const fn = (tag: number) => log.push(`${tag}@${sim.nowS}`);
    ctx.schedule(1, fn, 7);
    const h = ctx.schedule(2, fn, 8);
    ctx.schedule(3, () => log.push("plain"));
    expect(ctx.cancel(h)).toBe(true);
    expect(ctx.cancel(h)).toBe(false);
    sim.run();
    expect(log).toEqual(["7@1", "plain"]);
  });

  it("a user-given flow id used twice is still an input error with its sentence", () => {
    const { ctx } = diamond();
    ctx.startTransfer({ id: "x", src: "a", dst: "b", sizeBytes: 1 });
    expect(() => ctx.startTransfer({ id: "x", src: "b", dst: "a", sizeBytes: 1 })).toThrow(new InputError('flow id "x" is used twice'));
  });
});
