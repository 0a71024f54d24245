// slowStartWindow: a slow-start round's growth from its delivered packets, by hand.
import { describe, expect, it } from "vitest";
import { fifoSurvivorsBehind } from "../../../src/transport/tcp/dupAcksTell.js";
import { lossRoundSent, slowStartWindow } from "../../../src/transport/tcp/slowStartWindow.js";

describe("slowStartWindow(w, lostLast, growth, windowSegs)", () => {
  it("doubles a window with no loss (growth 2), and grows 1.5× with delayed ACKs (growth 1.5)", () => {
    expect(slowStartWindow(10, 0, 2, 1000)).toBe(20);
    expect(slowStartWindow(10, 0, 1.5, 1000)).toBe(15);
  });

  it("grows only by the packets delivered (a lost one raises no ACK)", () => {
    expect(slowStartWindow(10, 4, 2, 1000)).toBe(16);
    expect(slowStartWindow(10, 12, 2, 1000)).toBe(10);
  });

  it("never beyond the send window", () => {
    expect(slowStartWindow(10, 0, 2, 12)).toBe(12);
  });
});

describe("the round after a slow-start round that lost (lossRoundSent, fifoSurvivorsBehind)", () => {
  it("a train whose tail a full drop-tail port dropped whole: two packets per ACK ahead of the hole, the holes still in flight", () => {
    // ns-3 rtt-mix-cubic-4class, rtt2_1 at 15.69–15.87 ms: of a round of ~155 packets the last 87 were
    // dropped, none got through behind the first hole; the next round sends 2 × 68 = 136 packets, window 223.
    expect(fifoSurvivorsBehind(68, 87, 1)).toBe(0);
    const next = slowStartWindow(155, 87 + fifoSurvivorsBehind(68, 87, 1), 2, 1e4);
    expect(next).toBe(223);
    expect(lossRoundSent(next, 87)).toBe(136);
  });

  it("survivors behind the hole raise duplicate ACKs: one packet each, no growth", () => {
    // 320 sent, 175 lost at a port that dropped 0.88 of what arrived while full: 175 / 0.88 arrived
    // then, 175 × 0.12 / 0.88 = 23.86 of them got through behind the hole; 121.14 ahead of it.
    const behind = fifoSurvivorsBehind(145, 175, 0.88);
    expect(behind).toBeCloseTo(23.864, 3);
    const next = slowStartWindow(320, 175 + behind, 2, 1e4);
    expect(next).toBeCloseTo(441.136, 3);
    // 2 × 121.14 + 23.86 = 266.14 packets go out.
    expect(lossRoundSent(next, 175)).toBeCloseTo(266.136, 3);
  });

  it("no more behind than were delivered, none where the port's share is not known, and a round with no loss sends its window", () => {
    expect(fifoSurvivorsBehind(3, 10, 0.5)).toBe(3);
    expect(fifoSurvivorsBehind(50, 10, 0)).toBe(0);
    expect(lossRoundSent(slowStartWindow(10, 0, 2, 1e4), 0)).toBe(20);
  });
});
