// QueueState.queueBytesAt: a DCTCP port's sawtooth read in time (Alizadeh et al.'s qMin/qMax, N packets a round trip), its phase carried across a change by continuity, and a first flight marked by the queue it meets then.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../../src/core/randomStream.js";
import { dctcpSawtooth } from "../../../src/net/queues/dctcpSawtooth.js";
import { dctcpSettledAlpha } from "../../../src/net/queues/dctcpSettledAlpha.js";
import { LinearSawtooth } from "../../../src/net/queues/LinearSawtooth.js";
import { QueueClass } from "../../../src/net/queues/QueueClass.js";
import { BurstJudge, type BurstVerdicts } from "../../../src/transport/tcp/BurstJudge.js";
import { transportNetwork } from "../../transport/transportModels.js";

const P = 1500;
const C = 1.25e8;
const K = 30;
const RTT = 10e-6;

/**
 * a —10 Gb/s— s —1 Gb/s, K = 30, buffer 300— b: `dctcp` long DCTCP flows a → b bind at s → b
 * (channel 2), each at the settled α of their W* = (P + K)/N, so the port keeps eq. 7's sawtooth
 * (its swing at α*: {@link dctcpSawtooth}); `others` more flows a → b that do not register (routes
 * for bursts, no queue of their own). The times the port's queue changed are recorded.
 */
function dumbbell(dctcp: number, others = 0) {
  const net = transportNetwork(["a", "s", "b"], [
    { from: "a", to: "s", bandwidthBps: 1.25e9, latencyS: 1e-6 },
    { from: "s", to: "b", bandwidthBps: C, latencyS: 1e-6, bufferBytes: 300 * P, ecnThresholdBytes: K * P },
  ]);
  const sb = 2;
  const route = { nodes: Int32Array.of(0, 1, 2), resources: Int32Array.of(0, sb), latencyS: 2e-6 };
  const pipe = (C * RTT) / P;
  const flows: number[] = [];
  for (let i = 0; i < dctcp; i++) {
    const f = net.network.startFlow(route, 1e9);
    net.queues.register(f, QueueClass.Dctcp, RTT, P);
    net.queues.setAlpha(f, dctcpSettledAlpha((pipe + K) / dctcp), 0);
    flows.push(f);
  }
  const unregistered = Array.from({ length: others }, () => net.network.startFlow(route, 1e9));
  const changedS: number[] = [];
  net.queues.observe({ queueChanged: (r, _s, nowS) => r === sb && changedS.push(nowS) });
  return { ...net, sb, route, pipe, flows, unregistered, changedS };
}

/** Alizadeh's sawtooth of N flows here: its ends, packets, and the seconds of its cycle (N packets a round trip of base + mean queueing). */
function cycle(n: number, pipe: number) {
  const s = dctcpSawtooth(n, pipe, K, 300, P) as LinearSawtooth;
  const qMin = s.qMinPackets;
  const qMax = s.qMaxPackets;
  const periodS = ((qMax - qMin) / n) * (RTT + s.meanBytes / C);
  return { qMin, qMax, periodS, meanBytes: s.meanBytes };
}

describe("QueueState.queueBytesAt: N long DCTCP flows", () => {
  it("follows the sawtooth in time: from qMin where the port's first sawtooth starts, rising to qMax over (qMax − qMin)/N round trips, then again", () => {
    const { sim, queues, sb, pipe, changedS } = dumbbell(2);
    sim.run({ untilS: 1e-4 });
    const { qMin, qMax, periodS, meanBytes } = cycle(2, pipe);
    // Eq. 7's ends: Q_max = K + N; W* = (P + K)/N ≈ 15.4 swings by N(W* + 1)α*/2 ≈ 6 packets, above 0.
    expect(qMax).toBe(32);
    expect(qMin).toBeGreaterThan(20);
    expect(qMin).toBeLessThan(30);
    expect(queues.queueBytes(sb)).toBeCloseTo(meanBytes, 6);
    // The port's queue was taken once, when the flows bound there: an empty port, so the cycle starts at qMin then.
    expect(changedS).toHaveLength(1);
    const t0 = changedS[0];
    for (const x of [0, 0.1, 0.25, 0.5, 0.9]) {
      expect(queues.queueBytesAt(sb, t0 + x * periodS) / P).toBeCloseTo(qMin + x * (qMax - qMin), 6);
      // A cycle later (and three) it is where it was.
      expect(queues.queueBytesAt(sb, t0 + (x + 1) * periodS) / P).toBeCloseTo(qMin + x * (qMax - qMin), 6);
      expect(queues.queueBytesAt(sb, t0 + (x + 3) * periodS) / P).toBeCloseTo(qMin + x * (qMax - qMin), 6);
    }
    // Its time average over a cycle (midpoints, as the samples) is the mean the delays read.
    let sum = 0;
    for (let i = 0; i < 32; i++) sum += queues.queueBytesAt(sb, t0 + 5 * periodS + ((i + 0.5) / 32) * periodS);
    expect(sum / 32).toBeCloseTo(meanBytes, 6);
    // The mean the delays read is left as it was.
    expect(queues.delayS(sb)).toBe(queues.queueBytes(sb) / C);
  });

  it("carries its phase across a change of N: at the change the new cycle stands where the old one stood, then rises by 3 packets a round trip", () => {
    const { sim, network, queues, sb, route, pipe, changedS } = dumbbell(2);
    sim.run({ untilS: 1e-4 });
    const old = cycle(2, pipe);
    const t0 = changedS[0];
    // A third DCTCP flow starts at 0.3 of a cycle past 1e-4 s (at the α of the three's W*: α moves nothing but N).
    const startS = t0 + Math.ceil((1e-4 - t0) / old.periodS) * old.periodS + 0.3 * old.periodS;
    let g = -1;
    sim.at(startS, () => {
      g = network.startFlow(route, 1e9);
      queues.register(g, QueueClass.Dctcp, RTT, P);
    });
    sim.run({ untilS: startS + 1e-5 });
    expect(queues.boundAt(g)).toBe(sb);
    expect(changedS.length).toBeGreaterThan(1);
    const tc = changedS[changedS.length - 1];
    // It binds one route latency later: the old cycle then, in closed form.
    expect(tc).toBeCloseTo(startS + 2e-6, 12);
    const frac = (tc - t0) / old.periodS - Math.floor((tc - t0) / old.periodS);
    const before = old.qMin + frac * (old.qMax - old.qMin);
    const s = queues.sawtoothOf(sb) as LinearSawtooth;
    expect(s).toBeInstanceOf(LinearSawtooth);
    // The three at the two's α swing their sawtooth otherwise than eq. 7's three would: its ends are the model's; the level is held in them.
    expect(s.qMaxPackets).toBe(K + 3);
    const held = Math.min(s.qMaxPackets, Math.max(s.qMinPackets, before));
    expect(held).toBeGreaterThan(s.qMinPackets);
    expect(held).toBeLessThan(s.qMaxPackets);
    expect(queues.queueBytesAt(sb, tc) / P).toBeCloseTo(held, 9);
    // Then it rises by N = 3 packets per round trip (base + the new mean's queueing), up to its top.
    const roundS = RTT + s.meanBytes / C;
    const dt = (0.5 * (s.qMaxPackets - held) * roundS) / 3;
    expect(queues.queueBytesAt(sb, tc + dt) / P).toBeCloseTo(held + (3 * dt) / roundS, 9);
  });
});

describe("BurstJudge at a DCTCP port: a first flight meets the queue at its instant", () => {
  /**
   * Two long DCTCP flows hold the sawtooth at s → b; a third flow (unregistered) sends a first
   * flight of 3 packets at 10 Gb/s at `x` of a cycle after the port's sawtooth began, judged at
   * the end of that instant's solve. The port drains 3/10 of a packet meanwhile: 2.7 packets
   * rise, so it is marked iff q(t) + 2.7 > K.
   */
  function flightAt(x: number): { verdicts: BurstVerdicts; queuePackets: number } {
    const { sim, network, queues, sb, pipe, unregistered, changedS } = dumbbell(2, 1);
    const judge = new BurstJudge(network, queues, 4, randomStream(1, "test"));
    sim.run({ untilS: 1e-4 });
    const { periodS } = cycle(2, pipe);
    const t0 = changedS[0];
    const atS = t0 + Math.ceil((1e-4 - t0) / periodS) * periodS + x * periodS;
    let verdicts: BurstVerdicts | undefined;
    network.observe({ solved: () => (verdicts ??= judge.hasPending ? judge.judge() : undefined) });
    sim.at(atS, () => {
      judge.offer(unregistered[0], 3, (3 * P) / 1.25e9, 0, 0, P, true);
      network.requestSolve();
    });
    sim.run({ untilS: atS + 1e-9 });
    return { verdicts: verdicts!, queuePackets: queues.queueBytesAt(sb, atS) / P };
  }

  it("is not marked where q + its rise stays below K, and is marked where it reaches K — though the mean is the same", () => {
    const low = flightAt(0.05);
    const high = flightAt(0.8);
    // Where it arrives the sawtooth stands at qMin + 0.05 (qMax − qMin) < K − 2.7, and at qMin + 0.8 (qMax − qMin) > K − 2.7.
    expect(low.queuePackets + 2.7).toBeLessThan(K);
    expect(high.queuePackets + 2.7).toBeGreaterThan(K);
    expect(low.verdicts.bursts).toHaveLength(1);
    expect(low.verdicts.judged).toHaveLength(0);
    expect(high.verdicts.judged).toHaveLength(1);
    expect(high.verdicts.judged[0].marked).toBeGreaterThan(0);
    expect(high.verdicts.judged[0].markPort).toBe(2);
  });
});
