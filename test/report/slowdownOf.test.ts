// slowdownOf: fct ÷ ideal with hand-computed values, the round-off clamp, and the cases with no ideal or no finish.
import { describe, expect, it } from "vitest";
import { slowdownOf } from "../../src/report/slowdownOf.js";

describe("slowdownOf(fctS, idealS)", () => {
  it("is fct ÷ ideal", () => {
    // 1 MB at 10 Gb/s over 2 µs of latency: ideal 2e-6 + 8e6 / 1e10 = 0.000802 s; taking 0.001604 s is twice that.
    expect(slowdownOf(0.001604, 0.000802)).toBe(2);
    expect(slowdownOf(3e-6, 2e-6)).toBe(1.5);
    // An empty flow: its ideal is the route's latency (2 µs); a 4 µs handshake before it makes fct 6 µs.
    expect(slowdownOf(6e-6, 2e-6)).toBeCloseTo(3, 12);
    expect(slowdownOf(2.5, 1)).toBe(2.5);
  });

  it("raises a ratio below 1 by round-off only (down to 1 − 1e-9) to 1 and keeps anything further below", () => {
    // 0.3 / (0.1 + 0.2) = 0.9999999999999999 in floats.
    expect(0.3 / (0.1 + 0.2)).toBeLessThan(1);
    expect(slowdownOf(0.3, 0.1 + 0.2)).toBe(1);
    expect(slowdownOf(1 - 5e-10, 1)).toBe(1);
    expect(slowdownOf(1 - 1e-9, 1)).toBe(1);
    expect(slowdownOf(1 - 2e-9, 1)).toBe(1 - 2e-9);
    expect(slowdownOf(0.7, 1)).toBe(0.7);
  });

  it("is 1 when the ideal is 0, whatever the fct (no finite ratio exists)", () => {
    expect(slowdownOf(0, 0)).toBe(1);
    expect(slowdownOf(4.32e-7, 0)).toBe(1);
  });

  it("is NaN for an unfinished flow (fct NaN)", () => {
    expect(slowdownOf(NaN, 2e-6)).toBeNaN();
    expect(slowdownOf(NaN, 0)).toBeNaN();
  });
});
