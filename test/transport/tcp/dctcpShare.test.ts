// dctcpShare: DCTCP flows settled at one marking port share it by their windows over their round trips (a window marked with probability α + (1 − 1/W)·ρ), not at the max-min share.
import { describe, expect, it } from "vitest";
import { dctcpAlpha } from "../../../src/net/queues/dctcpSawtooth.js";
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import { dctcpShareFactor, markedWindow, restoreDctcpShare, weighByDctcpShare } from "../../../src/transport/tcp/dctcpShare.js";
import { restoreWeight, weighByWindow } from "../../../src/transport/tcp/recoveryShare.js";
import { TcpFlowTable } from "../../../src/transport/tcp/TcpFlowTable.js";
import { transportNetwork } from "../transportModels.js";

const MSS = 1448;
const H = 54;
const P = MSS + H;
const C = 1.25e9; // 10 Gb/s everywhere
const K = 30; // packets at s → b

describe("markedWindow(alpha, rho)", () => {
  it("is the window whose marked windows' cuts (α·W/2 each, one with probability α + (1 − 1/W)·ρ) match its growth of one packet per round trip", () => {
    for (const [alpha, rho] of [
      [0.4, 0.3],
      [0.25, 0.1],
      [0.1, 0.5],
    ]) {
      const w = markedWindow(alpha, rho);
      expect((alpha * w * (alpha + (1 - 1 / w) * rho)) / 2).toBeCloseTo(1, 12);
    }
    // The queue above K for whole round trips (ρ → 0): every window is marked with probability α, W = 2/α².
    expect(markedWindow(0.5, 0)).toBe(8);
    // Marks packed into a moment of each period (α → 0): a window marked once per period, W − 1 → 2T/(α·RTT) = 2/(αρ).
    expect((1e-6 * 0.3 * (markedWindow(1e-6, 0.3) - 1)) / 2).toBeCloseTo(1, 5);
    // Where that window would be marked every time (α + ρ ≥ 1 at it): cut α·W/2 every round trip, W = 2/α.
    expect(markedWindow(0.8, 0.6)).toBeCloseTo(2.5, 12);
  });
});

describe("dctcpShareFactor(alpha, rttS, refAlpha, refRttS, periodRtts)", () => {
  it("is the ratio of the flows' marked windows over their round trips, ρ = RTT / T, T = periodRtts of the reference's round trip", () => {
    expect(dctcpShareFactor(0.25, 50e-6, 0.25, 50e-6, 3)).toBe(1);
    const f = dctcpShareFactor(0.5, 80e-6, 0.3, 40e-6, 3);
    expect(f).toBeCloseTo(markedWindow(0.5, 80 / 40 / 3) / 80 / (markedWindow(0.3, 1 / 3) / 40), 12);
    // Twice the round trip at the same α: between 1/RTT (a long period) and 1/RTT² (marks packed into a moment).
    const twice = dctcpShareFactor(0.3, 80e-6, 0.3, 40e-6, 2.5);
    expect(twice).toBeGreaterThan(0.25);
    expect(twice).toBeLessThan(0.5);
    expect(dctcpShareFactor(0.3, 80e-6, 0.3, 40e-6, 1e12)).toBeCloseTo(0.5, 9);
    expect(dctcpShareFactor(1e-6, 80e-6, 1e-6, 40e-6, 2.5)).toBeCloseTo(0.25, 3);
    // A newcomer's α: twice α* at the same round trip, between (α*/α)² and α*/α.
    const newcomer = dctcpShareFactor(0.6, 50e-6, 0.3, 50e-6, 2.5);
    expect(newcomer).toBeGreaterThan(0.25);
    expect(newcomer).toBeLessThan(0.5);
    // The newcomer of bench/ns3's h12 table (α 0.55, 53.5 µs) against a 2-hop elephant (α 0.33, 29 µs), period 2.5 of its round trips.
    expect(dctcpShareFactor(0.55, 53.5e-6, 0.33, 29e-6, 2.5)).toBeCloseTo(
      markedWindow(0.55, 53.5 / 29 / 2.5) / 53.5 / (markedWindow(0.33, 1 / 2.5) / 29),
      12,
    );
    // Nothing known: no change.
    expect(dctcpShareFactor(0, 50e-6, 0.25, 50e-6, 3)).toBe(1);
    expect(dctcpShareFactor(0.25, 50e-6, Number.NaN, 50e-6, 3)).toBe(1);
    expect(dctcpShareFactor(0.25, 50e-6, 0.25, 50e-6, Number.NaN)).toBe(1);
  });
});

describe("tcp (DCTCP): flows settled at one marking port share it by window over round trip", () => {
  /** a1 —1 µs— s and a2 —`farS`— s, both into s —1 µs, K = 30— b, all 10 Gb/s; DCTCP, no handshake. */
  function twoSenders(farS: number) {
    const t = transportNetwork(["a1", "a2", "s", "b"], [
      { from: "a1", to: "s", bandwidthBps: C, latencyS: 1e-6, bufferBytes: 1000 * P },
      { from: "a2", to: "s", bandwidthBps: C, latencyS: farS, bufferBytes: 1000 * P },
      { from: "s", to: "b", bandwidthBps: C, latencyS: 1e-6, bufferBytes: 1000 * P, ecnThresholdBytes: K * P },
    ]);
    const ctx = t.context.forWorkload("w", { ...TCP_DEFAULTS, cc: "dctcp", handshake: "none", headerBytes: H, delayedAck: 1 });
    ctx.startTransfer({ id: "near", src: "a1", dst: "b", sizeBytes: 100e6 }, () => {});
    ctx.startTransfer({ id: "far", src: "a2", dst: "b", sizeBytes: 100e6 }, () => {});
    return t;
  }

  it("a flow with 5× the base round trip gets its marked window over its round trip, against the near one's, once both α are the port's settled α", () => {
    const t = twoSenders(25e-6);
    const sb = 4; // s → b: channels a1→s, s→a1, a2→s, s→a2, s→b
    // Each flow's weight is set at its α steps with the port's queue then: keep, per flow, the
    // queue just before its weight last moved (sampled every 5 µs).
    const stepQueueS = [NaN, NaN];
    const lastWeight = [NaN, NaN];
    for (let now = 5e-6; now <= 20e-3 + 1e-9; now += 5e-6) {
      const before = t.queues.delayS(sb);
      t.sim.run({ untilS: now });
      for (const f of [0, 1]) {
        const w = t.network.weightOf(f);
        if (w !== lastWeight[f]) stepQueueS[f] = before;
        lastWeight[f] = w;
      }
    }
    expect(t.queues.boundAt(0)).toBe(sb);
    expect(t.queues.boundAt(1)).toBe(sb);
    const alpha = t.queues.steadyAlpha(sb);
    expect(t.queues.alphaOf(0)).toBeCloseTo(alpha, 12);
    expect(t.queues.alphaOf(1)).toBeCloseTo(alpha, 12);
    const near = t.network.rateOf(0);
    const far = t.network.rateOf(1);
    expect(near + far).toBeCloseTo(C, -3);
    // Round trips: base (latency both ways, a packet out and an ACK back per hop) + the queue at s → b.
    const q = t.queues.delayS(sb);
    const rtt = (latS: number) => 2 * (latS + 1e-6) + (2 * P) / C + (2 * H) / C + q;
    // The port's period, eq. 7's sawtooth: each flow cuts (W* + 1)·α*/2 packets once per period and
    // grows one per round trip (W* = (P + K)/2 over the flows' mean base round trip R); the flows'
    // settled α (dctcpSettledAlpha) is below α*.
    const r = (rtt(25e-6) + rtt(1e-6)) / 2;
    const wStar = ((C * (r - q)) / P + K) / 2;
    const period = ((wStar + 1) * dctcpAlpha(wStar)) / 2;
    expect(alpha).toBeLessThan(dctcpAlpha(wStar));
    expect(t.queues.sawtoothCutPackets(sb)).toBeCloseTo(period, 9);
    const rate = (rttS: number) => markedWindow(alpha, rttS / r / period) / rttS;
    const expected = rate(rtt(1e-6)) / rate(rtt(25e-6));
    // Max-min would give 1, windows marked once per period (RTT_far / RTT_near)² = 4.8 (the rule
    // before session 42), every window marked with probability α RTT_far / RTT_near = 2.2.
    expect(expected).toBeGreaterThan(2.5);
    expect(expected).toBeLessThan(3.5);
    // Each weight is taken at its flow's last α step, against a flow at the settled α with the mean
    // base round trip and the queue then (the near flow settled while the queue was 28.4 µs, not
    // 33.8): the rates are in the ratio of the law's windows over round trips at those queues.
    const factorAt = (latS: number, qS: number) => {
      const own = rtt(latS) - q + qS;
      const ref = (rtt(25e-6) + rtt(1e-6)) / 2 - q + qS;
      return (markedWindow(alpha, own / ref / period) / own) * (ref / markedWindow(alpha, 1 / period));
    };
    const atSteps = factorAt(1e-6, stepQueueS[0]) / factorAt(25e-6, stepQueueS[1]);
    expect(near / far).toBeGreaterThan(atSteps * 0.98);
    expect(near / far).toBeLessThan(atSteps * 1.02);
  });
});

describe("weighByDctcpShare / restoreDctcpShare", () => {
  /** One flow of weight 2 alone on a 10 Gb/s link, with a flow table for it. */
  function oneFlow() {
    const n = transportNetwork(["a", "b"], [{ from: "a", to: "b", bandwidthBps: C, latencyS: 1e-6 }]);
    const f = n.network.startFlow({ nodes: Int32Array.of(0, 1), resources: Int32Array.of(0), latencyS: 1e-6 }, 1e9, { weight: 2 });
    n.sim.run({ untilS: 1e-6 });
    const t = new TcpFlowTable();
    t.reserve(f + 1);
    t.take(f);
    t.cwnd[t.slotOf[f]] = 10;
    t.packetBytes[t.slotOf[f]] = P;
    return { ...n, f, t };
  }

  it("scales the flow's own weight by the factor, again from its own weight at every call, and gives it back", () => {
    const { network, f, t } = oneFlow();
    weighByDctcpShare(network, t, f, 0.5);
    expect(network.weightOf(f)).toBe(1);
    weighByDctcpShare(network, t, f, 0.25);
    expect(network.weightOf(f)).toBe(0.5);
    restoreDctcpShare(network, t, f);
    expect(network.weightOf(f)).toBe(2);
    // Nothing to give back twice.
    restoreDctcpShare(network, t, f);
    expect(network.weightOf(f)).toBe(2);
  });

  it("nests with a recovery's weight by window either way round: the flow's own weight comes back at the end", () => {
    // A recovery's weight in force, then the marking port's: the port's law from the flow's own weight.
    const a = oneFlow();
    weighByWindow(a.network, a.t, a.f, 1e-4);
    expect(a.network.weightOf(a.f)).not.toBe(2);
    weighByDctcpShare(a.network, a.t, a.f, 0.5);
    expect(a.network.weightOf(a.f)).toBe(1);
    restoreWeight(a.network, a.t, a.f);
    expect(a.network.weightOf(a.f)).toBe(1);
    restoreDctcpShare(a.network, a.t, a.f);
    expect(a.network.weightOf(a.f)).toBe(2);
    // The marking port's weight, then a recovery's: the recovery's stays until it gives back the flow's own.
    const b = oneFlow();
    weighByDctcpShare(b.network, b.t, b.f, 0.5);
    weighByWindow(b.network, b.t, b.f, 1e-4);
    const recovering = b.network.weightOf(b.f);
    expect(recovering).not.toBe(1);
    restoreDctcpShare(b.network, b.t, b.f);
    expect(b.network.weightOf(b.f)).toBe(recovering);
    restoreWeight(b.network, b.t, b.f);
    expect(b.network.weightOf(b.f)).toBe(2);
  });
});
