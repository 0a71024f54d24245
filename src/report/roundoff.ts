// roundoff: the tolerance within which a fraction above 1 or a slowdown below 1 is float round-off, and the clamps that remove it.

/**
 * Relative tolerance for round-off in a report: a fraction (utilisation, share) up to
 * 1 + 1e-9 is 1, and a slowdown down to 1 − 1e-9 is 1. Float sums of rates and integrals
 * over a run drift by about events × 2⁻⁵³ (≈ 1e-10 after 10⁶ events), well inside it; a
 * value further out is no round-off and is reported as it is, so a real excess (a bug)
 * stays visible.
 */
export const ROUNDOFF_TOLERANCE = 1e-9;

/** `x` clamped to [0, 1] when it lies outside by at most {@link ROUNDOFF_TOLERANCE}; otherwise `x` itself. */
export function clampFraction(x: number): number {
  if (x > 1 && x <= 1 + ROUNDOFF_TOLERANCE) return 1;
  if (x < 0 && x >= -ROUNDOFF_TOLERANCE) return 0;
  return x;
}

/** `x` raised to 1 when it lies below 1 by at most {@link ROUNDOFF_TOLERANCE} (a slowdown is never below 1); otherwise `x` itself. */
export function clampSlowdown(x: number): number {
  return x < 1 && x >= 1 - ROUNDOFF_TOLERANCE ? 1 : x;
}
