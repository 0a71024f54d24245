// quantiles: count, mean and d3's R-7 percentiles, the one-value shortcut included.
import { quantileSorted } from "d3-array";
import { describe, expect, it } from "vitest";
import { quantiles, quantilesOfRange } from "../../src/report/quantiles.js";

/** quantiles as d3 computes them on the sorted sample, without shortcuts. */
function reference(values: number[]) {
  const xs = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  const sum = values.filter((x) => !Number.isNaN(x)).reduce((a, x) => a + x, 0);
  const q = (p: number) => (xs.length > 0 ? quantileSorted(xs, p)! : NaN);
  return { count: xs.length, mean: xs.length > 0 ? sum / xs.length : NaN, p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}

describe("quantiles", () => {
  it("gives d3's count, mean and percentiles for one value (with NaNs around it), as for longer samples", () => {
    const samples = [[0.0012345], [-0], [5e-324], [1e300], [NaN, 3.5, NaN], [2, 1], [3, 1, 2, NaN, 10], []];
    for (const s of samples) expect(quantiles(s), JSON.stringify(s)).toEqual(reference(s));
    expect(Object.is(quantiles([-0]).p50, -0)).toBe(true);
  });
});

describe("quantilesOfRange", () => {
  it("gives quantiles' numbers for every range of 2,000 random arrays (NaNs, ±0, repeats, empty ranges)", () => {
    let seed = 7;
    const rnd = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const pick = () => [NaN, 0, -0, 1, 1e-9, 3.5, -2, Math.PI][Math.floor(rnd() * 8)];
    for (let i = 0; i < 2000; i++) {
      const values = Float64Array.from({ length: Math.floor(rnd() * 12) }, () => (rnd() < 0.5 ? pick() : rnd() * 10));
      const from = Math.floor(rnd() * (values.length + 1));
      const to = from + Math.floor(rnd() * (values.length - from + 1));
      const expected = quantiles(Array.from(values.subarray(from, to)));
      expect(quantilesOfRange(values, from, to), `${Array.from(values)} [${from}, ${to})`).toEqual(expected);
    }
  });
});
