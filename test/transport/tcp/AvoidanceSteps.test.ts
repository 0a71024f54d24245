// AvoidanceSteps (through TcpFlows on one link): a window-limited NewReno flow's window grows one segment per RTT, checked every quarter of growth; `covers` lifts the cap exactly when the window holds what is left.
import { describe, expect, it } from "vitest";
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import type { TransferResult } from "../../../src/workloads/Workload.js";
import { NS3_HEADER_BYTES as H, transportNetwork } from "../transportModels.js";

const MSS = 1448;
const P = MSS + H; // 1,502 B on the wire per full segment
const C = 1.25e8; // 1 Gb/s, bytes/s
const L = 1e-3; // one-way latency, s

/**
 * a —1 Gb/s, 1 ms, `bufferPackets` of buffer— b; one NewReno transfer (an ACK per segment) of
 * `segments` full segments, no handshake. Records every rate cap TcpFlows sets on the flow, as
 * windows (cap · RTT / P); the pipe is C · RTT / P ≈ 166 packets.
 */
function oneFlow(segments: number, bufferPackets = 1000, during?: (n: ReturnType<typeof transportNetwork>) => void) {
  const n = transportNetwork(["a", "b"], [{ from: "a", to: "b", bandwidthBps: C, latencyS: L, bufferBytes: bufferPackets * P }]);
  const ctx = n.context.forWorkload("w", { ...TCP_DEFAULTS, cc: "newreno", delayedAck: 1, headerBytes: H, handshake: "none", windowBytes: 1e9 });
  const rtt = 2 * L + (P + H) / C;
  const caps: Array<{ atS: number; w: number }> = [];
  const setFlowCap = n.network.setFlowCap.bind(n.network);
  n.network.setFlowCap = (f, bps) => {
    caps.push({ atS: n.sim.nowS, w: (bps * rtt) / P });
    setFlowCap(f, bps);
  };
  during?.(n);
  let result: TransferResult | undefined;
  ctx.startTransfer({ id: "x", src: "a", dst: "b", sizeBytes: segments * MSS }, (r) => (result = r));
  n.sim.run();
  return { caps, rtt, fct: () => result!.finishS - result!.startS };
}

describe("AvoidanceSteps: congestion avoidance of a window-limited flow", () => {
  it("NewReno's window grows one segment per RTT: a step of w/4 RTTs, capped at the window half-way through it", () => {
    // A 20-packet buffer ends slow start with a loss at ~139 segments; fast recovery holds the
    // cut window (the cap set twice, the second at the check that finds it recovering), and the
    // steps follow from its end. From the first step's window w₀ (its cap is the window half-way,
    // w₀ + w₀/8): step k lasts w_k/4 RTTs and w_{k+1} = w_k + w_k/4 (one segment per RTT), so
    // w_k = w₀·1.25^k, capped at 1.125·w_k. Five steps stay below the pipe (166): window-limited.
    const f = oneFlow(40_000, 20);
    // (The start and the first flight set the same cap too, at 0 and L.)
    const held = f.caps.findIndex((c, i) => c.atS > L && c.w === f.caps[i - 1].w);
    const steps = f.caps.slice(held + 1, held + 6);
    let w = steps[0].w / 1.125;
    let atS = steps[0].atS;
    for (const s of steps) {
      expect(s.w).toBeLessThan(166);
      expect(s.atS).toBeCloseTo(atS, 9);
      expect(s.w).toBeCloseTo(1.125 * w, 9);
      atS += (w / 4) * f.rtt;
      w += w / 4;
    }
  });

  it("covers: the cap is lifted in the round whose window holds all that is left, not one round before", () => {
    // Slow start sends 10, 20, 40 segments in rounds 0, 1, 2 (AvoidanceSteps.applyWindow caps each
    // at w·P/RTT). 70 segments: round 2's window of 40 holds exactly the 40 left, so it goes at
    // line rate: FCT = L + 2 RTT + 40·P/C. 71: 41 are left, round 2 is still capped (40 in its RTT)
    // and round 3 (80) sends the last one: FCT = L + 3 RTT + P/C.
    const exact = oneFlow(70);
    expect(exact.caps.filter((c) => c.atS >= L).map((c) => c.w)).toEqual([expect.closeTo(10, 9), expect.closeTo(20, 9), Infinity]);
    expect(exact.fct()).toBeCloseTo(L + 2 * exact.rtt + (40 * P) / C, 12);
    const over = oneFlow(71);
    expect(over.caps.filter((c) => c.atS >= L).map((c) => c.w)).toEqual([expect.closeTo(10, 9), expect.closeTo(20, 9), expect.closeTo(40, 9), Infinity]);
    expect(over.fct()).toBeCloseTo(L + 3 * over.rtt + P / C, 12);
  });

  it("a queue that comes and goes on its route between two checks re-caps the window at the round trip it makes (ns-3's ACK clock)", () => {
    // a —1 Gb/s, 1 ms, 20 packets— s —10 Gb/s, 1 µs, K = 50 packets— b. The NewReno flow x (a → b)
    // leaves slow start at a's 20-packet buffer and is window-limited in avoidance (~110–160
    // packets in a ~2 ms round trip, ≤ 1 Gb/s). Between two of its checks an rdma transfer y
    // (c → b, 40 Gb/s in) takes the rest of s → b, where it holds the queue at K, and finishes before
    // x's next check. A window-limited sender sends its window once per round trip through the
    // queue: x's cap is the check's window w over RTT + K/C₂ while y is there, and over RTT again
    // once y is done. Without the re-cap the check's cap held until the next check, whatever the queue.
    const C2 = 1.25e9;
    const K = 50 * P;
    const run = (yAtS?: number, yBytes = 0) => {
      const n = transportNetwork(["a", "s", "b", "c"], [
        { from: "a", to: "s", bandwidthBps: C, latencyS: L, bufferBytes: 20 * P },
        { from: "s", to: "b", bandwidthBps: C2, latencyS: 1e-6, bufferBytes: 1000 * P, ecnThresholdBytes: K },
        { from: "c", to: "s", bandwidthBps: 5e9, latencyS: 1e-6 },
      ]);
      const ctx = n.context.forWorkload("w", { ...TCP_DEFAULTS, cc: "newreno", delayedAck: 1, headerBytes: H, handshake: "none", windowBytes: 1e9 });
      const caps: Array<{ atS: number; w: number }> = [];
      const setFlowCap = n.network.setFlowCap.bind(n.network);
      const rtt = 2 * (L + 1e-6) + (P + H) / C + (P + H) / C2;
      n.network.setFlowCap = (f, bps) => {
        if (f === 0) caps.push({ atS: n.sim.nowS, w: (bps * rtt) / P });
        setFlowCap(f, bps);
      };
      let yDoneS = NaN;
      ctx.startTransfer({ id: "x", src: "a", dst: "b", sizeBytes: 40_000 * MSS }, () => {});
      if (yAtS !== undefined) {
        const rdma = n.context.forWorkload("r", { model: "rdma" });
        n.sim.at(yAtS, () => rdma.startTransfer({ id: "y", src: "c", dst: "b", sizeBytes: yBytes }, (r) => (yDoneS = r.finishS)));
      }
      n.sim.run();
      return { caps, rtt, yDoneS, delayS: K / C2 };
    };
    const plain = run();
    // The recovery's cap set twice (as above), past the first flight's (set at the start and again at its activation).
    const held = plain.caps.findIndex((c, i) => i > 1 && c.w === plain.caps[i - 1].w);
    const [from, to] = [plain.caps[held + 2], plain.caps[held + 3]];
    expect(from.w).toBeLessThan((C * plain.rtt) / P);
    const yAtS = from.atS + (to.atS - from.atS) / 4;
    // y runs at ~9 Gb/s of s → b for about a quarter of the span between the checks.
    const f = run(yAtS, ((to.atS - from.atS) / 4) * 1.1e9);
    expect(f.yDoneS).toBeLessThan(to.atS);
    // Until y comes the two runs set the same caps.
    expect(f.caps.filter((c) => c.atS < yAtS)).toEqual(plain.caps.filter((c) => c.atS < yAtS));
    const between = f.caps.filter((c) => c.atS > yAtS && c.atS < to.atS - 1e-9);
    // (Caps are recorded as windows at the base round trip: w · RTT / (RTT + K/C₂) while y's queue is there.)
    expect(between.map((c) => c.w)).toEqual([expect.closeTo((from.w * f.rtt) / (f.rtt + f.delayS), 9), expect.closeTo(from.w, 9)]);
    expect(between[1].atS).toBeCloseTo(f.yDoneS, 12);
    // The next check comes when it was due, its window grown by the law as before.
    const next = f.caps.find((c) => c.atS > f.yDoneS)!;
    expect(next.atS).toBeCloseTo(to.atS, 12);
  });
});
