// LossPorts and fast recovery: one window decrease per recovery (RFC 6582, RFC 6675) — a flow recovering neither grows nor is cut again by its port's overflow.
import { describe, expect, it } from "vitest";
import { ListPool } from "../../../src/core/ListPool.js";
import { randomStream } from "../../../src/core/randomStream.js";
import { LossPorts } from "../../../src/transport/tcp/LossPorts.js";
import { TcpPhase } from "../../../src/transport/tcp/TcpFlowTable.js";
import { lossPortNetwork } from "./lossPortNetwork.js";

/**
 * a —10 Gb/s, 1 µs— s —1 Gb/s, 1 µs, 20-packet buffer— b; two NewReno flows (ACK per segment:
 * +1 segment per RTT in avoidance) a → b bound at s → b, both on the port's list with windows of
 * `w0` segments. The host's RTT is a fixed 100 µs; `lost` records who lost what, and when.
 */
function port(w0: number) {
  const { n, route, t, o } = lossPortNetwork();
  const rtt = 100e-6;
  const lost: Array<{ f: number; atS: number; w: number }> = [];
  const recovering: Array<{ f: number; atS: number; drops: number; rttS: number }> = [];
  const ports = new LossPorts(n.sim, n.network, n.queues, n.topology.channelCount, n.topology.resourceCount, t, {
    rttNow: () => rtt,
    lost: (f) => {
      lost.push({ f, atS: n.sim.nowS, w: t.cwnd[t.slotOf[f]] });
      // The owner would cut and hold it; here it just leaves avoidance.
      t.phase[f] = TcpPhase.Steady;
    },
    recovering: (f, _r, drops, rttS) => recovering.push({ f, atS: n.sim.nowS, drops, rttS }),
  }, new ListPool(), randomStream(1, "lossPorts"));
  const ids = [0, 1].map(() => n.network.startFlow(route, 1e9));
  for (const f of ids) {
    t.reserve(f + 1);
    t.setOptions(t.take(f), o);
    t.phase[f] = TcpPhase.Avoidance;
    t.cwnd[t.slotOf[f]] = w0;
    t.lastS[t.slotOf[f]] = 0;
    t.epochS[t.slotOf[f]] = 0;
    t.baseRttS[t.slotOf[f]] = 0;
  }
  return { n, t, ports, ids, lost, recovering, rtt, r: 2 };
}

describe("LossPorts: a flow in fast recovery", () => {
  it("is not cut again by an overflow, and its window holds until the recovery ends while the other's grows", () => {
    // Base RTT 0 (the pipe is empty), so the queue is the two windows: 9 + 9 = 18 packets of 20.
    // Flow 1 is recovering until 500 µs. From 0 on, only flow 0 grows, by 1 segment per 100 µs:
    // the queue reaches 20 at 200 µs (flow 0 at 11, flow 1 still 9). The overflow there drops a
    // packet of flow 0 only: flow 1's recovery has not ended, so its window is neither cut nor
    // grown (before, the overflow cut every flow on the port, flow 1 too).
    const { n, t, ports, ids, lost } = port(9);
    // As AvoidanceSteps.enterAvoidance leaves it: its law runs from the recovery's end.
    t.recoveryEndS[t.slotOf[ids[1]]] = t.lastS[t.slotOf[ids[1]]] = t.epochS[t.slotOf[ids[1]]] = 500e-6;
    for (const f of ids) ports.join(f, 2);
    ports.update();
    n.sim.run({ untilS: 300e-6 });
    expect(lost.map((l) => l.f)).toEqual([ids[0]]);
    expect(lost[0].atS).toBeCloseTo(200e-6, 12);
    expect(lost[0].w).toBeCloseTo(11, 9);
    expect(t.windowAt(t.slotOf[ids[1]], 300e-6, 100e-6)).toBe(9);
  });

  it("sends through the full buffer while it overflows: its owner hears of the overflow's drops and its round trip through the full buffer", () => {
    // As the first case: at 200 µs flow 0 is cut (one drop) while flow 1 recovers; flow 1's owner
    // is told once, at 200 µs, of 1 drop and its 100 µs round trip (its retransmissions may be
    // among the drops: LossRecovery.inRecovery). Before, a recovering flow heard of nothing.
    const { n, t, ports, ids, recovering } = port(9);
    t.recoveryEndS[t.slotOf[ids[1]]] = t.lastS[t.slotOf[ids[1]]] = t.epochS[t.slotOf[ids[1]]] = 500e-6;
    for (const f of ids) ports.join(f, 2);
    ports.update();
    n.sim.run({ untilS: 300e-6 });
    expect(recovering).toHaveLength(1);
    expect(recovering[0].f).toBe(ids[1]);
    expect(recovering[0].atS).toBeCloseTo(200e-6, 12);
    expect(recovering[0].drops).toBe(1);
    expect(recovering[0].rttS).toBe(100e-6);
  });

  it("that fills the buffer alone waits: the port overflows only once its recovery has ended", () => {
    // Both recovering, windows 10 + 10 = 20: the buffer is full, but neither is cut; at 400 µs
    // flow 0's recovery ends and it is the one to lose (flow 1 recovers until 600 µs). Before,
    // both lost at 0.
    const { n, t, ports, ids, lost } = port(10);
    t.recoveryEndS[t.slotOf[ids[0]]] = t.lastS[t.slotOf[ids[0]]] = t.epochS[t.slotOf[ids[0]]] = 400e-6;
    t.recoveryEndS[t.slotOf[ids[1]]] = t.lastS[t.slotOf[ids[1]]] = t.epochS[t.slotOf[ids[1]]] = 600e-6;
    for (const f of ids) ports.join(f, 2);
    ports.update();
    n.sim.run({ untilS: 500e-6 });
    expect(lost.map((l) => l.f)).toEqual([ids[0]]);
    expect(lost[0].atS).toBeCloseTo(400e-6, 12);
    expect(lost[0].w).toBeCloseTo(10, 9);
  });
});
