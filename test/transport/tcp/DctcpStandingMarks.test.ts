// DCTCP at a port that stands at K: a newcomer's first flight is marked on arrival, and its window is marked again (halved, floor 2) every round trip it sends there while the port's queue is at ≥ K over at least half its cycle.
import { describe, expect, it } from "vitest";
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import type { TransferResult } from "../../../src/workloads/Workload.js";
import { NS3_HEADER_BYTES as H, transportNetwork } from "../transportModels.js";

const MSS = 1448;
const P = MSS + H; // 1,502 B on the wire per full segment
const C = 1.25e9; // 10 Gb/s everywhere
const K = 30; // s → b marks at 30 packets

/**
 * c0 … c(n−1) —1 µs— s —1 µs, K = 30— b and a —100 µs— s, all 10 Gb/s, DCTCP (an ACK per
 * segment, no handshake). `long` flows of 2 GB from the c's settle at s → b (W* = (P + K)/N with
 * P ≈ 5.4 packets); at `atS` a newcomer of `segments` from a: its round trip (≈ 245 µs) is long
 * against theirs, so its share of s → b holds ~29 packets a round trip and a window of a few
 * packets keeps it window-limited (not bound there). Records the newcomer's rate caps, with the
 * round trip it reads then (from the queues: base + the ports' mean queueing both ways).
 */
function newcomer(long: number, segments: number, atS: number) {
  const names = Array.from({ length: long }, (_, i) => `c${i}`);
  const links = [
    ...names.map((c) => ({ from: c, to: "s", bandwidthBps: C, latencyS: 1e-6, bufferBytes: 300 * P })),
    { from: "a", to: "s", bandwidthBps: C, latencyS: 100e-6, bufferBytes: 300 * P },
    { from: "s", to: "b", bandwidthBps: C, latencyS: 1e-6, bufferBytes: 300 * P, ecnThresholdBytes: K * P },
  ];
  const n = transportNetwork([...names, "a", "s", "b"], links);
  const ctx = n.context.forWorkload("w", { ...TCP_DEFAULTS, cc: "dctcp", handshake: "none", headerBytes: H, delayedAck: 1, windowBytes: 1e9 });
  for (const c of names) ctx.startTransfer({ id: c, src: c, dst: "b", sizeBytes: 2e9 }, () => {});
  const x = long;
  const sb = n.topology.channelBetween(n.topology.nodeIndex.get("s")!, n.topology.nodeIndex.get("b")!);
  const caps: Array<{ atS: number; bps: number }> = [];
  const setFlowCap = n.network.setFlowCap.bind(n.network);
  n.network.setFlowCap = (f, bps) => {
    if (f === x) caps.push({ atS: n.sim.nowS, bps });
    setFlowCap(f, bps);
  };
  let result: TransferResult | undefined;
  n.sim.at(atS, () => ctx.startTransfer({ id: "x", src: "a", dst: "b", sizeBytes: segments * MSS }, (r) => (result = r)));
  return { ...n, sb, x, caps, result: () => result };
}

describe("DCTCP: a newcomer at a port that stands at K", () => {
  it("six long flows hold s → b at ≥ K over 17 of its 32 samples: the newcomer's first flight is marked, and each round trip after halves its window to the floor of 2", () => {
    // Six flows settled at s → b: W* = (5.4 + 30)/6 = 5.9, eq. 7's α* ≈ 0.56, the queue swings
    // by A = N(W* + 1)α*/2 ≈ 11.6 below K + N = 36: at ≥ K for N/A ≈ 0.52 of the cycle (17 of its 32
    // samples), its mean ≥ K. So the newcomer's first flight (10 packets at line
    // rate, drained as fast) finds the queue above K and is marked whole: one round trip on, α =
    // 1 (15/16 · 1 + 1/16 · 1) and the window is cut to 5; then every round trip it is cut
    // again at the α it has (1: 2.5; then ≈ 0.97: 2.5 · 0.51 < 2, so 2) and α moves towards the
    // port's share at ≥ K. Main never marked the first flight (its arrivals never exceed the
    // drain) and cut the second round once (then +1 a round trip).
    const c = newcomer(6, 40, 0.06);
    c.sim.run({ untilS: 0.06 });
    const share = c.queues.aboveKShare(c.sb, P);
    expect(share).toBeGreaterThanOrEqual(0.5);
    expect(share).toBeLessThan(0.6);
    c.sim.run({ untilS: 0.07 });
    expect(c.result()).toBeDefined();
    // The caps after the first flight (the first one set as it starts, then one a round trip).
    // The caps: 10 at the start and as the first flight arrives, then one a round trip from the cut.
    expect((c.caps[0].bps * (c.caps[3].atS - c.caps[2].atS)) / P).toBeCloseTo(10, 6);
    const rtt = c.caps[3].atS - c.caps[2].atS;
    expect(rtt).toBeGreaterThan(235e-6);
    expect(rtt).toBeLessThan(250e-6);
    expect(c.caps[2].atS - c.caps[1].atS).toBeCloseTo(rtt, 9);
    const windows = c.caps.slice(2).map((k) => (k.bps * rtt) / P);
    // 40 segments: 10 in the first flight, then 5, 2.5 and 2 a round trip: 30 − 7.5 = 22.5 at 2
    // a round trip, 11 round trips, and the last 0.5 in the round whose window covers it, at
    // line rate — 13 capped round trips after the cut. (One cut and +1 a round trip would send
    // 5, 6, 7, 8, 9 ≥ 30 in 5.)
    expect(windows.length).toBe(14);
    expect(windows[0]).toBeCloseTo(5, 6);
    expect(windows[1]).toBeCloseTo(2.5, 6);
    for (let i = 2; i < 13; i++) expect(windows[i]).toBeCloseTo(2, 6);
    expect(windows[13]).toBe(Infinity);
    for (let i = 3; i < c.caps.length; i++) expect(c.caps[i].atS - c.caps[i - 1].atS).toBeCloseTo(rtt, 9);
  });

  it("two long flows hold s → b at ≥ K over less than half its cycle: the newcomer is not marked again, its window grows by one a round trip", () => {
    // Two flows: W* = 17.7, α* ≈ 0.33, A ≈ 6.2 below K + 2 = 32: at ≥ K over 2/A ≈ 0.32 of the
    // cycle, its mean below K. The first flight meets the mean queue below K and drains as fast
    // as it arrives: unmarked. Whatever marks its slow start later, no round trip after its cut
    // is cut again: every cap after the first avoidance one is larger than the one before.
    const c = newcomer(2, 200, 0.06);
    c.sim.run({ untilS: 0.06 });
    const share = c.queues.aboveKShare(c.sb, P);
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.5);
    c.sim.run({ untilS: 0.08 });
    expect(c.result()).toBeDefined();
    const finite = c.caps.filter((k) => k.bps < Infinity);
    // Slow start doubles (10, 20, 40 … a round trip) until marked; then avoidance never falls.
    const falls = finite.slice(1).filter((k, i) => k.bps < finite[i].bps);
    expect(falls.length).toBeLessThanOrEqual(1);
  });
});
