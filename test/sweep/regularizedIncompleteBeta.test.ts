// regularizedIncompleteBeta: I_x(a, b) against its closed forms.
import { describe, expect, it } from "vitest";
import { regularizedIncompleteBeta } from "../../src/sweep/regularizedIncompleteBeta.js";

describe("regularizedIncompleteBeta", () => {
  it("matches I_x(a, 1) = xᵃ and I_x(1, b) = 1 − (1 − x)ᵇ", () => {
    for (const x of [1e-6, 0.1, 0.5, 0.9, 0.999]) {
      for (const s of [0.5, 2, 7.5, 40]) {
        expect(regularizedIncompleteBeta(s, 1, x) / x ** s, `a=${s}, x=${x}`).toBeCloseTo(1, 12);
        expect(regularizedIncompleteBeta(1, s, x), `b=${s}, x=${x}`).toBeCloseTo(1 - (1 - x) ** s, 13);
      }
    }
  });

  it("matches I_x(½, ½) = (2/π)·arcsin √x", () => {
    for (const x of [1e-12, 0.01, 0.3, 0.5, 0.7, 0.99]) {
      expect(regularizedIncompleteBeta(0.5, 0.5, x) / ((2 / Math.PI) * Math.asin(Math.sqrt(x)))).toBeCloseTo(1, 12);
    }
  });

  it("is symmetric: I_x(a, b) = 1 − I_{1−x}(b, a)", () => {
    for (const [a, b, x] of [[2.5, 3, 0.3], [10, 0.5, 0.95], [0.5, 50, 0.01]] as const) {
      expect(regularizedIncompleteBeta(a, b, x) + regularizedIncompleteBeta(b, a, 1 - x)).toBeCloseTo(1, 13);
    }
  });

  it("uses the given 1 − x to keep tiny results relative-accurate", () => {
    // I_y(½, ½) with y = 1e-30 (x = 1 − y rounds to 1): (2/π)·arcsin(1e-15) = 6.366198e-16.
    expect(regularizedIncompleteBeta(0.5, 0.5, 1e-30, 1) / ((2 / Math.PI) * 1e-15)).toBeCloseTo(1, 12);
    expect(regularizedIncompleteBeta(0.5, 0.5, 1, 0)).toBe(1);
    expect(regularizedIncompleteBeta(0.5, 0.5, 0)).toBe(0);
  });

  it("throws RangeError for a, b ≤ 0 or x outside [0, 1]", () => {
    expect(() => regularizedIncompleteBeta(0, 1, 0.5)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(1, -1, 0.5)).toThrow(RangeError);
    expect(() => regularizedIncompleteBeta(1, 1, 1.5)).toThrow(RangeError);
  });
});
