// elapsedS: the time between two instants of a run as a report states it — their difference without the float round-off that the instants' own magnitude puts into it.
import { decimalExponent, POW10 } from "./decimalExponent.js";

/**
 * Significant decimal digits of an instant kept in a difference: 15. A double resolves an
 * instant m (seconds) to one ulp, 1.1e-16 to 2.2e-16 of m, so `toS − fromS` of two instants
 * each within an ulp or two of its exact value carries that much absolute error, whatever
 * its own size: an FCT of 8.464 µs that starts near 0.5 s comes out as 8.46399999987e-6.
 * The quantum 10^(e − 14), e = ⌊log10 m⌋, is 4.5 to 90 ulps of m, so the last digit kept is
 * one the instants resolve, and an error below half the quantum (at least 2.25 ulps) never
 * shows.
 */
export const ELAPSED_DIGITS = 15;

/**
 * `toS − fromS` rounded to the decimal quantum 10^(⌊log10 m⌋ − 14), m the larger of |fromS|
 * and |toS| ({@link ELAPSED_DIGITS}): the digits below it are float round-off of the
 * instants, not time. Exact differences of short decimals come out as those decimals
 * (0.500008464 − 0.5 = 8.464e-6, not 8.46399999987e-6); a difference that is a large share of
 * m keeps 15 significant digits. NaN or ±Infinity in, the plain difference out; instants
 * below 1e-8 s (quantum beyond 10⁻²²) are not rounded. Deterministic: one division and one
 * multiplication by exact powers of ten, each correctly rounded.
 *
 * @example elapsedS(0.5, 0.500008464) // 8.464e-6, where the plain difference is 8.463999999985816e-6
 */
export function elapsedS(fromS: number, toS: number): number {
  const d = toS - fromS;
  const m = Math.max(Math.abs(fromS), Math.abs(toS));
  if (!Number.isFinite(d) || !(m > 0)) return d;
  const k = ELAPSED_DIGITS - 1 - decimalExponent(m);
  if (!(k >= -22 && k <= 22)) return d;
  // |d| ≤ 2m < 2·10^(e+1), so |d|·10^k < 2·10^15 < 2⁵³: a whole number after rounding, exactly.
  return roundToPlace(d, k);
}

/** Significant digits a report cell shows: csvNumber's snap (src/report/csvNumber.ts takes it from here), and the last digit {@link spannedS} leaves to that snap. */
export const REPORTED_DIGITS = 12;

/**
 * A sum of durations between instants of [0, `horizonS`] (flow-seconds at a bottleneck: Σ
 * flows bound × (t' − t)) rounded to {@link elapsedS}'s quantum for an instant of
 * `horizonS`, 10^(⌊log10 horizonS⌋ − 14): each term's length is a difference of such
 * instants, so no digit below that quantum is time. 8e-7 flow-seconds ending at 5.0000008 s
 * comes out as 8e-7, not 7.99999999579e-7. A sum of many terms can carry more round-off
 * than half the quantum; rounding then cleans less but never drops a digit the instants
 * resolve. The sum itself where the horizon is not positive and finite, where the quantum
 * is beyond 10^±22, or where the sum is too large for the quantum to be below its own ulp;
 * and unrounded where the quantum lies below the sum's 12th significant digit, the last a
 * report shows, so that the shown digit is never rounded twice.
 *
 * @example spannedS(7.99999999579e-7, 5.0000008) // 8e-7
 */
export function spannedS(sumS: number, horizonS: number): number {
  if (!Number.isFinite(sumS) || !(horizonS > 0) || !Number.isFinite(horizonS)) return sumS;
  const k = ELAPSED_DIGITS - 1 - decimalExponent(horizonS);
  if (!(k >= -22 && k <= 22) || Math.abs(sumS) * POW10[k + 22] >= 2 ** 52) return sumS;
  // A quantum below the sum's 12th significant digit is below what a report shows (csvNumber
  // keeps 12): rounding to it first would only round the shown digit twice.
  if (sumS === 0 || k > REPORTED_DIGITS - 1 - decimalExponent(Math.abs(sumS))) return sumS;
  return roundToPlace(sumS, k);
}

/**
 * Significant digits a quantity derived from `toS − fromS` by products and quotients (a mean
 * rate of bytes over a drain time, a ratio to an ideal time) can show without the instants'
 * round-off: one fewer than the difference keeps above {@link elapsedS}'s quantum, i.e.
 * 14 − (⌊log10 m⌋ − ⌊log10 |toS − fromS|⌋), m the larger instant, between 1 and 17 (17, all,
 * when the difference is 0, not finite or the instants 0). A division carries the
 * difference's relative error into the result unchanged, so the result is resolved to as
 * many digits as the difference; one fewer leaves a tenfold margin for the few ulps the
 * instants themselves may be off.
 */
export function elapsedDigits(fromS: number, toS: number): number {
  const d = Math.abs(toS - fromS);
  const m = Math.max(Math.abs(fromS), Math.abs(toS));
  if (!(d > 0) || !Number.isFinite(d) || !Number.isFinite(m)) return 17;
  const digits = ELAPSED_DIGITS - 1 - (decimalExponent(m) - decimalExponent(d));
  return Math.max(1, Math.min(17, digits));
}

/** `x` rounded to `digits` significant digits (x itself for 17 or more digits, for 0, NaN and ±Infinity, and where 10^(digits − 1 − ⌊log10 |x|⌋) is beyond 10^±22). */
export function roundDigits(x: number, digits: number): number {
  if (digits >= 17 || x === 0 || !Number.isFinite(x)) return x;
  const k = digits - 1 - decimalExponent(Math.abs(x));
  return k >= -22 && k <= 22 ? roundToPlace(x, k) : x;
}

/** `x` rounded to a multiple of 10^−k (−22 ≤ k ≤ 22): a whole number times or over an exact power of ten, so the double nearest that decimal. */
function roundToPlace(x: number, k: number): number {
  return k >= 0 ? Math.round(x * POW10[k + 22]) / POW10[k + 22] : Math.round(x / POW10[22 - k]) * POW10[22 - k];
}
