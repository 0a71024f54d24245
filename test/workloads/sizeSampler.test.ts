// Tests of flow-size samplers: sample statistics against closed forms, with fixed seeds.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { randomStream } from "../../src/core/randomStream.js";
import { loadCdf } from "../../src/workloads/loadCdf.js";
import { sizeSampler } from "../../src/workloads/sizeSampler.js";
import type { CdfPoint } from "../../src/workloads/empiricalCdf.js";

function draw(spec: Parameters<typeof sizeSampler>[0], n: number): { mean: number; values: Float64Array } {
  const s = sizeSampler(spec, randomStream(42, "sizes-test"));
  const values = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += values[i] = s.sample();
  return { mean: sum / n, values };
}

/** Mean and second moment of a piecewise-linear CDF, computed independently of the source. */
function cdfMoments(p: CdfPoint[]): { mean: number; second: number } {
  let mean = p[0].cdf * p[0].sizeBytes;
  let second = p[0].cdf * p[0].sizeBytes ** 2;
  for (let i = 1; i < p.length; i++) {
    const a = p[i - 1].sizeBytes, b = p[i].sizeBytes, w = p[i].cdf - p[i - 1].cdf;
    mean += (w * (a + b)) / 2; // uniform on [a, b]
    second += (w * (a * a + a * b + b * b)) / 3;
  }
  return { mean, second };
}

describe("sizeSampler(spec, rng)", () => {
  it("fixed: always the size, rounded to whole bytes", () => {
    const s = sizeSampler({ fixed: 1500.4 }, randomStream(1, "x"));
    expect([s.sample(), s.sample(), s.meanBytes]).toEqual([1500, 1500, 1500]);
  });

  it("never returns less than 1 byte", () => {
    const { values } = draw({ exponential: { meanBytes: 0.2 } }, 1000);
    expect(values.reduce((a, b) => Math.min(a, b), Infinity)).toBe(1);
    expect(values.every((v) => Number.isInteger(v))).toBe(true);
  });

  it("exponential: sample mean within 4 standard errors of the mean", () => {
    // σ = mean for an exponential, so se = mean/√n; rounding moves the mean by < 0.5 B.
    const n = 100_000, m = 1e6;
    const { mean } = draw({ exponential: { meanBytes: m } }, n);
    expect(Math.abs(mean - m)).toBeLessThan((4 * m) / Math.sqrt(n));
  });

  it("lognormal: median and log-mean at ln(median), mean = median·e^(σ²/2)", () => {
    const n = 100_000, median = 1e5, sigma = 1.5;
    expect(sizeSampler({ lognormal: { medianBytes: median, sigma } }, randomStream(1, "x")).meanBytes).toBeCloseTo(
      median * Math.exp(1.125),
      6,
    );
    const { values } = draw({ lognormal: { medianBytes: median, sigma } }, n);
    const logs = Array.from(values, Math.log).sort((a, b) => a - b);
    const logMean = logs.reduce((a, b) => a + b, 0) / n;
    // ln X ~ Normal(ln median, σ): se of its mean is σ/√n; se of the sample median is σ·√(π/2)/√n.
    // Rounding to bytes shifts ln X by < 0.5/250 for all but a 1e-5 fraction of draws: negligible.
    expect(Math.abs(logMean - Math.log(median))).toBeLessThan((4 * sigma) / Math.sqrt(n));
    expect(Math.abs(logs[n / 2] - Math.log(median))).toBeLessThan((4 * sigma * Math.sqrt(Math.PI / 2)) / Math.sqrt(n));
  });

  it("pareto shape 2.5: sample mean within 4 standard errors, minimum at x_m = mean·(α−1)/α", () => {
    // Var = x_m²·α/((α−1)²(α−2)) = (0.6m)²·2.5/(2.25·0.5) = 0.8m², so se = √0.8·m/√n.
    const n = 400_000, m = 1e6;
    const { mean, values } = draw({ pareto: { meanBytes: m, shape: 2.5 } }, n);
    expect(Math.abs(mean - m)).toBeLessThan((4 * Math.sqrt(0.8) * m) / Math.sqrt(n));
    // P(X < 600,100) = 1 − (600100/600000)^−2.5 ≈ 4.2e-4, so ≈ 170 of n draws fall below it.
    const min = values.reduce((a, b) => Math.min(a, b), Infinity);
    expect(min).toBeGreaterThanOrEqual(600_000);
    expect(min).toBeLessThan(600_100);
  });

  it("cdf websearch: sample mean within 4 standard errors of the piecewise-linear mean", () => {
    const { mean: exact, second } = cdfMoments(loadCdf("websearch"));
    const n = 200_000;
    const s = sizeSampler({ cdf: "websearch" }, randomStream(1, "x"));
    expect(s.meanBytes).toBeCloseTo(exact, 3);
    const { mean } = draw({ cdf: "websearch" }, n);
    expect(Math.abs(mean - exact)).toBeLessThan((4 * Math.sqrt(second - exact * exact)) / Math.sqrt(n));
  });

  it("cdf datamining: half the flows are exactly one 1460-byte packet", () => {
    // The first segment is a jump to cdf 0.5 at 1460 B: P(size = 1460) = 0.5, se = 0.5/√n.
    const n = 100_000;
    const { values, mean } = draw({ cdf: "datamining" }, n);
    const ones = values.filter((v) => v === 1460).length / n;
    expect(Math.abs(ones - 0.5)).toBeLessThan((4 * 0.5) / Math.sqrt(n));
    const { mean: exact, second } = cdfMoments(loadCdf("datamining"));
    expect(Math.abs(mean - exact)).toBeLessThan((4 * Math.sqrt(second - exact * exact)) / Math.sqrt(n));
  });

  it("rejects invalid parameters with InputError", () => {
    const rng = randomStream(1, "x");
    expect(() => sizeSampler({ fixed: 0 }, rng)).toThrow(InputError);
    expect(() => sizeSampler({ exponential: { meanBytes: -1 } }, rng)).toThrow(/meanBytes/);
    expect(() => sizeSampler({ lognormal: { medianBytes: 1e3, sigma: -1 } }, rng)).toThrow(/sigma/);
    expect(() => sizeSampler({ pareto: { meanBytes: 1e3, shape: 1 } }, rng)).toThrow(/shape must be a number > 1/);
    expect(() => sizeSampler({ cdf: "nope" }, rng)).toThrow(/unknown flow-size CDF/);
  });
});
