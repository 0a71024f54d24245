// dupAcksTell: when three duplicate ACKs tell a loss, and when only the RTO does.
import { describe, expect, it } from "vitest";
import { burstLossTold, cwrLossTold, fifoBurstLossTold, windowLossTold } from "../../../src/transport/tcp/dupAcksTell.js";

describe("burstLossTold(delivered, lost, leftPackets)", () => {
  it("counts delivered · lost / (lost + 1) survivors behind the first hole, plus the new data left", () => {
    // 4 delivered, 1 lost: 2 behind the hole, no data left — too few.
    expect(burstLossTold(4, 1, 0)).toBe(false);
    // 6 delivered, 1 lost: 3 behind it.
    expect(burstLossTold(6, 1, 0)).toBe(true);
    // 4 delivered, 1 lost, one new packet left: 2 + 1 = 3.
    expect(burstLossTold(4, 1, 1)).toBe(true);
  });

  it("never with no survivor, however much data is left", () => {
    expect(burstLossTold(0, 10, 1000)).toBe(false);
  });
});

describe("fifoBurstLossTold(delivered, lost, leftPackets, fullShare)", () => {
  it("counts only the survivors arriving after the buffer filled, lost · (1 − q) / q, behind the first hole", () => {
    // ns-3's f561 (fattree-websearch-cubic-seed9): its last round of 19, segment 27 of 29 lost, 2
    // delivered behind it: RTO. Holes anywhere in the burst would have 18 · 1 / 2 = 9 behind them.
    expect(burstLossTold(18, 1, 0)).toBe(true);
    expect(fifoBurstLossTold(18, 1, 0, 2 / 3)).toBe(false);
    // A port dropping one arrival in four once full: 3 survivors behind a single hole.
    expect(fifoBurstLossTold(18, 1, 0, 0.25)).toBe(true);
    // Never more behind it than were delivered.
    expect(fifoBurstLossTold(2, 1, 0, 0.01)).toBe(false);
  });

  it("new data left still tells the holes, and no survivor never does", () => {
    expect(fifoBurstLossTold(5, 5, 3, 1)).toBe(true);
    expect(fifoBurstLossTold(0, 10, 1000, 0.5)).toBe(false);
  });
});

describe("cwrLossTold(delivered, behindLast, leftDelivered)", () => {
  it("needs three delivered segments behind the last hole, survivors of the burst or new data", () => {
    // ns-3's q0_3 (incast-dctcp-36x20k): 7, 9–12 lost, 8 and 13 delivered above 7 — two behind the last hole (12 → 13): RTO.
    expect(cwrLossTold(8, 0, 1)).toBe(false);
    // q0_21: 3–5, 7, 9–11 lost; 12 and 13 behind the last: RTO, though four are SACKed above its first hole.
    expect(cwrLossTold(7, 0, 2)).toBe(false);
    // q0_2: 1–5, 7, 9 lost; 10–13 behind the last: every hole resent.
    expect(cwrLossTold(7, 1, 3)).toBe(true);
  });

  it("never with no survivor of the burst (no ACK comes back)", () => {
    expect(cwrLossTold(0, 0, 10)).toBe(false);
  });
});

describe("windowLossTold(w, leftPackets, lost, aheadPackets)", () => {
  it("counts only what is behind the lost packet: the undelivered data less it and the packets ahead of it", () => {
    // Window 10, 5 of its packets queued ahead of the lost one: with 6, 7, 8, 9 packets not yet
    // delivered, 0, 1, 2, 3 are behind it — only three raise the duplicate ACKs. (Counting the
    // rest of the window as behind any loss, each of these was told.)
    expect(windowLossTold(10, 6, 1, 5)).toBe(false);
    expect(windowLossTold(10, 7, 1, 5)).toBe(false);
    expect(windowLossTold(10, 8, 1, 5)).toBe(false);
    expect(windowLossTold(10, 9, 1, 5)).toBe(true);
  });

  it("a flow's last packets lost with nothing queued ahead: told only with three behind", () => {
    // Window 4, nothing ahead: the lost packet and 2 behind it (3 left) — the RTO; 4 left — told.
    expect(windowLossTold(4, 3)).toBe(false);
    expect(windowLossTold(4, 4)).toBe(true);
  });

  it("counts the other holes out: several packets lost leave fewer behind the first", () => {
    // 8 left, 2 ahead: one lost leaves 5 behind, four lost leave 2 (the RTO).
    expect(windowLossTold(10, 8, 1, 2)).toBe(true);
    expect(windowLossTold(10, 8, 4, 2)).toBe(false);
  });

  it("far from the end, told whatever the window's queue", () => {
    expect(windowLossTold(40, 1000, 1, 39)).toBe(true);
  });

  it("never below a window of 2 segments", () => {
    expect(windowLossTold(1.5, 100)).toBe(false);
  });
});
