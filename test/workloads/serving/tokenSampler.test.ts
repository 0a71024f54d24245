// tokenSampler and timeSampler: each distribution's mean against its closed form, whole tokens ≥ 1.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../../src/core/randomStream.js";
import { timeSampler } from "../../../src/workloads/serving/timeSampler.js";
import { tokenSampler } from "../../../src/workloads/serving/tokenSampler.js";

const N = 200_000;

function meanAndSd(draw: () => number): { mean: number; sd: number; min: number; max: number; whole: boolean } {
  let sum = 0;
  let sq = 0;
  let min = Infinity;
  let max = -Infinity;
  let whole = true;
  for (let i = 0; i < N; i++) {
    const x = draw();
    sum += x;
    sq += x * x;
    min = Math.min(min, x);
    max = Math.max(max, x);
    whole &&= Number.isInteger(x);
  }
  const mean = sum / N;
  return { mean, sd: Math.sqrt(sq / N - mean * mean), min, max, whole };
}

describe("tokenSampler", () => {
  it("fixed counts are returned as given", () => {
    const draw = tokenSampler({ fixed: 512 }, randomStream(1, "t"));
    expect([draw(), draw()]).toEqual([512, 512]);
  });

  it("uniform covers min…max inclusive with mean (min + max)/2", () => {
    // Uniform on 100…1000: mean 550, sd = √(((901)² − 1)/12) ≈ 260.1; 4 standard errors ≈ 2.3.
    const s = meanAndSd(tokenSampler({ uniform: { min: 100, max: 1000 } }, randomStream(1, "u")));
    expect(s.whole).toBe(true);
    expect([s.min, s.max]).toEqual([100, 1000]);
    expect(Math.abs(s.mean - 550)).toBeLessThan((4 * Math.sqrt((901 ** 2 - 1) / 12)) / Math.sqrt(N));
  });

  it("exponential rounds to whole tokens ≥ 1 and keeps the mean (rounding changes it by < 0.01 for mean 128)", () => {
    const s = meanAndSd(tokenSampler({ exponential: { mean: 128 } }, randomStream(1, "e")));
    expect(s.whole && s.min >= 1).toBe(true);
    expect(Math.abs(s.mean - 128)).toBeLessThan((4 * 128) / Math.sqrt(N));
  });

  it("lognormal has mean median·e^(σ²/2)", () => {
    // median 512, σ 0.5: mean 512·e^0.125 = 580.17; sd = mean·√(e^0.25 − 1) = 309.2.
    const s = meanAndSd(tokenSampler({ lognormal: { median: 512, sigma: 0.5 } }, randomStream(1, "l")));
    const mean = 512 * Math.exp(0.125);
    expect(Math.abs(s.mean - mean)).toBeLessThan((4 * mean * Math.sqrt(Math.exp(0.25) - 1)) / Math.sqrt(N));
  });
});

describe("timeSampler", () => {
  it("fixed, exponential and lognormal durations have their stated means", () => {
    expect(timeSampler({ fixed: 0.005 }, randomStream(1, "f")).sample()).toBe(0.005);
    const exp = timeSampler({ exponential: { meanS: 0.005 } }, randomStream(1, "x"));
    expect(exp.meanS).toBe(0.005);
    expect(Math.abs(meanAndSd(() => exp.sample()).mean - 0.005)).toBeLessThan((4 * 0.005) / Math.sqrt(N));
    const logn = timeSampler({ lognormal: { medianS: 0.01, sigma: 1 } }, randomStream(1, "y"));
    expect(logn.meanS).toBeCloseTo(0.01 * Math.exp(0.5), 15);
    const sd = logn.meanS * Math.sqrt(Math.E - 1);
    expect(Math.abs(meanAndSd(() => logn.sample()).mean - logn.meanS)).toBeLessThan((4 * sd) / Math.sqrt(N));
  });
});
