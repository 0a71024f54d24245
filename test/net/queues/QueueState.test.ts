// QueueState: a route's round trip with its queues both ways in one walk (the same number as the per-direction sums), delays at the capacity in force, and the DCTCP α it holds per flow.
import { describe, expect, it } from "vitest";
import { dctcpSawtooth } from "../../../src/net/queues/dctcpSawtooth.js";
import { dctcpSettledAlpha } from "../../../src/net/queues/dctcpSettledAlpha.js";
import { QueueClass } from "../../../src/net/queues/QueueClass.js";
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

describe("QueueState: a marking port's K counts the ACKs queued among the data", () => {
  /**
   * a —10 Gb/s— s —1 Gb/s, K = 30, buffer 300— b: a DCTCP flow a → b binds at s → b (channel 2);
   * a flow b → a capped at half of s–b's rate sends its data through b → s and gets its ACKs back
   * through s → b, one per data packet (two with delayed ACKs of 2).
   */
  function markingDumbbell(acksPerPacket: number) {
    const P = 1500;
    const C = 1.25e8;
    const net = transportNetwork(["a", "s", "b"], [
      { from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 },
      { from: "s", to: "b", bandwidthBps: C, latencyS: 1e-6, bufferBytes: 300 * P, ecnThresholdBytes: 30 * P },
    ]);
    const sb = 2;
    const forward = { nodes: Int32Array.of(0, 1, 2), resources: Int32Array.of(0, sb), latencyS: 2e-6 };
    const backward = { nodes: Int32Array.of(2, 1, 0), resources: Int32Array.of(sb ^ 1, 1), latencyS: 2e-6 };
    const f = net.network.startFlow(forward, 1e9);
    net.queues.register(f, QueueClass.Dctcp, 10e-6, P, acksPerPacket);
    const pipe = (C * 10e-6) / P;
    return { ...net, P, C, sb, backward, f, pipe };
  }

  it("with no flow the other way the port marks at K: the sawtooth of K = 30", () => {
    const { sim, queues, sb, f, pipe, P } = markingDumbbell(1);
    sim.run({ untilS: 1e-3 });
    expect(queues.boundAt(f)).toBe(sb);
    expect(queues.markingThresholdPackets(sb, P)).toBe(30);
    expect(queues.queueBytes(sb)).toBeCloseTo(dctcpSawtooth(1, pipe, 30, 300, P, 1).meanBytes, 6);
  });

  it("data the other way at half the rate, an ACK per packet: x = 0.5 ACK per data packet, the port marks at 30 / 1.5 = 20 data packets", () => {
    const { sim, network, queues, sb, f, pipe, P, C, backward } = markingDumbbell(1);
    const g = network.startFlow(backward, 1e9);
    network.setFlowCap(g, C / 2);
    queues.register(g, QueueClass.Dctcp, 10e-6, P, 1);
    sim.run({ untilS: 1e-3 });
    expect(network.rateOf(g)).toBe(C / 2);
    expect(queues.boundAt(f)).toBe(sb);
    // ACKs arrive at C/2 ÷ P per second; a data packet is served in P ÷ C: x = 0.5. D + 0.5 D = 30.
    expect(queues.markingThresholdPackets(sb, P)).toBeCloseTo(20, 9);
    expect(queues.queueBytes(sb)).toBeCloseTo(dctcpSawtooth(1, pipe, 20, 300, P, 1).meanBytes, 6);
    expect(queues.steadyAlpha(sb)).toBeCloseTo(dctcpSettledAlpha(pipe + 20), 12);
    // The flow the other way leaves: no ACKs arrive, the port marks at K again.
    network.setFlowCap(g, 0);
    sim.run({ untilS: 2e-3 });
    expect(queues.markingThresholdPackets(sb, P)).toBe(30);
    expect(queues.queueBytes(sb)).toBeCloseTo(dctcpSawtooth(1, pipe, 30, 300, P, 1).meanBytes, 6);
  });

  it("is judged again once its ACKs moved by more than 0.01 ACK per data packet served since it was last judged, not for a hair", () => {
    const { sim, network, queues, sb, pipe, P, C, backward } = markingDumbbell(1);
    const g = network.startFlow(backward, 1e9);
    network.setFlowCap(g, C / 2);
    queues.register(g, QueueClass.Dctcp, 10e-6, P, 1);
    sim.run({ untilS: 1e-3 });
    const at20 = dctcpSawtooth(1, pipe, 20, 300, P, 1).meanBytes;
    expect(queues.queueBytes(sb)).toBeCloseTo(at20, 6);
    // x = 0.505: the threshold read now is 30 / 1.505, the port's sawtooth still the one of x = 0.5.
    network.setFlowCap(g, C * 0.505);
    sim.run({ untilS: 2e-3 });
    expect(queues.markingThresholdPackets(sb, P)).toBeCloseTo(30 / 1.505, 9);
    expect(queues.queueBytes(sb)).toBeCloseTo(at20, 6);
    // x = 0.52 (0.02 from the x it was judged at): judged again, at 30 / 1.52.
    network.setFlowCap(g, C * 0.52);
    sim.run({ untilS: 3e-3 });
    expect(queues.queueBytes(sb)).toBeCloseTo(dctcpSawtooth(1, pipe, 30 / 1.52, 300, P, 1).meanBytes, 6);
  });

  it("with delayed ACKs (one per 2 packets) half as many ACKs: x = 0.25, 30 / 1.25 = 24 data packets", () => {
    const { sim, network, queues, sb, P, C, backward } = markingDumbbell(0.5);
    const g = network.startFlow(backward, 1e9);
    network.setFlowCap(g, C / 2);
    queues.register(g, QueueClass.Dctcp, 10e-6, P, 0.5);
    sim.run({ untilS: 1e-3 });
    expect(queues.markingThresholdPackets(sb, P)).toBeCloseTo(24, 9);
  });
});
