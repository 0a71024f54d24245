// csvNumber: a number as a CSV cell (whole numbers exact, others to 12 significant digits), and the byte, fraction and slowdown cells.
import { clampFraction, clampSlowdown } from "./roundoff.js";

/** Significant digits of a number that is not a whole number. */
export const CSV_SIGNIFICANT_DIGITS = 12;

/** 10^k for k = −22 … 22 at index k + 22, parsed from decimal (exact for k ≥ 0, the nearest double otherwise). */
const POW10 = Array.from({ length: 45 }, (_, i) => Number(`1e${i - 22}`));

/**
 * Format a number for a report cell, without locale:
 * - a whole number up to 2⁵³ (counts, byte sizes and byte totals) exactly, e.g. `54160000000`;
 * - any other finite number rounded to {@link CSV_SIGNIFICANT_DIGITS} significant digits and
 *   written in its shortest form, so float round-off beyond the 12th digit
 *   (0.30000000000000004, 0.9999999999999998) never reaches a report and a run writes the
 *   same bytes on any machine;
 * - NaN and ±Infinity as an empty cell.
 *
 * @example csvNumber(0.1 + 0.2) // "0.3"
 * @example csvNumber(2 / 3) // "0.666666666667"
 */
export function csvNumber(x: number): string {
  if (Number.isSafeInteger(x)) return String(x);
  return Number.isFinite(x) ? String(roundSignificant(x)) : "";
}

/** A byte count: `x` rounded to the nearest whole byte (bytes integrated from rates, such as links.csv's, carry float residue). */
export function csvBytes(x: number): string {
  return csvNumber(Math.round(x));
}

/** A fraction (utilisation, share): {@link clampFraction}, then {@link csvNumber}. */
export function csvFraction(x: number): string {
  return csvNumber(clampFraction(x));
}

/** A slowdown: {@link clampSlowdown}, then {@link csvNumber}. */
export function csvSlowdown(x: number): string {
  return csvNumber(clampSlowdown(x));
}

/**
 * `x` rounded to 12 significant digits. With e the decimal exponent of x's leading digit,
 * m = round(|x| · 10^(11−e)) is a whole number below 10¹², and m ÷ 10^(11−e) (or m ×
 * 10^(e−11)) with an exact power of ten is the double nearest to the 12-digit decimal,
 * whose shortest form has at most 12 digits. Every step is a correctly rounded IEEE
 * operation, so the result is the same on every machine; it differs from
 * `toPrecision(12)` only when x lies within an ulp of a half-way point. Outside
 * [1e-10, 1e21] it falls back to `toPrecision` (slower, same rounding).
 */
function roundSignificant(x: number): number {
  const a = Math.abs(x);
  let e = Math.floor(Math.log10(a));
  if (!(e >= -10 && e <= 21)) return Number(x.toPrecision(CSV_SIGNIFICANT_DIGITS));
  // Math.log10 is not correctly rounded, so next to a power of ten e can be off by one: correct it exactly.
  if (a >= POW10[e + 23]) e++;
  else if (a < POW10[e + 22]) e--;
  const k = CSV_SIGNIFICANT_DIGITS - 1 - e;
  const r = k >= 0 ? Math.round(a * POW10[k + 22]) / POW10[k + 22] : Math.round(a / POW10[22 - k]) * POW10[22 - k];
  return x < 0 ? -r : r;
}
