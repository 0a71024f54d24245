// DCTCP at a port that stands at K: a newcomer cut for its slow start's marks there is marked again (cut by α/2 at its α, floor 2) every round trip it sends there while the port's queue is at ≥ K over at least half its cycle; below that, never again.
import { describe, expect, it } from "vitest";
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import { TCP_COLUMNS } from "../../../src/transport/tcp/tcpModel.js";
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
  const alphas: Array<{ atS: number; alpha: number }> = [];
  const setAlpha = n.queues.setAlpha.bind(n.queues);
  n.queues.setAlpha = (f, alpha, nowS) => {
    if (f === x) alphas.push({ atS: nowS, alpha });
    setAlpha(f, alpha, nowS);
  };
  const setFlowCap = n.network.setFlowCap.bind(n.network);
  n.network.setFlowCap = (f, bps) => {
    if (f === x) caps.push({ atS: n.sim.nowS, bps });
    setFlowCap(f, bps);
  };
  let result: TransferResult | undefined;
  n.sim.at(atS, () => ctx.startTransfer({ id: "x", src: "a", dst: "b", sizeBytes: segments * MSS }, (r) => (result = r)));
  return { ...n, sb, x, caps, alphas, result: () => result };
}

describe("DCTCP: a newcomer at a port that stands at K", () => {
  it("six long flows hold s → b at ≥ K over 17 of its 32 samples: once its slow start is cut for their marks, each round trip the newcomer's window is cut again by α/2 at its α, to the floor of 2", () => {
    // Six flows settled at s → b: W* = (5.4 + 30)/6 = 5.9, eq. 7's α* ≈ 0.56, the queue swings
    // by A = N(W* + 1)α*/2 ≈ 11.6 below K + N = 36: at ≥ K for N/A ≈ 0.52 of the cycle (17 of
    // its 32 samples), its mean ≥ K. The newcomer's slow start is marked there (its second round
    // drains at its share of the busy port) and cut; from then, one round trip apart, every cap
    // is the last window × (1 − α/2) at the α it had — no growth in between (ns-3's CWR) — never
    // below 2, and α takes a step of g = 1/16 towards the port's share at ≥ K (17/32) each time.
    // Main cut it once, then grew it by one a round trip.
    const c = newcomer(6, 60, 0.06);
    c.sim.run({ untilS: 0.06 });
    const share = c.queues.aboveKShare(c.sb, P);
    expect(share).toBe(17 / 32);
    c.sim.run({ untilS: 0.07 });
    expect(c.result()).toBeDefined();
    // The cut for the slow start's marks: the first cap below the one before.
    const cut = c.caps.findIndex((k, i) => i > 0 && k.bps < c.caps[i - 1].bps);
    expect(cut).toBeGreaterThan(0);
    const steps = c.caps.slice(cut);
    const rtt = steps[1].atS - steps[0].atS;
    expect(rtt).toBeGreaterThan(235e-6);
    expect(rtt).toBeLessThan(250e-6);
    const windows = steps.map((k) => (k.bps * rtt) / P);
    // α as it stood at each cap (set at the same instant, before the cap).
    const alphaAt = (atS: number) => c.alphas.filter((a) => a.atS <= atS + 1e-12).at(-1)!.alpha;
    let w = windows[0];
    let alpha = alphaAt(steps[0].atS);
    let i = 1;
    for (; i < windows.length && windows[i] < Infinity; i++) {
      expect(steps[i].atS - steps[i - 1].atS).toBeCloseTo(rtt, 9);
      const next = Math.max(2, w * (1 - alpha / 2));
      expect(windows[i]).toBeCloseTo(next, 6);
      alpha = (15 / 16) * alpha + share / 16;
      expect(alphaAt(steps[i].atS)).toBeCloseTo(alpha, 12);
      w = next;
    }
    // Halved to the floor within three round trips, and held there until the window covers the rest.
    expect(windows[3]).toBeCloseTo(2, 6);
    expect(i).toBe(windows.length - 1);
    expect(windows[i]).toBe(Infinity);
    // flows.csv's mark_cuts: the slow start's cut, then one at each of the i round trips after it
    // (the last, at the floor, leaves a window that covers the rest: its cap is lifted).
    expect(steps[i].atS - steps[i - 1].atS).toBeCloseTo(rtt, 9);
    const markCuts = Number(c.context.transportRuns.get("tcp")!.cells(c.x)![TCP_COLUMNS.indexOf("mark_cuts")]);
    expect(markCuts).toBe(i + 1);
  });

  it("two long flows hold s → b at ≥ K over less than half its cycle: the newcomer is not marked again, its window grows by one a round trip", () => {
    // Two flows: W* = 17.7, α* ≈ 0.33, A ≈ 6.2 below K + 2 = 32: at ≥ K over 2/A ≈ 0.32 of the
    // cycle, its mean below K. Whatever marks its slow start, no round trip after its cut is
    // cut again: after the one cut, no cap is smaller than the one before.
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
