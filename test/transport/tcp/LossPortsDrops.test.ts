// LossPorts: an overflowing drop-tail port drops what arrives while it is full — the windows' growth, drawn by the flows' arrivals; a flow with all its packets sent loses none.
import { describe, expect, it } from "vitest";
import { ListPool } from "../../../src/core/ListPool.js";
import { randomStream } from "../../../src/core/randomStream.js";
import { LossPorts } from "../../../src/transport/tcp/LossPorts.js";
import { TcpPhase } from "../../../src/transport/tcp/TcpFlowTable.js";
import { lossPortNetwork } from "./lossPortNetwork.js";

/**
 * a —10 Gb/s— s —1 Gb/s, 20-packet buffer— b; NewReno flows (ACK per segment: +1 segment per
 * 100 µs round trip) a → b of `sizes` bytes, bound at s → b with windows of 9 segments and base
 * RTT 0 (the queue is the windows: 18 of 20 packets for two). `lost` records who lost how many.
 */
function port(sizes: number[]) {
  const { n, route, t, o } = lossPortNetwork();
  const lost: Array<{ f: number; atS: number; packets: number }> = [];
  const ports = new LossPorts(n.sim, n.network, n.queues, n.topology.channelCount, n.topology.resourceCount, t, {
    rttNow: () => 100e-6,
    lost: (f, _r, _rttS, packets) => {
      lost.push({ f, atS: n.sim.nowS, packets });
      t.phase[f] = TcpPhase.Steady;
    },
    recovering: () => {},
  }, new ListPool(), randomStream(1, "lossPorts"));
  const ids = sizes.map((bytes) => n.network.startFlow(route, bytes));
  for (const f of ids) {
    t.reserve(f + 1);
    t.setOptions(t.take(f), o);
    t.phase[f] = TcpPhase.Avoidance;
    t.cwnd[t.slotOf[f]] = 9;
    t.lastS[t.slotOf[f]] = 0;
    t.epochS[t.slotOf[f]] = 0;
    t.baseRttS[t.slotOf[f]] = 0;
  }
  for (const f of ids) ports.join(f, 2);
  ports.update();
  return { n, ids, lost };
}

describe("LossPorts: who loses what at an overflow", () => {
  it("a flow whose packets are all sent brings nothing into the full buffer and loses none", () => {
    // Flow 1 has 9 segments left, all in flight within its window of 9; flow 0 a gigabyte. Flow
    // 1's window keeps in the queue only what it has not delivered, and grows none into it: the
    // buffer fills with flow 0's growth, and what it cannot take is flow 0's growth over its
    // round trip, one packet, flow 0's. Before, the buffer was full at 100 µs (both windows at
    // 10) and each flow on the port lost a packet there, flow 1 too.
    const { n, ids, lost } = port([1e9, 9 * 1448]);
    n.sim.run({ untilS: 2e-3 });
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((l) => l.f === ids[0] && l.packets === 1)).toBe(true);
  });

  it("two flows still sending lose the two packets their windows grow by, between them", () => {
    const { n, ids, lost } = port([1e9, 1e9]);
    n.sim.run({ untilS: 150e-6 });
    expect(lost.length).toBeGreaterThan(0);
    expect(lost.every((l) => ids.includes(l.f) && l.atS === lost[0].atS)).toBe(true);
    expect(lost.reduce((s, l) => s + l.packets, 0)).toBe(2);
  });
});
