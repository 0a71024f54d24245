// studentTQuantile: the inverse CDF of Student's t distribution, for confidence intervals of replications.
import { logBeta } from "./logBeta.js";
import { regularizedIncompleteBeta } from "./regularizedIncompleteBeta.js";

/**
 * Above this many degrees of freedom the quantile comes from a series in 1/ν anchored
 * here, where the continued fraction still gives ~1e-12 relative accuracy.
 */
const LARGE_DF = 1e5;
/** Beyond this |t|, t² overflows and the tail can no longer be evaluated. */
const MAX_ABS_T = 1e150;

/** x = ν/(ν + t²) and y = 1 − x = t²/(ν + t²), each computed without cancellation or overflow. */
function betaArguments(t: number, df: number): { x: number; y: number } {
  if (t > 1) {
    const r = df / (t * t); // 1 − x alone would round to 1 for large t, losing x
    return { x: r / (1 + r), y: 1 / (1 + r) };
  }
  const t2 = t * t;
  return { x: df / (df + t2), y: t2 / (df + t2) };
}

/** P(T > t) for t ≥ 0: ½·I_x(ν/2, ½) (Abramowitz & Stegun 26.5.27 / 26.7.1). */
function upperTail(t: number, df: number): number {
  const { x, y } = betaArguments(t, df);
  return 0.5 * regularizedIncompleteBeta(df / 2, 0.5, x, y);
}

/** P(0 < T ≤ t) for t ≥ 0: ½·I_y(½, ν/2), the complement of the tail, accurate for small t. */
function centralMass(t: number, df: number): number {
  const { x, y } = betaArguments(t, df);
  return 0.5 * regularizedIncompleteBeta(0.5, df / 2, y, x);
}

/** The density of Student's t: (1 + t²/ν)^(−(ν+1)/2) / (√ν · B(ν/2, ½)). */
function density(t: number, df: number, logNorm: number): number {
  return Math.exp(-((df + 1) / 2) * Math.log1p((t * t) / df) - logNorm);
}

/**
 * The p-quantile of Student's t distribution with `df` degrees of freedom: the t with
 * P(T ≤ t) = p. For a two-sided 95% interval use p = 0.975 (e.g. df = 7 → 2.364624).
 *
 * `df` may be any positive real (integer or not); Infinity gives the standard normal
 * quantile. Quantiles beyond ±1e150 (only for extreme p, e.g. within 3e-151 of 0 or 1 when
 * df = 1) throw a RangeError rather than lose accuracy. Method: the CDF via the regularized
 * incomplete beta function, P(T > t) = ½·I_{ν/(ν+t²)}(ν/2, ½) (Abramowitz & Stegun 26.7.1),
 * inverted by Newton's method safeguarded by bisection on a bracket (Numerical Recipes
 * `rtsafe`, §9.4). For a tail probability q = min(p, 1 − p) below ¼ the equation is solved
 * on the tail, otherwise on the central mass ½ − q (exact in floating point), so both
 * extreme and near-median quantiles keep ~1e-13 relative accuracy. Above 1e5 degrees of
 * freedom the quantile comes from the Cornish–Fisher series in 1/ν (A&S 26.7.5), ~1e-12.
 *
 * @throws RangeError when p is not strictly between 0 and 1, or df is not > 0.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) {
    throw new RangeError(`studentTQuantile: p must be strictly between 0 and 1, got ${p}`);
  }
  if (!(df > 0)) {
    throw new RangeError(`studentTQuantile: degrees of freedom must be > 0 (or Infinity), got ${df}`);
  }
  if (p === 0.5) return 0;
  if (df <= LARGE_DF) return solveQuantile(p, df);
  // Past LARGE_DF the continued fraction loses digits (its first coefficient is a difference
  // of order 1/ν), so expand in 1/ν around the normal quantile z instead, recovering z
  // from the exact quantile at ν₀ = LARGE_DF by inverting the same expansion.
  const anchor = solveQuantile(p, LARGE_DF);
  let z = anchor;
  for (let i = 0; i < 4; i++) z += anchor - expandInverseDf(z, LARGE_DF);
  return expandInverseDf(z, df);
}

/**
 * t_ν ≈ z + g₁(z)/ν + g₂(z)/ν² + g₃(z)/ν³, the Cornish–Fisher expansion of a t quantile
 * about the normal quantile z (Abramowitz & Stegun 26.7.5). With ν ≥ 1e5 and |z| < 38 the
 * omitted g₄/ν⁴ is below 1e-9 relative; ν = Infinity gives z.
 */
function expandInverseDf(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  return z + (g1 + (g2 + g3 / df) / df) / df;
}

/** The inverse of the CDF for p ≠ ½ and finite df, by safeguarded Newton iteration. */
function solveQuantile(p: number, df: number): number {
  const sign = p < 0.5 ? -1 : 1;
  const q = Math.min(p, 1 - p); // 1 − p is exact for p ≥ ½ (Sterbenz)
  const onTail = q < 0.25;
  const target = onTail ? q : 0.5 - q;
  // F decreases in t ≥ 0, F(0) > 0, and its root is |t_p|; F′(t) = −density(t).
  const F = (t: number): number => (onTail ? upperTail(t, df) - target : target - centralMass(t, df));
  const logNorm = 0.5 * Math.log(df) + logBeta(df / 2, 0.5);

  let lo = 0;
  let hi = 1;
  let fHi = F(hi);
  while (fHi > 0) {
    lo = hi;
    hi *= 2;
    if (hi > MAX_ABS_T) {
      throw new RangeError(`studentTQuantile: |t| exceeds ${MAX_ABS_T} for p=${p}, df=${df} (t² would overflow)`);
    }
    fHi = F(hi);
  }
  if (fHi === 0) return sign * hi;

  let t = 0.5 * (lo + hi);
  let step = hi - lo;
  let previousStep = step;
  let f = F(t);
  let slope = -density(t, df, logNorm);
  for (let iteration = 0; iteration < 400 && f !== 0; iteration++) {
    const newtonLeavesBracket = ((t - hi) * slope - f) * ((t - lo) * slope - f) > 0;
    const newtonTooSlow = Math.abs(2 * f) > Math.abs(previousStep * slope);
    previousStep = step;
    if (newtonLeavesBracket || newtonTooSlow || slope === 0) {
      step = 0.5 * (hi - lo);
      t = lo + step;
      if (t === lo || t === hi) break;
    } else {
      step = f / slope;
      const before = t;
      t -= step;
      if (t === before) break;
    }
    if (Math.abs(step) <= 1e-15 * t) break;
    f = F(t);
    slope = -density(t, df, logNorm);
    if (f > 0) lo = t;
    else hi = t;
  }
  return sign * t;
}
