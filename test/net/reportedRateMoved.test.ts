// reportedRateMoved: a change beyond 1e-13 relative, or to or from 0, is reported; round-off below it is not.
import { describe, expect, it } from "vitest";
import { reportedRateMoved } from "../../src/net/reportedRateMoved.js";

describe("reportedRateMoved", () => {
  it("reports a move beyond 1e-13 of the larger rate and keeps one below it", () => {
    expect(reportedRateMoved(1e9, 1e9)).toBe(false);
    expect(reportedRateMoved(1e9, 1e9 * (1 + 5e-14))).toBe(false);
    expect(reportedRateMoved(1e9 * (1 + 5e-14), 1e9)).toBe(false);
    expect(reportedRateMoved(1e9, 1e9 * (1 + 2e-13))).toBe(true);
    expect(reportedRateMoved(1e9 * (1 + 2e-13), 1e9)).toBe(true);
    expect(reportedRateMoved(1.25e9, 1e9)).toBe(true);
  });

  it("reports every move to or from 0, however small the other rate", () => {
    expect(reportedRateMoved(0, 0)).toBe(false);
    expect(reportedRateMoved(0, 1e-300)).toBe(true);
    expect(reportedRateMoved(1e-300, 0)).toBe(true);
  });
});
