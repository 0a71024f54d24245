// nddOneWait: the N·D/D/1 law by hand at N = 1 and 2, P(W > 0) = ρ, an exact simulation of the queue, the M/D/1 limit, and many draws against the law's mean.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../../src/core/randomStream.js";
import { nddOneCcdf, nddOneDrawWaitS } from "../../../src/net/queues/nddOneWait.js";

/** A 1,500 B packet at 1 Gb/s (125e6 B/s): 12 µs of service. */
const S = 1500 / 125e6;
const HUGE_BUFFER = 1e12;

/** 8-point Gauss–Legendre nodes and weights on [−1, 1] (exact for polynomials of degree ≤ 15). */
const GL_X = [-0.9602898564975363, -0.7966664774136267, -0.5255324099163290, -0.1834346424956498, 0.1834346424956498, 0.5255324099163290, 0.7966664774136267, 0.9602898564975363];
const GL_W = [0.1012285362903763, 0.2223810344533745, 0.3137066458778873, 0.3626837833783620, 0.3626837833783620, 0.3137066458778873, 0.2223810344533745, 0.1012285362903763];

/** E[W] = ∫₀^N P(W > x) dx in service times, by Gauss–Legendre on each unit interval (the law is smooth within each), stopping once P(W > k) < 1e-17 (the rest is below (N − k)·1e-17). */
function lawMean(sources: number, rho: number): number {
  let sum = 0;
  for (let k = 0; k < Math.ceil(sources); k++) {
    if (nddOneCcdf(k, sources, rho) < 1e-17) break;
    for (let i = 0; i < GL_X.length; i++) sum += 0.5 * GL_W[i] * nddOneCcdf(k + 0.5 + 0.5 * GL_X[i], sources, rho);
  }
  return sum;
}

describe("nddOneCcdf", () => {
  it("N = 1 by hand: the one source's packet is (1 − x) from done with probability (1 − x)/D, D = 1/ρ", () => {
    // The work at a random instant is max(0, 1 − a), a the time since the source's last packet, uniform on [0, D).
    expect(nddOneCcdf(0, 1, 0.5)).toBeCloseTo(0.5, 14);
    expect(nddOneCcdf(0.25, 1, 0.5)).toBeCloseTo(0.375, 14);
    expect(nddOneCcdf(0.9, 1, 0.8)).toBeCloseTo(0.08, 14);
    expect(nddOneCcdf(1, 1, 0.8)).toBe(0);
  });

  it("N = 2 by hand: W = max(0, 1 − a₍₁₎, 2 − a₍₂₎) over the ordered ages of two uniform phases on [0, D)", () => {
    // x ≥ 1: both packets within the last 2 − x: ((2 − x)/D)². x < 1, y = 1 − x: P(a₍₁₎ < y) + P(a₍₁₎ ≥ y, a₍₂₎ < y + 1)
    // = 1 − (1 − y/D)² + 1/D² = 2y/D − y²/D² + 1/D². At ρ = 0.5, D = 4.
    expect(nddOneCcdf(1.5, 2, 0.5)).toBeCloseTo(1 / 64, 14);
    expect(nddOneCcdf(0.5, 2, 0.5)).toBeCloseTo(0.25 - 1 / 64 + 1 / 16, 14);
    expect(nddOneCcdf(0, 2, 0.5)).toBeCloseTo(0.5, 14);
    // At ρ = 0.9, D = 20/9: x = 0.2 (y = 0.8), and x = 1 where both forms meet (1/D²).
    const d = 20 / 9;
    expect(nddOneCcdf(0.2, 2, 0.9)).toBeCloseTo((2 * 0.8) / d - 0.64 / d ** 2 + 1 / d ** 2, 14);
    expect(nddOneCcdf(1, 2, 0.9)).toBeCloseTo(1 / d ** 2, 14);
    expect(nddOneCcdf(2, 2, 0.9)).toBe(0);
  });

  it("P(W > 0) = ρ, the port's busy fraction, for N = 1 … 2,000", () => {
    for (const sources of [1, 2, 3, 10, 100, 2000])
      for (const rho of [0.1, 0.5, 0.95]) expect(Math.abs(nddOneCcdf(0, sources, rho) / rho - 1)).toBeLessThan(1e-9);
  });

  it("agrees with an exact simulation of the queue: 100,000 sets of 5 uniform phases at ρ = 0.8", () => {
    // Reich's formula for a FIFO of unit packets: W = max(0, max_k (k − a₍ₖ₎)) over the ordered ages a₍ₖ₎ (ρ ≤ 1: a window
    // reaching into an earlier period brings N more packets in D ≥ N more time, never more work than time).
    const sources = 5;
    const rho = 0.8;
    const d = sources / rho;
    const random = randomStream(11, "ndd1-reich");
    const draws = 100_000;
    const over = [0, 0.5, 1, 2, 3];
    const counts = over.map(() => 0);
    const ages = new Float64Array(sources);
    for (let i = 0; i < draws; i++) {
      for (let k = 0; k < sources; k++) ages[k] = random() * d;
      ages.sort();
      let w = 0;
      for (let k = 0; k < sources; k++) w = Math.max(w, k + 1 - ages[k]);
      over.forEach((x, j) => {
        if (w > x) counts[j]++;
      });
    }
    over.forEach((x, j) => {
      const p = nddOneCcdf(x, sources, rho);
      // Four binomial standard errors.
      expect(Math.abs(counts[j] / draws - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / draws) + 1e-12);
    });
  });

  it("tends to M/D/1's mean ρ/(2(1 − ρ)) from below as N grows, the shortfall under ρ/((1 − ρ)²N) at N = 2,000", () => {
    // Exact at N = 2, ρ = 0.5 (D = 4) from the forms by hand: ∫₀¹ (y/2 − y²/16 + 1/16) dy + ∫₁² ((2 − x)/4)² dx = 14/48 + 1/48.
    expect(lawMean(2, 0.5)).toBeCloseTo(15 / 48, 12);
    for (const rho of [0.5, 0.8]) {
      const md1 = rho / (2 * (1 - rho));
      const means = [2, 20, 200, 2000].map((n) => lawMean(n, rho));
      for (let i = 1; i < means.length; i++) expect(means[i]).toBeGreaterThan(means[i - 1]);
      // The relative shortfall falls as 1/N (measured ≈ 0.998 and 0.973 of this bound at ρ = 0.5, 0.8): 0.1 % and 1 % here.
      const shortfall = 1 - means[3] / md1;
      expect(shortfall).toBeGreaterThan(0);
      expect(shortfall).toBeLessThan(rho / ((1 - rho) ** 2 * 2000));
    }
  });

  it("a real N between two integers is the mixture of their laws", () => {
    expect(nddOneCcdf(0.5, 2.25, 0.6)).toBeCloseTo(0.75 * nddOneCcdf(0.5, 2, 0.6) + 0.25 * nddOneCcdf(0.5, 3, 0.6), 14);
    expect(nddOneCcdf(0, 1.5, 0.6)).toBeCloseTo(0.6, 14);
  });
});

describe("nddOneDrawWaitS", () => {
  it("inverts the law at the drawn uniform: N = 1 and N = 2 by hand, none at u ≥ ρ", () => {
    // N = 1: P(W > x) = ρ(1 − x) = u at x = 1 − u/ρ.
    expect(nddOneDrawWaitS(0.5, 1, S, HUGE_BUFFER, () => 0.25)).toBeCloseTo(0.5 * S, 15);
    expect(nddOneDrawWaitS(0.5, 1, S, HUGE_BUFFER, () => 0.5)).toBe(0);
    // N = 2, ρ = 0.5 (D = 4): u = 1/64 at x = 1.5; u = 0.3 below 1: y² − 2Dy + (uD² − 1) = 0, y = D − √(D²(1 − u) + 1).
    expect(nddOneDrawWaitS(0.5, 2, S, HUGE_BUFFER, () => 1 / 64)).toBeCloseTo(1.5 * S, 13);
    expect(nddOneDrawWaitS(0.5, 2, S, HUGE_BUFFER, () => 0.3)).toBeCloseTo((1 - (4 - Math.sqrt(16 * 0.7 + 1))) * S, 13);
  });

  it("draws x with P(W > x) = u to 1e-12, in closed form up to 2 sources and by search above", () => {
    for (const sources of [1, 1.3, 2, 2.7, 6, 30])
      for (const rho of [0.2, 0.6, 0.97])
        for (const f of [0.999, 0.9, 0.5, 0.1, 0.01, 1e-4]) {
          const u = f * rho;
          const x = nddOneDrawWaitS(rho, sources, 1, HUGE_BUFFER, () => u);
          expect(x).toBeGreaterThan(0);
          expect(x).toBeLessThan(Math.ceil(sources));
          expect(Math.abs(nddOneCcdf(x, sources, rho) - u)).toBeLessThan(1e-12);
        }
  });

  for (const [sources, rho] of [
    [3, 0.9],
    [2.5, 0.7],
    [12, 0.8],
  ]) {
    it(`200,000 draws at N = ${sources}, ρ = ${rho}: P(0) = 1 − ρ and the mean within 1 % of the law's`, () => {
      const random = randomStream(7, `ndd1-${sources}-${rho}`);
      const n = 200_000;
      let zeros = 0;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const w = nddOneDrawWaitS(rho, sources, S, HUGE_BUFFER, random);
        if (w === 0) zeros++;
        sum += w;
      }
      // Binomial standard error of P(0): sqrt(ρ(1 − ρ)/n) ≤ 0.0011; 4 of them.
      expect(Math.abs(zeros / n - (1 - rho))).toBeLessThan(0.0045);
      expect(Math.abs(sum / n / (lawMean(sources, rho) * S) - 1)).toBeLessThan(0.01);
    });
  }

  it("no draw passes the buffer's B·s, and none is drawn at ρ = 0", () => {
    let calls = 0;
    const counted = () => {
      calls++;
      return 0;
    };
    expect(nddOneDrawWaitS(0, 3, S, 10, counted)).toBe(0);
    expect(calls).toBe(0);
    expect(nddOneDrawWaitS(0.9, 40, S, 2, () => 1e-6)).toBe(2 * S);
  });
});
