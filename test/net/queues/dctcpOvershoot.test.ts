// dctcpOvershoot: the queue a DCTCP flow in slow start adds above K before its first ECE, against a packet-by-packet slow start at one marking port.
import { describe, expect, it } from "vitest";
import { dctcpOvershootMarks, dctcpOvershootPacketTimes, dctcpOvershootPackets, windowAtFirstMark } from "../../../src/net/queues/dctcpOvershoot.js";

/**
 * One flow in slow start (initial window 10, an ACK per segment, each ACK sending two) through a
 * FIFO that serves one packet per unit time and marks a packet that finds K or more waiting; a
 * packet's ACK is back P − 1 after its service ends (one packet alone: a round trip of P). Runs
 * until the first marked packet's ACK comes back; returns the most packets found waiting and the packets marked.
 */
function slowStartToEce(k: number, pipe: number): { peak: number; marked: number } {
  const acks: Array<{ atS: number; seq: number; marked: boolean }> = [];
  const departures: number[] = [];
  let busyUntil = 0;
  let peak = 0;
  let seq = 0;
  let marked = 0;
  const arrive = (t: number) => {
    const waiting = Math.max(0, departures.filter((d) => d > t).length - (busyUntil > t ? 1 : 0));
    peak = Math.max(peak, waiting);
    busyUntil = Math.max(t, busyUntil) + 1;
    departures.push(busyUntil);
    if (waiting >= k) marked++;
    acks.push({ atS: busyUntil + pipe - 1, seq: seq++, marked: waiting >= k });
  };
  for (let i = 0; i < 10; i++) arrive(0);
  for (;;) {
    acks.sort((a, b) => a.atS - b.atS || a.seq - b.seq);
    const ack = acks.shift()!;
    if (ack.marked) return { peak, marked };
    arrive(ack.atS);
    arrive(ack.atS);
  }
}

describe("dctcpOvershootPackets", () => {
  it("an ACK per segment: the queue peaks at 2K + P, K + P above K, as a packet-by-packet slow start finds", () => {
    // K and P of the cases: 10 Gb/s × 1 µs fat-tree (20, 9), 10 Gb/s × 5 µs leaf-spine (80, 36), 40 Gb/s fat-tree (80, 46); and K < P.
    for (const [k, pipe] of [[20, 9], [80, 36], [80, 46], [30, 25], [20, 40], [40, 80]]) {
      const over = dctcpOvershootPackets(k, pipe, 2, k + pipe, Infinity);
      expect(over).toBe(k + pipe);
      const sim = slowStartToEce(k, pipe);
      expect(k + over).toBe(sim.peak);
      // Every packet that found K queued is marked: the first, and two for each of the K + P acknowledged before its ECE.
      expect(dctcpOvershootMarks(k, pipe, 2, k + pipe, Infinity)).toBe(sim.marked);
    }
  });

  it("half as much with a delayed ACK every two segments (growth 1.5), and no more than the flow has left", () => {
    expect(dctcpOvershootMarks(80, 36, 1.5, 116, Infinity)).toBe(175);
    expect(dctcpOvershootMarks(80, 36, 2, 116, 50)).toBe(50);
    expect(dctcpOvershootMarks(80, 36, 2, 12, Infinity)).toBe(25);
    expect(dctcpOvershootPackets(80, 36, 1.5, 116, Infinity)).toBe(58);
    expect(dctcpOvershootPackets(80, 36, 2, 116, 50)).toBe(50);
    expect(dctcpOvershootPackets(80, 36, 2, 116, -3)).toBe(0);
    // A flow that found the queue at K already (window 12): it grows by its window, not K + P.
    expect(dctcpOvershootPackets(80, 36, 2, 12, Infinity)).toBe(12);
  });

  it("holds the port for its rise (K + P) and its drain (itself)", () => {
    expect(dctcpOvershootPacketTimes(80, 36, 116)).toBe(232);
  });

  it("the window at the first mark: a lone flow that filled the queue to K has K + P", () => {
    // Window w = 70 at the round's start, pipe P = 36 full, its own w − P = 34 queued: 2(K − 34) = 92 packets go out
    // before the queue reaches K = 80 (one more queued per packet time, two sent per ACK), the other 48 of its 140 above K.
    expect(windowAtFirstMark(70, 140 - 48, 2, false, 140)).toBe(116);
    // One whose first packet found K queued: its window at the round's start; a first flight: all of it.
    expect(windowAtFirstMark(12, 0, 2, false, 24)).toBe(12);
    expect(windowAtFirstMark(0, 3, 2, true, 10)).toBe(10);
  });
});
