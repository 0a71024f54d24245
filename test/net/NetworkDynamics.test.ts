// Tests of NetworkDynamics and FlowNetwork's reroute/fail: the data plane at once, the control plane on converge, derived by hand.
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/core/Simulation.js";
import { FlowNetwork, FlowState } from "../../src/net/FlowNetwork.js";
import { FullSharing } from "../../src/net/FullSharing.js";
import { IncrementalSharing } from "../../src/net/IncrementalSharing.js";
import { NetworkDynamics } from "../../src/net/NetworkDynamics.js";
import { Router } from "../../src/net/Router.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";

/** a —1.25e9 B/s, 1 ms— s —1.25e9 B/s, 1 ms— b; links 0 (a–s) and 1 (s–b). */
function line(engine: "full" | "incremental" = "full") {
  const builder = new TopologyBuilder();
  for (const id of ["a", "s", "b"]) builder.addNode({ id });
  builder.addLink({ from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 1e-3 });
  builder.addLink({ from: "s", to: "b", bandwidthBps: 1.25e9, latencyS: 1e-3 });
  const topology = builder.build();
  const sim = new Simulation();
  const caps = topology.resourceCapacityBps;
  const network = new FlowNetwork(sim, engine === "full" ? new FullSharing(caps) : new IncrementalSharing(caps));
  const router = new Router(topology);
  const dynamics = new NetworkDynamics(topology, network, router);
  const route = router.route(0, 2, 0)!;
  return { topology, sim, network, router, dynamics, route };
}

describe("FlowNetwork.reroute and fail", () => {
  it("reroute carries the remaining bytes, pays the route's latency again and keeps id and start", () => {
    // 2.5e9 B drains from 2 ms at 1.25e9 B/s; at 0.402 s 5e8 B are through, 2e9 B left. Moved
    // (to the same path): in flight 2 ms, drains from 0.404 s for 1.6 s → 2.004 s.
    const { sim, network, route } = line();
    const f = network.startFlow(route, 2.5e9);
    let left = NaN;
    sim.at(0.402, () => {
      left = network.remainingOf(f);
      network.reroute(f, route);
    });
    sim.run();
    expect(left).toBeCloseTo(2e9, 0);
    expect(network.finishOf(f)).toBeCloseTo(2.004, 9);
    expect(network.startOf(f)).toBe(0);
    expect(network.flowCount).toBe(1);
  });

  it("fail stops a flow, never calls its completion callback and tells observers", () => {
    const { sim, network, route } = line();
    let completed = false;
    const failedAt: number[] = [];
    network.observe({ flowFailed: (_f, t) => failedAt.push(t) });
    const f = network.startFlow(route, 2.5e9, { onComplete: () => (completed = true) });
    // A second flow started with the first: halves its rate until 0.5 s, then gets it all.
    const g = network.startFlow(route, 1.25e9);
    sim.at(0.5, () => network.fail(f));
    sim.run();
    expect(network.stateOf(f)).toBe(FlowState.Failed);
    expect(completed).toBe(false);
    expect(failedAt).toEqual([0.5]);
    expect(Number.isNaN(network.finishOf(f))).toBe(true);
    // g: 0.498 s at 6.25e8 B/s = 3.1125e8 B, then 9.3875e8 B at 1.25e9 B/s = 0.751 s → 1.251 s.
    expect(network.finishOf(g)).toBeCloseTo(1.251, 9);
  });

  it("fail cancels an in-flight flow's activation", () => {
    const { sim, network, route } = line();
    const f = network.startFlow(route, 1e9);
    network.fail(f);
    const run = sim.run();
    expect(network.stateOf(f)).toBe(FlowState.Failed);
    expect(run.endS).toBe(0);
  });
});

describe.each(["full", "incremental"] as const)("NetworkDynamics (%s engine)", (engine) => {
  it("keeps a link down while it or an end node is down, and applies a capacity set meanwhile when it comes up", () => {
    // 2.5e9 B from 2 ms at 1.25e9 B/s; s–b down at 0.502 s (6.25e8 B through, 1.875e9 B left),
    // s down too at 0.6 s; s up at 1 s (the link is still down); the link's capacity is set
    // to 6.25e8 B/s at 1.5 s; link up at 2 s: 1.875e9 / 6.25e8 = 3 s → 5 s. No convergence,
    // so no reroute.
    const { sim, network, dynamics, route } = line(engine);
    const f = network.startFlow(route, 2.5e9);
    const stalled: boolean[] = [];
    sim.at(0.502, () => dynamics.linkDown(1));
    sim.at(0.6, () => dynamics.nodeDown(1));
    sim.at(1, () => {
      dynamics.nodeUp(1);
      stalled.push(dynamics.isDown(1), network.rateOf(f) === 0);
    });
    sim.at(1.5, () => dynamics.setLinkCapacity(1, 6.25e8));
    sim.at(2, () => dynamics.linkUp(1));
    sim.run();
    expect(stalled).toEqual([true, true]);
    expect(network.finishOf(f)).toBeCloseTo(5, 9);
  });

  it("converge fails a flow with no surviving path and tells the hooks; the router then finds no route", () => {
    const { sim, network, router, dynamics, route } = line(engine);
    const f = network.startFlow(route, 2.5e9);
    const failed: number[] = [];
    sim.at(0.5, () => {
      const links = dynamics.linkDown(1);
      sim.at(0.55, () => dynamics.converge(links, { routeFor: (x) => router.route(0, 2, x), failed: (x) => failed.push(x) }));
    });
    const run = sim.run();
    expect(failed).toEqual([f]);
    expect(network.stateOf(f)).toBe(FlowState.Failed);
    expect(run.endS).toBeCloseTo(0.55, 12);
    expect(router.route(0, 2, 1)).toBeNull();
    expect(router.channelUsable(2)).toBe(false);
    expect(router.channelUsable(0)).toBe(true);
  });
});
