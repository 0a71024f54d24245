// The queue a DCTCP flow keeps at a marking port while its flight is limited (a slow-start window, or all it has left): what that flight exceeds the pipe by, not DCTCP's steady sawtooth.
import { describe, expect, it } from "vitest";
import { dctcpAlpha, dctcpSawtooth } from "../../../src/net/queues/dctcpSawtooth.js";
import { dctcpSettledAlpha } from "../../../src/net/queues/dctcpSettledAlpha.js";
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import type { TransferResult } from "../../../src/workloads/Workload.js";
import { transportNetwork } from "../transportModels.js";

const MSS = 1448;
const H = 54;
const P = MSS + H; // 1,502 B on the wire per full segment
const C1 = 1.25e9; // a → s, 10 Gb/s
const CB = 1.25e8; // s → b, 1 Gb/s: the port every flow a → b is bound at
const K = 30; // packets

/**
 * A flow's pipe at s → b: C_b × its base RTT, a full packet out and an ACK (headers only) back
 * over two hops of 1 µs: 2·2 µs + P/C1 + P/C_b + H/C_b + H/C1 = 17.69 µs, 2,211.6 B (1.47 packets).
 */
const RTT = 4e-6 + P / C1 + P / CB + H / CB + H / C1;
const PIPE_BYTES = CB * RTT;
/** W* = P + K of one flow at s → b, its eq. 7 α* and the α it settles at (dctcpSettledAlpha). */
const W_STAR = PIPE_BYTES / P + K;
const STAR = dctcpAlpha(W_STAR);
const SETTLED = dctcpSettledAlpha(W_STAR);
/** The sawtooth one flow of α `alpha` keeps at s → b: eq. 7's, swinging by α* × α / settled α (1 at most). */
const swingOf = (alpha: number): number => Math.min(1, (alpha * STAR) / SETTLED);

/** a —10 Gb/s, 1 µs— s —1 Gb/s, 1 µs, K = 30 packets— b; DCTCP with IW 10 and no handshake. */
function markingChain() {
  const t = transportNetwork(["a", "s", "b"], [
    { from: "a", to: "s", bandwidthBps: C1, latencyS: 1e-6, bufferBytes: 300 * P },
    { from: "s", to: "b", bandwidthBps: CB, latencyS: 1e-6, bufferBytes: 300 * P, ecnThresholdBytes: K * P },
  ]);
  const ctx = t.context.forWorkload("w", { ...TCP_DEFAULTS, cc: "dctcp", handshake: "none", headerBytes: H, delayedAck: 1 });
  const results = new Map<string, TransferResult>();
  const send = (id: string, sizeBytes: number) => ctx.startTransfer({ id, src: "a", dst: "b", sizeBytes }, (r) => results.set(id, r));
  return { ...t, sb: 2, send, results };
}

describe("tcp (DCTCP): the queue at a marking port while a flow's flight is limited", () => {
  it("a transfer its initial window covers keeps its flight's excess over the pipe (8.5 packets), not the sawtooth of a long flow (≈ 29)", () => {
    // 10 segments: 14,480 B, 15,020 B on the wire, all in the first flight. It arrives at s → b
    // at 10 Gb/s and leaves at 1 Gb/s: in flight 15,020 B, of which C_b × RTT fill the pipe and
    // the rest waits at the port — 15,020 − 2,211.6 = 12,808 B. DCTCP's steady sawtooth there
    // (N = 1, K = 30) would be ≈ 29 packets (Alizadeh et al.: between K + 1 − A and K + 1).
    const c = markingChain();
    c.send("x", 10 * MSS);
    c.sim.run({ untilS: 60e-6 });
    expect(c.queues.boundAt(0)).toBe(c.sb);
    const steady = dctcpSawtooth(1, PIPE_BYTES / P, K, 300, P).meanBytes;
    expect(steady / P).toBeGreaterThan(28);
    expect(c.queues.queueBytes(c.sb)).toBeCloseTo(10 * P - PIPE_BYTES, 6);
    c.sim.run();
    expect(c.results.get("x")).toBeDefined();
    expect(c.queues.queueBytes(c.sb)).toBe(0);
  });

  it("a transfer no longer than the pipe keeps no queue; a long flow's first window keeps its excess, and DCTCP's sawtooth once its window grows into the marks", () => {
    // One segment (1,502 B < 2,211.6 B of pipe): nothing waits.
    const small = markingChain();
    small.send("x", MSS);
    small.sim.run({ untilS: 10e-6 });
    expect(small.queues.boundAt(0)).toBe(small.sb);
    expect(small.queues.queueBytes(small.sb)).toBe(0);
    // 2 MB from an initial window of 10: its first flight is 10 packets, 12,808 B beyond the pipe.
    const long = markingChain();
    long.send("y", 2e6);
    long.sim.run({ untilS: 10e-6 });
    expect(long.queues.boundAt(0)).toBe(long.sb);
    expect(long.queues.queueBytes(long.sb)).toBeCloseTo(10 * P - PIPE_BYTES, 6);
    // Marked out of slow start and in avoidance (the 2 MB take 17 ms at 1 Gb/s), the window is no
    // longer limited: the port keeps the sawtooth of one DCTCP flow, swinging by the flow's α.
    long.sim.run({ untilS: 5e-3 });
    expect(long.queues.queueBytes(long.sb)).toBeCloseTo(dctcpSawtooth(1, PIPE_BYTES / P, K, 300, P, swingOf(long.queues.alphaOf(0))).meanBytes, 6);
  });
  it("a settled DCTCP flow's port swings by the flow's α, which runs from its slow-start value to the settled α by g per round trip", () => {
    // Its α when it settles is what slow start left (1 at the start, × 15/16 per unmarked round
    // trip, one EWMA step per marked one: 0.92 here) and moves to the settled α (W* = P + K =
    // 31.47: 0.21, eq. 7's α* 0.25) by (1 − g)^n over n round trips, told to the queues every
    // half-life (10.7 round trips, of about 0.3 ms here: 24 packets queued at 1 Gb/s). 20 MB take
    // 160 ms: by 100 ms the gap is below 0.01 and α is the settled α, the queue eq. 7's steady
    // sawtooth exactly.
    const c = markingChain();
    c.send("y", 20e6);
    const star = SETTLED;
    expect(star).toBeCloseTo(0.2, 1);
    expect(STAR).toBeCloseTo(0.25, 1);
    c.sim.run({ untilS: 0.6e-3 });
    const young = c.queues.alphaOf(0);
    expect(young).toBeGreaterThan(star + 0.5);
    expect(c.queues.queueBytes(c.sb)).toBeCloseTo(dctcpSawtooth(1, PIPE_BYTES / P, K, 300, P, swingOf(young)).meanBytes, 6);
    c.sim.run({ untilS: 5e-3 });
    expect(c.queues.alphaOf(0)).toBeLessThan(young);
    expect(c.queues.alphaOf(0)).toBeGreaterThan(star);
    c.sim.run({ untilS: 100e-3 });
    expect(c.queues.alphaOf(0)).toBe(star);
    expect(c.queues.queueBytes(c.sb)).toBeCloseTo(dctcpSawtooth(1, PIPE_BYTES / P, K, 300, P).meanBytes, 6);
    // The queues take the flow's α as its transport sets it: α = 1 gives A = (W* + 1)/2 = 16.24
    // packets, the queue linear from 31 − 16.24 to 31, mean 22.88 packets.
    c.queues.setAlpha(0, 1, c.sim.nowS);
    expect(c.queues.queueBytes(c.sb) / P).toBeCloseTo(K + 1 - (PIPE_BYTES / P + K + 1) / 4, 9);
  });
});
