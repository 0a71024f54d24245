// slowStartWindow: a slow-start round's growth from its delivered packets, by hand.
import { describe, expect, it } from "vitest";
import { slowStartWindow } from "../../../src/transport/tcp/slowStartWindow.js";

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
