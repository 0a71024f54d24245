// dupAcksTell: when three duplicate ACKs tell a loss, and when only the RTO does.
import { describe, expect, it } from "vitest";
import { burstLossTold, windowLossTold } from "../../../src/transport/tcp/dupAcksTell.js";

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

describe("windowLossTold(w, leftPackets)", () => {
  it("counts the rest of the window, plus the new data beyond it", () => {
    // Window 4: 3 behind the one hole.
    expect(windowLossTold(4, 0)).toBe(true);
    // Window 3: 2 behind it, and only 3 packets left, all within the window.
    expect(windowLossTold(3, 3)).toBe(false);
    // Window 3 with 4 left: one more goes out.
    expect(windowLossTold(3, 4)).toBe(true);
  });

  it("counts the other holes out: several packets lost from one window leave fewer behind the first", () => {
    // Window 5, nothing beyond it: one lost leaves 4 behind, three lost leave 2 (the RTO).
    expect(windowLossTold(5, 0, 1)).toBe(true);
    expect(windowLossTold(5, 0, 3)).toBe(false);
    // With data beyond the window, its new packets tell them.
    expect(windowLossTold(5, 20, 3)).toBe(true);
  });

  it("never below a window of 2 segments", () => {
    expect(windowLossTold(1.5, 100)).toBe(false);
  });
});
