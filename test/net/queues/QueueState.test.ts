// QueueState: a route's round trip with its queues both ways in one walk (the same number as the per-direction sums), delays at the capacity in force, and the DCTCP α it holds per flow.
import { describe, expect, it } from "vitest";
import { QueueClass } from "../../../src/net/queues/QueueState.js";
import { transportNetwork } from "../../transport/transportModels.js";

describe("QueueState.roundTripS", () => {
  it("equals base + pathDelayS + reversePathDelayS exactly, and is the base alone once every queue drained", () => {
    const { sim, network, queues, topology } = transportNetwork(["a", "s", "b"], [
      { from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 },
      { from: "s", to: "b", bandwidthBps: 1.25e8, latencyS: 1e-6 },
    ]);
    // Channels come in pairs: 2i one way, 2i + 1 back. Link 0 is a–s, link 1 is s–b.
    const as = 0;
    const sb = 2;
    const forward = { nodes: Int32Array.of(0, 1, 2), resources: Int32Array.of(as, sb), latencyS: 2e-6 };
    const backward = { nodes: Int32Array.of(2, 1, 0), resources: Int32Array.of(sb ^ 1, as ^ 1), latencyS: 2e-6 };
    const f1 = network.startFlow(forward, 1e9);
    const f2 = network.startFlow(forward, 1e9);
    const g = network.startFlow(backward, 1e9);
    for (const f of [f1, f2, g]) queues.register(f, QueueClass.NewReno, 10e-6, 1500);
    sim.run({ untilS: 1e-3 });
    expect(queues.boundAt(f1)).toBe(sb);
    expect(queues.boundAt(g)).toBe(sb ^ 1);
    expect(topology.channelCount).toBeGreaterThan(sb);
    queues.setReported(sb, 7 * 1500 + 0.1, sim.nowS);
    queues.setReported(sb ^ 1, 3 * 1500 + 0.3, sim.nowS);
    for (const route of [forward, backward]) {
      const base = 11.3e-6;
      const separate = base + queues.pathDelayS(route.resources) + queues.reversePathDelayS(route.resources);
      expect(queues.pathDelayS(route.resources)).toBeGreaterThan(0);
      expect(queues.reversePathDelayS(route.resources)).toBeGreaterThan(0);
      expect(queues.roundTripS(base, route.resources)).toBe(separate);
    }
    // The queues drain when their flows finish: no queue anywhere, the round trip is the base.
    sim.run();
    expect(queues.queueBytes(sb)).toBe(0);
    expect(queues.queueBytes(sb ^ 1)).toBe(0);
    expect(queues.roundTripS(11.3e-6, forward.resources)).toBe(11.3e-6);
  });
});

/** a —10 Gb/s— s —1 Gb/s— b (1 µs each): its port s→b (channel 2) is where a flow a→b binds. */
function slowSecondHop() {
  const net = transportNetwork(["a", "s", "b"], [
    { from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 },
    { from: "s", to: "b", bandwidthBps: 1.25e8, latencyS: 1e-6 },
  ]);
  const sb = 2;
  const route = { nodes: Int32Array.of(0, 1, 2), resources: Int32Array.of(0, sb), latencyS: 2e-6 };
  return { ...net, sb, route };
}

describe("QueueState: a loss-based port re-judged to the queue it holds", () => {
  it("keeps its sawtooth object and still tells the observers at that instant; a new queue is a new object", () => {
    const { sim, network, queues, sb, route } = slowSecondHop();
    const f = network.startFlow(route, 1e9);
    queues.register(f, QueueClass.Cubic, 10e-6, 1500);
    const told: Array<{ resource: number; meanBytes: number; nowS: number }> = [];
    queues.observe({ queueChanged: (resource, s, nowS) => told.push({ resource, meanBytes: s.meanBytes, nowS }) });
    sim.run({ untilS: 1e-3 });
    expect(queues.boundAt(f)).toBe(sb);
    queues.setReported(sb, 4500, sim.nowS);
    const held = queues.sawtoothOf(sb);
    expect(held.samples).toEqual([4500]);
    expect(held.meanBytes).toBe(4500);
    // A second flow binds there: the port is re-judged at the end of the solve, to the same queue.
    told.length = 0;
    const g = network.startFlow(route, 1e9);
    queues.register(g, QueueClass.Cubic, 10e-6, 1500);
    sim.run({ untilS: 2e-3 });
    expect(queues.boundAt(g)).toBe(sb);
    expect(queues.sawtoothOf(sb)).toBe(held);
    const atPort = told.filter((t) => t.resource === sb);
    expect(atPort.map((t) => t.meanBytes)).toEqual([4500]);
    expect(atPort[0].nowS).toBeGreaterThan(1e-3);
    // A different queue is a new object.
    queues.setReported(sb, 6000, sim.nowS);
    expect(queues.sawtoothOf(sb)).not.toBe(held);
    expect(queues.queueBytes(sb)).toBe(6000);
  });
});

describe("QueueState: queueing delays follow the capacity in force at once", () => {
  it("a port's delay is its mean queue over the capacity now — before the solve that follows a capacity change, and after it", () => {
    const { sim, network, queues, sb, route } = slowSecondHop();
    const f = network.startFlow(route, 1e9);
    queues.register(f, QueueClass.NewReno, 10e-6, 1500);
    sim.run({ untilS: 1e-3 });
    queues.setReported(sb, 9000, sim.nowS);
    expect(queues.delayS(sb)).toBe(9000 / 1.25e8);
    expect(queues.delayS(0)).toBe(0);
    // The port slows to a fifth: its delay reads the new capacity at once, in every sum over routes.
    network.setCapacity(sb, 2.5e7);
    expect(queues.delayS(sb)).toBe(9000 / 2.5e7);
    expect(queues.pathDelayS(route.resources)).toBe(9000 / 2.5e7);
    expect(queues.roundTripS(1e-5, route.resources)).toBe(1e-5 + 9000 / 2.5e7);
    expect(queues.reversePathDelayS(Int32Array.of(sb ^ 1))).toBe(9000 / 2.5e7);
    sim.run({ untilS: 2e-3 });
    expect(queues.delayS(sb)).toBe(queues.queueBytes(sb) / 2.5e7);
    // A link down (capacity 0) with a queue: an infinite delay, as dividing by 0 gave.
    network.setCapacity(sb, 0);
    expect(queues.delayS(sb)).toBe(queues.queueBytes(sb) > 0 ? Infinity : 0);
  });
});

describe("QueueState: a DCTCP flow's α", () => {
  it("is 1 until its transport sets one, and a rerouted flow registering again keeps its α (the queues are α's one owner)", () => {
    const { network, queues } = transportNetwork(["a", "b"], [{ from: "a", to: "b", bandwidthBps: 1.25e9, latencyS: 1e-6 }]);
    const route = { nodes: Int32Array.of(0, 1), resources: Int32Array.of(0), latencyS: 1e-6 };
    const f = network.startFlow(route, 1e9);
    queues.register(f, QueueClass.Dctcp, 10e-6, 1500);
    expect(queues.alphaOf(f)).toBe(1);
    queues.setAlpha(f, 0.3, 0);
    expect(queues.alphaOf(f)).toBe(0.3);
    // TcpFlows registers a rerouted flow again with its new base RTT: the sender's α goes on.
    queues.register(f, QueueClass.Dctcp, 12e-6, 1500);
    expect(queues.alphaOf(f)).toBe(0.3);
  });
});
