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
function oneFlow(segments: number, bufferPackets = 1000) {
  const n = transportNetwork(["a", "b"], [{ from: "a", to: "b", bandwidthBps: C, latencyS: L, bufferBytes: bufferPackets * P }]);
  const ctx = n.context.forWorkload("w", { ...TCP_DEFAULTS, cc: "newreno", delayedAck: 1, headerBytes: H, handshake: "none", windowBytes: 1e9 });
  const rtt = 2 * L + (P + H) / C;
  const caps: Array<{ atS: number; w: number }> = [];
  const setFlowCap = n.network.setFlowCap.bind(n.network);
  n.network.setFlowCap = (f, bps) => {
    caps.push({ atS: n.sim.nowS, w: (bps * rtt) / P });
    setFlowCap(f, bps);
  };
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
});
