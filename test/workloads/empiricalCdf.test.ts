// Tests of piecewise-linear CDF quantiles and means, against hand calculations.
import { describe, expect, it } from "vitest";
import { cdfMeanBytes, cdfQuantileBytes, type CdfPoint } from "../../src/workloads/empiricalCdf.js";

const pts = (rows: Array<[number, number]>): CdfPoint[] => rows.map(([sizeBytes, cdf]) => ({ sizeBytes, cdf }));

describe("cdfQuantileBytes(points, u)", () => {
  it("interpolates linearly inside a segment", () => {
    // Segment (50000, 0.4)–(80000, 0.53): 50000 + 30000·(0.45−0.4)/0.13.
    const p = pts([[0, 0], [50000, 0.4], [80000, 0.53], [100000, 1]]);
    expect(cdfQuantileBytes(p, 0.45)).toBeCloseTo(50000 + (30000 * 0.05) / 0.13, 6);
    expect(cdfQuantileBytes(p, 0.2)).toBeCloseTo(25000, 6);
  });

  it("returns the first size for u at or below the first cdf (a point mass)", () => {
    const p = pts([[1460, 0.5], [2920, 1]]);
    expect(cdfQuantileBytes(p, 0)).toBe(1460);
    expect(cdfQuantileBytes(p, 0.5)).toBe(1460);
    expect(cdfQuantileBytes(p, 0.75)).toBeCloseTo(2190, 9);
  });

  it("treats a repeated size as a jump and returns segment ends exactly", () => {
    const p = pts([[1460, 0], [1460, 0.5], [2920, 0.6], [4380, 1]]);
    expect(cdfQuantileBytes(p, 0.3)).toBe(1460);
    expect(cdfQuantileBytes(p, 0.6)).toBe(2920);
    expect(cdfQuantileBytes(p, 1)).toBe(4380);
  });
});

describe("cdfMeanBytes(points)", () => {
  it("is the midpoint of a single uniform segment", () => {
    expect(cdfMeanBytes(pts([[0, 0], [100, 1]]))).toBe(50);
  });

  it("adds the first point's mass at its size", () => {
    // 0.5·10 + 0.5·(10+20)/2 = 12.5
    expect(cdfMeanBytes(pts([[10, 0.5], [20, 1]]))).toBe(12.5);
  });
});
