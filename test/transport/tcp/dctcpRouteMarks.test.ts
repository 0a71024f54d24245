// A DCTCP flow in congestion avoidance is marked each round trip at the marking ports it crosses without being bound there, by the bound flows' law (dctcpRouteMarks).
import { describe, expect, it } from "vitest";
import { dctcpSettledAlpha } from "../../../src/net/queues/dctcpSettledAlpha.js";
import { dctcpAlpha } from "../../../src/net/queues/dctcpSawtooth.js";
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import { dctcpRouteMarks } from "../../../src/transport/tcp/dctcpRouteMarks.js";
import { markedWindow, markedWindowChance } from "../../../src/transport/tcp/dctcpShare.js";
import type { TransferResult } from "../../../src/workloads/Workload.js";
import { transportNetwork } from "../transportModels.js";

const MSS = 1448;
const H = 54;
const P = MSS + H;
const C1 = 1.25e9; // 10 Gb/s
const CB = 1.25e8; // s → b, 1 Gb/s, K = 30 packets
const K = 30;
/** Base RTT a → b or c → b: two hops of 1 µs, a full packet out and an ACK back (17.69 µs). */
const RTT = 4e-6 + P / C1 + P / CB + H / CB + H / C1;

/** a, c —10 Gb/s, 1 µs— s —1 Gb/s, 1 µs, K = 30— b; `longFlows` DCTCP flows of 1 GB c → b. */
function chain(longFlows: number) {
  const t = transportNetwork(["a", "c", "s", "b"], [
    { from: "a", to: "s", bandwidthBps: C1, latencyS: 1e-6, bufferBytes: 300 * P },
    { from: "c", to: "s", bandwidthBps: C1, latencyS: 1e-6, bufferBytes: 300 * P },
    { from: "s", to: "b", bandwidthBps: CB, latencyS: 1e-6, bufferBytes: 300 * P, ecnThresholdBytes: K * P },
  ]);
  const ctx = t.context.forWorkload("w", { ...TCP_DEFAULTS, cc: "dctcp", handshake: "none", headerBytes: H, delayedAck: 1 });
  const results = new Map<string, TransferResult>();
  const send = (id: string, src: string, sizeBytes: number) => ctx.startTransfer({ id, src, dst: "b", sizeBytes }, (r) => results.set(id, r));
  for (let i = 0; i < longFlows; i++) send(`l${i}`, "c", 1e9);
  return { ...t, results };
}

describe("dctcpRouteMarks: the marks of a port a DCTCP flow crosses without being bound there", () => {
  it("a window's chance of a mark is session 42's p = min(1, φ + (1 − 1/W)·ρ), and a round trip's expected cut balances its growth at markedWindow", () => {
    expect(markedWindowChance(0.3, 0.2, 1)).toBeCloseTo(0.3, 12);
    expect(markedWindowChance(0.3, 0.2, 5)).toBeCloseTo(0.3 + 0.8 * 0.2, 12);
    expect(markedWindowChance(0.6, 0.8, 10)).toBe(1);
    // The round trip's map w ↦ W − p(W)·α·W/2 with W = w + 1 sent (DCTCP's +1 a round trip): its
    // fixed point sends markedWindow(α, ρ), the window a bound flow of that α settles at.
    for (const [alpha, rho] of [[0.3, 0.2], [0.5, 0.1], [0.9, 0.05]]) {
      let w = 20;
      for (let i = 0; i < 2000; i++) {
        const sent = w + 1;
        w = sent - (markedWindowChance(alpha, rho, sent) * alpha * sent) / 2;
      }
      expect(w + 1).toBeCloseTo(markedWindow(alpha, rho), 6);
    }
  });

  it("at a port held by 16 DCTCP flows: φ = their settled α, ρ = RTT / T (T = (W* + 1)·α*/2 round trips); an empty marking port marks nothing", () => {
    const c = chain(16);
    c.sim.run({ untilS: 0.2 });
    const r = c.queues.boundAt(0);
    expect(r).toBeGreaterThanOrEqual(0);
    // W* = (P + K)/N, P = C_b × base RTT in packets; the port marks ns-3's settled α of W*.
    const wStar = ((CB * RTT) / P + K) / 16;
    const phi = dctcpSettledAlpha(wStar);
    const periodRtts = ((wStar + 1) * dctcpAlpha(wStar)) / 2;
    expect(c.queues.sawtoothOf(r).markFraction).toBeCloseTo(phi, 9);
    // A flow a → b with the same base RTT and the port's queueing: ρ = 1 / T.
    const route = c.router.route(c.topology.nodeIndex.get("a")!, c.topology.nodeIndex.get("b")!, 0)!;
    const pool = Int32Array.from(route.resources);
    const out = new Float64Array(2);
    const rtt = RTT + c.queues.delayS(r);
    dctcpRouteMarks(c.queues, pool, 0, pool.length, -1, 3, rtt, RTT, P, out);
    expect(out[1]).toBeCloseTo(phi, 9);
    expect(out[0]).toBeCloseTo(Math.min(1, phi + (2 / 3) / periodRtts), 9);
    // Bound there, the sawtooth's own law holds it: nothing more.
    dctcpRouteMarks(c.queues, pool, 0, pool.length, r, 3, rtt, RTT, P, out);
    expect([out[0], out[1]]).toEqual([0, 0]);
    // No flow bound at the port: no queue, below K, no mark.
    const idle = chain(0);
    dctcpRouteMarks(idle.queues, pool, 0, pool.length, -1, 3, RTT, RTT, P, out);
    expect([out[0], out[1]]).toEqual([0, 0]);
  });
});
