// Tests of sampleDistinct: distinct values in range, each value equally likely.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../src/core/randomStream.js";
import { sampleDistinct } from "../../src/workloads/sampleDistinct.js";

describe("sampleDistinct(m, k, rng)", () => {
  it("returns k distinct values in 0..m−1, all of them when k = m", () => {
    const rng = randomStream(2, "distinct");
    for (let k = 0; k <= 9; k++) {
      const s = sampleDistinct(9, k, rng);
      expect(s.length).toBe(k);
      expect(new Set(s).size).toBe(k);
      expect(s.every((v) => Number.isInteger(v) && v >= 0 && v < 9)).toBe(true);
    }
    expect(sampleDistinct(6, 6, rng).sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("includes each value with probability k/m", () => {
    // Each value's count ~ Binomial(10,000, 2/5): mean 4,000, σ = √(10000·0.4·0.6) ≈ 49.
    const rng = randomStream(2, "distinct-uniform");
    const counts = new Array(5).fill(0);
    for (let i = 0; i < 10_000; i++) for (const v of sampleDistinct(5, 2, rng)) counts[v]++;
    for (const c of counts) expect(Math.abs(c - 4000)).toBeLessThan(4 * Math.sqrt(2400));
  });

  it("rejects k > m", () => {
    expect(() => sampleDistinct(3, 4, randomStream(1, "x"))).toThrow(RangeError);
  });
});
