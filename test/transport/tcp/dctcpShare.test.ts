// dctcpShare: DCTCP flows settled at one marking port share it by their windows over their round trips, 1/(α · RTT²), not at the max-min share.
import { describe, expect, it } from "vitest";
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import { dctcpShareFactor, restoreDctcpShare, weighByDctcpShare } from "../../../src/transport/tcp/dctcpShare.js";
import { restoreWeight, weighByWindow } from "../../../src/transport/tcp/recoveryShare.js";
import { TcpFlowTable } from "../../../src/transport/tcp/TcpFlowTable.js";
import { transportNetwork } from "../transportModels.js";

const MSS = 1448;
const H = 54;
const P = MSS + H;
const C = 1.25e9; // 10 Gb/s everywhere
const K = 30; // packets at s → b

describe("dctcpShareFactor(alpha, rttS, refAlpha, refRttS)", () => {
  it("is (refAlpha / alpha) · (refRttS / rttS)²: W = 2T / (α · RTT) over the port's common period T, rate W / RTT", () => {
    expect(dctcpShareFactor(0.25, 50e-6, 0.25, 50e-6)).toBe(1);
    // Twice α: half the window, half the rate.
    expect(dctcpShareFactor(0.5, 50e-6, 0.25, 50e-6)).toBeCloseTo(0.5, 12);
    // Twice the round trip: half the window and each window takes twice as long.
    expect(dctcpShareFactor(0.25, 100e-6, 0.25, 50e-6)).toBeCloseTo(0.25, 12);
    // Both: the newcomer of bench/ns3's h12 table (α 0.55, 53.5 µs) against a 2-hop elephant (α 0.33, 29 µs).
    expect(dctcpShareFactor(0.55, 53.5e-6, 0.33, 29e-6)).toBeCloseTo((0.33 / 0.55) * (29 / 53.5) ** 2, 12);
    // Nothing known: no change.
    expect(dctcpShareFactor(0, 50e-6, 0.25, 50e-6)).toBe(1);
    expect(dctcpShareFactor(0.25, 50e-6, Number.NaN, 50e-6)).toBe(1);
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

  it("a flow with 5× the base round trip gets ≈ (RTT_near / RTT_far)² of the near one's rate once both α are α*", () => {
    const t = twoSenders(25e-6);
    t.sim.run({ untilS: 20e-3 });
    const sb = 4; // s → b: channels a1→s, s→a1, a2→s, s→a2, s→b
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
    const expected = (rtt(25e-6) / rtt(1e-6)) ** 2;
    // Max-min would give 1. Each weight is taken at its flow's last α step, with the port's queue
    // then (the near flow settled while the sawtooth's mean was 28.4 µs, not 33.8): within 15 %.
    expect(expected).toBeGreaterThan(3);
    expect(near / far).toBeGreaterThan(expected * 0.85);
    expect(near / far).toBeLessThan(expected * 1.15);
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
    t.cwnd[f] = 10;
    t.packetBytes[f] = P;
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
