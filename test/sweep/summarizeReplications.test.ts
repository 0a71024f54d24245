// summarizeReplications: mean, sd and Student-t interval checked against hand computations.
import { describe, expect, it } from "vitest";
import { summarizeReplications } from "../../src/sweep/summarizeReplications.js";

describe("summarizeReplications", () => {
  it("computes mean, sample sd and the 95% interval of a small sample", () => {
    // 2, 4, 4, 4, 5, 5, 7, 9: n = 8, mean 40/8 = 5; deviations −3 −1 −1 −1 0 0 2 4, squares sum
    // to 32, so sd = √(32/7) = 2.1380899; sd/√8 = √(4/7) = 0.7559289.
    // t_{0.975, 7} = 2.364624 (A&S Table 26.10), half width 2.364624 × 0.7559289 = 1.787488,
    // interval [3.212512, 6.787488].
    const s = summarizeReplications([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.n).toBe(8);
    expect(s.excluded).toBe(0);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(2.1380899, 6);
    expect(s.halfWidth).toBeCloseTo(1.787488, 5);
    expect(s.ciLow).toBeCloseTo(3.212512, 5);
    expect(s.ciHigh).toBeCloseTo(6.787488, 5);
  });

  it("widens with the confidence level", () => {
    // Same sample at 99%: t_{0.995, 7} = 3.499483 (A&S Table 26.10), half width
    // 3.499483 × 0.7559289 = 2.645361.
    const s = summarizeReplications([2, 4, 4, 4, 5, 5, 7, 9], 0.99);
    expect(s.halfWidth).toBeCloseTo(2.645361, 5);
  });

  it("uses t with one degree of freedom for two values", () => {
    // 1, 3: mean 2, sd = √((1 + 1)/1) = √2, half width = 12.706205 × √2/√2 = 12.706205.
    const s = summarizeReplications([1, 3]);
    expect(s.mean).toBe(2);
    expect(s.sd).toBeCloseTo(Math.SQRT2, 12);
    expect(s.halfWidth).toBeCloseTo(12.706205, 5);
    expect(s.ciLow).toBeCloseTo(-10.706205, 5);
    expect(s.ciHigh).toBeCloseTo(14.706205, 5);
  });

  it("gives the mean but no spread for a single value", () => {
    const s = summarizeReplications([42]);
    expect(s).toEqual({ n: 1, excluded: 0, mean: 42, sd: NaN, ciLow: NaN, ciHigh: NaN, halfWidth: NaN });
  });

  it("gives NaN everywhere for no values", () => {
    const s = summarizeReplications([]);
    expect(s).toEqual({ n: 0, excluded: 0, mean: NaN, sd: NaN, ciLow: NaN, ciHigh: NaN, halfWidth: NaN });
  });

  it("collapses the interval onto the mean when all values are equal", () => {
    const s = summarizeReplications([0.1, 0.1, 0.1, 0.1]);
    expect(s.mean).toBe(0.1);
    expect(s.sd).toBe(0);
    expect(s.halfWidth).toBe(0);
    expect(s.ciLow).toBe(0.1);
    expect(s.ciHigh).toBe(0.1);
  });

  it("excludes and counts non-finite values (failed runs)", () => {
    // Left with 1, 3: the same summary as the two-value case.
    const s = summarizeReplications([NaN, 1, Infinity, 3, NaN]);
    expect(s.n).toBe(2);
    expect(s.excluded).toBe(3);
    expect(s.mean).toBe(2);
    expect(s.halfWidth).toBeCloseTo(12.706205, 5);
    expect(summarizeReplications([NaN, NaN])).toMatchObject({ n: 0, excluded: 2, mean: NaN });
  });

  it("throws RangeError for a confidence outside (0, 1)", () => {
    for (const c of [0, 1, 95, -0.5, NaN]) expect(() => summarizeReplications([1, 2, 3], c)).toThrow(RangeError);
  });
});
