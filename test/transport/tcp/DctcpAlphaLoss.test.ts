// DctcpAlpha.marksInLoss: a DCTCP slow-start round a port both marked and dropped moves α by the marks its survivors bring back, as ns-3's TcpDctcp::PktsAcked counts them.
import { describe, expect, it } from "vitest";
import { QueueClass } from "../../../src/net/queues/QueueClass.js";
import { TCP_DEFAULTS } from "../../../src/transport/TransportSpec.js";
import { DctcpAlpha } from "../../../src/transport/tcp/DctcpAlpha.js";
import { TcpFlowTable, TcpPhase } from "../../../src/transport/tcp/TcpFlowTable.js";
import { transportNetwork } from "../transportModels.js";

/** Flow 0, DCTCP (or `cc`) in slow start with α = `alpha`, its α kept by a network's QueueState. */
function alphaOfOneFlow(alpha: number, cc: "dctcp" | "newreno" = "dctcp") {
  const n = transportNetwork(["a", "b"], [{ from: "a", to: "b", bandwidthBps: 1.25e9, latencyS: 1e-6 }], { dctcp: true });
  n.queues.register(0, cc === "dctcp" ? QueueClass.Dctcp : QueueClass.NewReno, 1e-5, 1502);
  const t = new TcpFlowTable();
  t.reserve(1);
  t.setOptions(t.take(0), t.options.push({ ...TCP_DEFAULTS, cc }) - 1);
  t.phase[0] = TcpPhase.SlowStart;
  n.queues.setAlpha(0, alpha, 0);
  return { alphas: new DctcpAlpha(n.sim, n.queues, t, () => 1e-5, n.network), queues: n.queues, t };
}

describe("DctcpAlpha.marksInLoss(f, marked, packets, lostShare)", () => {
  it("moves α g = 1/16 of the way to the fraction marked among the survivors (the port drops only what it would mark)", () => {
    // 10 packets, 8 marked, 40 % lost: 6 got through, 8 − 4 = 4 of them marked: α = 15/16 · 0.5 + 1/16 · 4/6.
    const f = alphaOfOneFlow(0.5);
    f.alphas.marksInLoss(0, 8, 10, 0.4);
    expect(f.queues.alphaOf(0)).toBeCloseTo((15 / 16) * 0.5 + (1 / 16) * (4 / 6), 12);
    // Survivors all marked: towards 1.
    const g = alphaOfOneFlow(0.5);
    g.alphas.marksInLoss(0, 10, 10, 0.8);
    expect(g.queues.alphaOf(0)).toBeCloseTo((15 / 16) * 0.5 + 1 / 16, 12);
  });

  it("leaves α alone for a burst with no survivor (no ACK comes back), outside slow start, and for a flow not DCTCP", () => {
    const none = alphaOfOneFlow(0.5);
    none.alphas.marksInLoss(0, 10, 10, 1);
    expect(none.queues.alphaOf(0)).toBe(0.5);
    const avoiding = alphaOfOneFlow(0.5);
    avoiding.t.phase[0] = TcpPhase.Avoidance;
    avoiding.alphas.marksInLoss(0, 8, 10, 0.4);
    expect(avoiding.queues.alphaOf(0)).toBe(0.5);
    const reno = alphaOfOneFlow(0.5, "newreno");
    reno.alphas.marksInLoss(0, 8, 10, 0.4);
    expect(reno.queues.alphaOf(0)).toBe(0.5);
  });
});
