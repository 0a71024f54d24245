// studentTQuantile: Student t quantiles against published tables and closed forms.
import { describe, expect, it } from "vitest";
import { studentTQuantile } from "../../src/sweep/studentTQuantile.js";

// Published percentage points of Student's t, P(T ≤ t) = p: Abramowitz & Stegun, Handbook of
// Mathematical Functions, Table 26.10, and NIST/SEMATECH e-Handbook of Statistical Methods,
// §1.3.6.7.2 "Critical values of the Student's t distribution", rounded to 4 decimals.
// The last row (df → ∞) is the normal quantile, A&S Table 26.1 / 26.2.
const TABLE: ReadonlyArray<[df: number, p: number, t: number]> = [
  [1, 0.975, 12.7062],
  [2, 0.975, 4.3027],
  [3, 0.975, 3.1824],
  [4, 0.975, 2.7764],
  [5, 0.975, 2.5706],
  [7, 0.975, 2.3646],
  [9, 0.975, 2.2622],
  [10, 0.975, 2.2281],
  [29, 0.975, 2.0452],
  [30, 0.975, 2.0423],
  [120, 0.975, 1.9799],
  [1, 0.995, 63.6567],
  [2, 0.995, 9.9248],
  [5, 0.995, 4.0321],
  [10, 0.995, 3.1693],
  [30, 0.995, 2.75],
  [1, 0.9, 3.0777],
  [5, 0.9, 1.4759],
  [10, 0.9, 1.3722],
  [30, 0.9, 1.3104],
  [120, 0.9, 1.2886],
];

describe("studentTQuantile", () => {
  it("matches the published t table to its 4 decimals", () => {
    for (const [df, p, t] of TABLE) {
      expect(Math.abs(studentTQuantile(p, df) - t), `df=${df}, p=${p}`).toBeLessThanOrEqual(0.5e-4);
    }
  });

  it("tends to the normal quantile as df grows (z.975 = 1.959963985, z.995 = 2.575829304, z.9 = 1.281551566)", () => {
    // A&S 26.2.23 tables z to 9 decimals; t_ν − z ≈ (z³ + z)/(4ν) (A&S 26.7.5) is < 3e-9 at ν = 1e9.
    expect(studentTQuantile(0.975, 1e9)).toBeCloseTo(1.959963985, 8);
    expect(studentTQuantile(0.995, 1e9)).toBeCloseTo(2.575829304, 8);
    expect(studentTQuantile(0.9, 1e9)).toBeCloseTo(1.281551566, 8);
    expect(studentTQuantile(0.975, Infinity)).toBeCloseTo(1.959963985, 9);
    // At ν = 1e6: z + (z³ + z)/(4ν) = 1.959963985 + 9.4885/4e6 = 1.959966357 (next term ≈ 3e-12).
    expect(studentTQuantile(0.975, 1e6)).toBeCloseTo(1.959966357, 8);
  });

  it("decreases in df toward z, continuously across the large-df switch", () => {
    const dfs = [1, 1.5, 2, 3, 10, 100, 1e4, 99999, 100000, 100001, 1e6, 1e8, Infinity];
    const ts = dfs.map((df) => studentTQuantile(0.975, df));
    for (let i = 1; i < ts.length; i++) expect(ts[i], `df=${dfs[i]}`).toBeLessThan(ts[i - 1]);
    // dt/dν ≈ −(z³ + z)/(4ν²) ≈ −2.4e-10 per unit of ν at ν = 1e5: no jump at the switch.
    expect(Math.abs(ts[8] - ts[7])).toBeLessThan(1e-9);
    expect(Math.abs(ts[9] - ts[8])).toBeLessThan(1e-9);
  });

  it("agrees to 1e-12 with the closed forms for df = 1, 2 and 4, from the tails to the median", () => {
    // df = 1 (Cauchy): t = tan(π(p − ½)), written −1/tan(πp) in the lower tail (and mirrored in
    // the upper) where tan near π/2 would lose digits. df = 2: t = (2p − 1)/√(2p(1 − p)).
    // df = 4: α = 4p(1 − p), q = cos(⅓·arccos √α)/√α, t = sign(p − ½)·2√(q − 1).
    const cauchy = (p: number) =>
      p < 0.25 ? -1 / Math.tan(Math.PI * p) : p > 0.75 ? 1 / Math.tan(Math.PI * (1 - p)) : Math.tan(Math.PI * (p - 0.5));
    const two = (p: number) => (2 * p - 1) / Math.sqrt(2 * p * (1 - p));
    const four = (p: number) => {
      const alpha = 4 * p * (1 - p);
      const q = Math.cos(Math.acos(Math.sqrt(alpha)) / 3) / Math.sqrt(alpha);
      return Math.sign(p - 0.5) * 2 * Math.sqrt(q - 1);
    };
    for (const p of [1e-10, 1e-4, 0.01, 0.1, 0.3, 0.45, 0.499, 0.51, 0.75, 0.9, 0.975, 0.999]) {
      expect(studentTQuantile(p, 1) / cauchy(p), `df=1, p=${p}`).toBeCloseTo(1, 12);
      expect(studentTQuantile(p, 2) / two(p), `df=2, p=${p}`).toBeCloseTo(1, 12);
      // Near the median arccos √α with α → 1 costs the df = 4 formula itself digits.
      if (Math.abs(p - 0.5) >= 0.2) expect(studentTQuantile(p, 4) / four(p), `df=4, p=${p}`).toBeCloseTo(1, 12);
    }
  });

  it("keeps relative accuracy next to the median", () => {
    // Near 0 the density is 1/π for df = 1, so t ≈ π(p − ½); p − ½ is exact in floating point.
    const p = 0.5 + 2 ** -40;
    expect(studentTQuantile(p, 1) / (Math.PI * 2 ** -40)).toBeCloseTo(1, 12);
  });

  it("is antisymmetric: t(1 − p) = −t(p)", () => {
    for (const df of [1, 2.5, 7, 30, 1e6]) {
      for (const p of [0.6, 0.9, 0.975, 0.995]) {
        expect(studentTQuantile(1 - p, df)).toBeCloseTo(-studentTQuantile(p, df), 10);
      }
    }
  });

  it("returns 0 at p = ½ for any df", () => {
    for (const df of [0.5, 1, 7, 1e9, Infinity]) expect(studentTQuantile(0.5, df)).toBe(0);
  });

  it("agrees to 1e-13 with 40-digit references, including non-integer df", () => {
    // Computed with mpmath 1.3 (mp.dps = 40): findroot of ½·betainc(ν/2, ½, 0, ν/(ν+t²),
    // regularized=True) − (1 − p) for t > 0.
    const references: ReadonlyArray<[p: number, df: number, t: number]> = [
      [0.975, 7, 2.3646242515927847379],
      [0.975, 2.5, 3.5746548420036817607],
      [0.499, 4, -0.0026666706172941368299],
      [0.995, 0.5, 4113.9645888041738438],
      [1e-10, 30, -9.377489780407143181],
      [0.9, 1e5, 1.2815600314493611406],
    ];
    for (const [p, df, t] of references) expect(studentTQuantile(p, df) / t, `p=${p}, df=${df}`).toBeCloseTo(1, 13);
  });

  it("accepts non-integer df between its integer neighbours", () => {
    const t = studentTQuantile(0.975, 2.5);
    expect(t).toBeLessThan(studentTQuantile(0.975, 2));
    expect(t).toBeGreaterThan(studentTQuantile(0.975, 3));
    expect(studentTQuantile(0.975, 0.5)).toBeGreaterThan(studentTQuantile(0.975, 1));
  });

  it("throws RangeError for p outside (0, 1) or df ≤ 0", () => {
    for (const p of [0, 1, -0.1, 1.5, NaN]) expect(() => studentTQuantile(p, 5)).toThrow(RangeError);
    for (const df of [0, -1, NaN]) expect(() => studentTQuantile(0.975, df)).toThrow(RangeError);
    expect(() => studentTQuantile(0.975, 0)).toThrow(/degrees of freedom must be > 0/);
  });

  it("throws RangeError rather than return a wrong value when |t| would exceed 1e150", () => {
    // df = 1: t(1e-200) = −1/tan(π·1e-200) ≈ −3.2e199.
    expect(() => studentTQuantile(1e-200, 1)).toThrow(RangeError);
  });
});
