// logBeta: ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b), without cancellation when a or b is large.
import { logGamma } from "./logGamma.js";

/** Stirling's correction lnΓ(z) − [(z − ½)ln z − z + ½ln 2π], accurate to ~2e-15 for z ≥ 20
 * (the first omitted term is 1/(1188 z⁹)). */
function stirlingCorrection(z: number): number {
  const r = 1 / z;
  const r2 = r * r;
  return r * (1 / 12 - r2 * (1 / 360 - r2 * (1 / 1260 - r2 / 1680)));
}

/**
 * Natural logarithm of the beta function B(a, b) for a, b > 0.
 *
 * When the larger argument l is ≥ 20, lnΓ(l) − lnΓ(l + s) is computed from Stirling's
 * series as −s·ln l − (l + s − ½)·log1p(s/l) + s + (corrections), rather than as the
 * difference of two large logarithms: for the Student t distribution with ν = 10⁹
 * degrees of freedom that keeps ~1e-15 relative accuracy instead of ~1e-7.
 */
export function logBeta(a: number, b: number): number {
  const small = Math.min(a, b);
  const large = Math.max(a, b);
  if (large < 20) return logGamma(a) + logGamma(b) - logGamma(a + b);
  const gammaRatio =
    small -
    small * Math.log(large) -
    (large + small - 0.5) * Math.log1p(small / large) +
    stirlingCorrection(large) -
    stirlingCorrection(large + small);
  return logGamma(small) + gammaRatio;
}
