// Tests of FlowNetwork: latency-first timing and rate changes as flows come and go, derived by hand.
import { describe, expect, it } from "vitest";
import { Simulation } from "../../src/core/Simulation.js";
import { FlowNetwork } from "../../src/net/FlowNetwork.js";
import { FullSharing } from "../../src/net/FullSharing.js";
import type { RateChanges } from "../../src/net/RateChanges.js";
import { Router } from "../../src/net/Router.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";

/** a —100 Gb/s, 1 µs— s —40 Gb/s, 1 µs— b */
function twoHosts() {
  const b = new TopologyBuilder();
  for (const id of ["a", "s", "b"]) b.addNode({ id });
  b.addLink({ from: "a", to: "s", bandwidthBps: 12.5e9, latencyS: 1e-6 });
  b.addLink({ from: "s", to: "b", bandwidthBps: 5e9, latencyS: 1e-6 });
  const topology = b.build();
  const sim = new Simulation();
  const net = new FlowNetwork(sim, new FullSharing(topology.resourceCapacityBps));
  const router = new Router(topology);
  const route = router.route(topology.nodeIndex.get("a")!, topology.nodeIndex.get("b")!, 0)!;
  return { sim, net, route };
}

describe("FlowNetwork", () => {
  it("finishes a lone flow at t0 + L + S/B", () => {
    const { sim, net, route } = twoHosts();
    // L = 2 µs, B = 5e9 B/s (the 40 Gb/s hop), S = 1e9 B → 2e-6 + 0.2 s.
    const f = net.startFlow(route, 1e9);
    sim.run();
    expect(net.finishOf(f)).toBeCloseTo(0.200002, 12);
  });

  it("shares the bottleneck when a second flow arrives", () => {
    const { sim, net, route } = twoHosts();
    // Flow 1 alone at 5e9 B/s from 2 µs to 1.002 ms drains 5e6 B (995e6 B left). Then both
    // share 2.5e9 B/s: flow 2 (5e8 B) finishes at 1.002 ms + 0.2 s = 0.201002 s, by which
    // time flow 1 has 495e6 B left, drained alone at 5e9 B/s in 0.099 s → 0.300002 s.
    const f1 = net.startFlow(route, 1e9);
    let f2 = -1;
    sim.at(1e-3, () => {
      f2 = net.startFlow(route, 5e8);
    });
    sim.run();
    expect(net.finishOf(f2)).toBeCloseTo(0.201002, 12);
    expect(net.finishOf(f1)).toBeCloseTo(0.300002, 12);
  });

  it("tells flowActivated when a flow's first byte arrives, within the activation: active, before the instant's solve", () => {
    const { sim, net, route } = twoHosts();
    const seen: string[] = [];
    net.observe({
      flowActivated: (flow, nowS) => seen.push(`activated ${flow} at ${nowS}: state ${net.stateOf(flow)}, rate ${net.rateOf(flow)}, events ${sim.eventsProcessed}`),
      solved: (nowS) => seen.push(`solved at ${nowS}`),
    });
    const f = net.startFlow(route, 1e9);
    // Zero bytes: delivered on arrival, never drains, so never activated.
    net.startFlow(route, 0);
    sim.run();
    // L = 2 µs. The activation is the run's first event (eventsProcessed counts it after the run's call returns).
    expect(seen.slice(0, 2)).toEqual([`activated ${f} at 0.000002: state 2, rate 0, events 0`, "solved at 0.000002"]);
    expect(seen.filter((x) => x.startsWith("activated"))).toHaveLength(1);
  });

  it("delivers a zero-byte flow after the route latency", () => {
    const { sim, net, route } = twoHosts();
    const f = net.startFlow(route, 0);
    sim.run();
    expect(net.finishOf(f)).toBe(2e-6);
  });

  it("honours a per-flow cap and a capacity change mid-run", () => {
    const { sim, net, route } = twoHosts();
    // Capped at 1e9 B/s: 2e9 B would take 2 s; at t = 0.500002 s (5e8 B sent) the cap is
    // lifted, leaving 1.5e9 B at 5e9 B/s = 0.3 s → finish at 0.800002 s.
    const f = net.startFlow(route, 2e9, { capBps: 1e9 });
    sim.at(0.500002, () => net.setFlowCap(f, Infinity));
    sim.run();
    expect(net.finishOf(f)).toBeCloseTo(0.800002, 12);
  });

  it("shares by a weight changed mid-run, and refuses a weight for a flow that is done", () => {
    const { sim, net, route } = twoHosts();
    // Two 1e9 B flows at equal weight share 5e9 B/s (2.5e9 each) from 2 µs. At 0.100002 s
    // (2.5e8 B sent each) f1's weight goes to 3: 3.75e9 against 1.25e9 B/s. f1's 7.5e8 B left
    // take 0.2 s → 0.300002 s, when f2 has 7.5e8 − 2.5e8 = 5e8 B left, alone at 5e9 B/s: 0.1 s.
    const f1 = net.startFlow(route, 1e9);
    const f2 = net.startFlow(route, 1e9);
    sim.at(0.100002, () => net.setFlowWeight(f1, 3));
    sim.run();
    expect(net.finishOf(f1)).toBeCloseTo(0.300002, 12);
    expect(net.finishOf(f2)).toBeCloseTo(0.400002, 12);
    expect(net.weightOf(f1)).toBe(3);
    expect(() => net.setFlowWeight(f1, 2)).toThrow(/flow 0 is not live/);
  });

  it("delivers a flow with no resources to share (src = dst) when it becomes active", () => {
    const { sim, net } = twoHosts();
    const f = net.startFlow({ nodes: Int32Array.of(0), resources: new Int32Array(0), latencyS: 0 }, 1e9);
    sim.run();
    expect(net.finishOf(f)).toBe(0);
  });

  it("hands a solve's rate changes to batch observers at once, in the order per-change observers saw them", () => {
    const { sim, net, route } = twoHosts();
    // Flow 0 alone at 5e9 B/s; at 1 ms flows 1 and 2 arrive at one instant and one solve moves
    // all three to 5e9 / 3. Flow 2 (3e6 B) finishes first, alone in its completion's batch.
    const seen: string[] = [];
    const batches: string[][] = [];
    const row = (c: RateChanges, i: number) => `${c.flows[i]}:${c.oldRatesBps[i]}->${c.newRatesBps[i]}@${c.bottlenecks[i]} t=${c.nowS}`;
    net.observe({ rateChanged: (c, i) => void seen.push(row(c, i)) });
    net.observe({ ratesChanged: (c) => void batches.push(Array.from({ length: c.count }, (_, i) => row(c, i))) });
    net.startFlow(route, 1e9);
    sim.at(1e-3, () => {
      net.startFlow(route, 1e9);
      net.startFlow(route, 3e6);
    });
    sim.run();
    expect(batches.flat()).toEqual(seen);
    expect(batches.map((b) => b.length)).toEqual([1, 3, 1, 2, 1, 1, 1]);
    // Resource 2 is the channel s→b (a→s and s→a come first).
    expect(batches[1]).toEqual([`0:5000000000->${5e9 / 3}@2 t=0.001002`, `1:0->${5e9 / 3}@2 t=0.001002`, `2:0->${5e9 / 3}@2 t=0.001002`]);
    expect(batches[2]).toEqual([`2:${5e9 / 3}->0@-1 t=${0.001002 + 3e6 / (5e9 / 3)}`]);
  });

  it("hands a batch observer a solve's earlier changes before a change an observer makes during that solve", () => {
    const { sim, net, route } = twoHosts();
    // When flow 1 becomes active, the per-change observer gives flow 0 up in the middle of
    // the solve (after flow 0's change, before flow 1's): the batch observer sees flow 0's
    // change of that solve first, then its failure, then flow 1's change.
    const order: string[] = [];
    const f0 = net.startFlow(route, 1e9);
    net.observe({
      rateChanged: (c, i) => {
        if (c.nowS === 1e-3 + 2e-6 && c.flows[i] === f0 && c.newRatesBps[i] > 0 && net.isLive(f0)) net.fail(f0);
      },
    });
    net.observe({
      ratesChanged: (c) => {
        for (let i = 0; i < c.count; i++) order.push(`${c.flows[i]}:${c.newRatesBps[i]}`);
      },
    });
    sim.at(1e-3, () => void net.startFlow(route, 1e9));
    sim.run();
    expect(order.slice(0, 4)).toEqual(["0:5000000000", "0:2500000000", "0:0", "1:2500000000"]);
    expect(net.stateOf(f0)).toBe(4);
  });
});
