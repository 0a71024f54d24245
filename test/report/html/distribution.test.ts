// Tests of distribution: a CDF at fixed probabilities, equal at p50 and p99 to the percentiles the CSVs give.
import { describe, expect, it } from "vitest";
import { CDF_PROBABILITIES, distribution } from "../../../src/report/html/distribution.js";
import { quantiles } from "../../../src/report/quantiles.js";

describe("distribution", () => {
  it("has 121 probabilities, ascending from 0 to 1, dense in the tail", () => {
    expect(CDF_PROBABILITIES).toHaveLength(121);
    expect(CDF_PROBABILITIES[0]).toBe(0);
    expect(CDF_PROBABILITIES.at(-1)).toBe(1);
    for (let i = 1; i < CDF_PROBABILITIES.length; i++) expect(CDF_PROBABILITIES[i]).toBeGreaterThan(CDF_PROBABILITIES[i - 1]);
    expect(CDF_PROBABILITIES).toContain(0.999);
  });

  it("gives R-7 quantiles: the p50 and p99 of workloads.csv, the minimum and maximum at 0 and 1", () => {
    const xs = Array.from({ length: 1000 }, (_, i) => ((i * 7919) % 1000) / 10);
    const d = distribution("w", [...xs, NaN]);
    const q = quantiles(xs);
    expect(d.count).toBe(1000);
    expect(d.values[CDF_PROBABILITIES.indexOf(0.5)]).toBe(q.p50);
    expect(d.values[CDF_PROBABILITIES.indexOf(0.99)]).toBe(q.p99);
    expect(d.values[0]).toBe(0);
    expect(d.values.at(-1)).toBe(99.9);
    // Hand-derived: p = 0.9 of 0, 0.1, …, 99.9 sits at index 0.9 × 999 = 899.1 → 89.9 + 0.1 × 0.1.
    expect(d.values[CDF_PROBABILITIES.indexOf(0.9)]).toBeCloseTo(89.91, 10);
  });

  it("is empty for no value", () => {
    expect(distribution("w", [NaN])).toEqual({ name: "w", count: 0, values: [] });
  });
});
