// csvNumber: a number as a CSV cell (whole numbers exact, others to 12 significant digits with round-off of a shorter decimal removed), and the byte and fraction cells (a slowdown is clamped where it is computed: slowdownOf).
import { REPORTED_DIGITS } from "../core/elapsedS.js";
import { decimalExponent, POW10 } from "../core/decimalExponent.js";
import { clampFraction } from "./roundoff.js";

/** Significant digits of a number that is not a whole number. */
export const CSV_SIGNIFICANT_DIGITS = REPORTED_DIGITS;

/**
 * Format a number for a report cell, without locale:
 * - a whole number up to 2⁵³ (counts, byte sizes and byte totals) exactly, e.g. `54160000000`;
 * - any other finite number rounded to {@link CSV_SIGNIFICANT_DIGITS} significant digits and
 *   written in its shortest form, so float round-off beyond the 12th digit
 *   (0.30000000000000004, 0.9999999999999998) never reaches a report and a run writes the
 *   same bytes on any machine; and round-off that reaches the 12 digits of a decimal of at
 *   most 7 (399.999999999, 0.000500000000001) is written as that decimal ({@link snapRoundoff});
 * - NaN and ±Infinity as an empty cell.
 *
 * @example csvNumber(0.1 + 0.2) // "0.3"
 * @example csvNumber(2 / 3) // "0.666666666667"
 * @example csvNumber(400 - 1e-9) // "400"
 */
export function csvNumber(x: number): string {
  if (Number.isSafeInteger(x)) return String(x);
  return Number.isFinite(x) ? significantText(x) : "";
}

/** A byte count: `x` rounded to the nearest whole byte (bytes integrated from rates, such as links.csv's, carry float residue). */
export function csvBytes(x: number): string {
  return csvNumber(Math.round(x));
}

/** A fraction (utilisation, share): {@link clampFraction}, then {@link csvNumber}. */
export function csvFraction(x: number): string {
  return csvNumber(clampFraction(x));
}

/**
 * `x` rounded to 12 significant digits, round-off of a shorter decimal snapped to it
 * ({@link snapRoundoff}). With e the decimal exponent of x's leading digit,
 * m = round(|x| · 10^(11−e)) is a whole number below 10¹², and m ÷ 10^(11−e) (or m ×
 * 10^(e−11)) with an exact power of ten is the double nearest to the 12-digit decimal,
 * whose shortest form has at most 12 digits. Every step is a correctly rounded IEEE
 * operation, so the result is the same on every machine; it differs from
 * `toPrecision(12)` only when x lies within an ulp of a half-way point. Outside
 * [1e-10, 1e21] it falls back to `toPrecision` (slower, same rounding).
 */
export function roundSignificant(x: number): number {
  const a = Math.abs(x);
  const e = decimalExponent(a);
  if (!(e >= -10 && e <= 21)) return snappedPrecision(x);
  const k = CSV_SIGNIFICANT_DIGITS - 1 - e;
  const m = twelveDigits(a, e);
  const r = k >= 0 ? m / POW10[k + 22] : m * POW10[22 - k];
  return x < 0 ? -r : r;
}

/**
 * The 12 significant digits of `a` > 0, whose leading digit has decimal exponent `e`
 * (−10 ≤ e ≤ 21), as the whole number m = round(a · 10^(11−e)), round-off snapped
 * ({@link snapRoundoff}): 10¹¹ ≤ m ≤ 10¹² (10¹² when rounding reached the next power of ten).
 * The one computation of {@link roundSignificant}, significantText and {@link writeCsvNumber}.
 */
function twelveDigits(a: number, e: number): number {
  const k = CSV_SIGNIFICANT_DIGITS - 1 - e;
  return snapRoundoff(k >= 0 ? Math.round(a * POW10[k + 22]) : Math.round(a / POW10[22 - k]));
}

/**
 * Units of the 12th significant digit within which a rounded number is taken for float
 * round-off of a shorter decimal: 10, at most 10⁻¹⁰ of the number (a tenth of roundoff.ts's
 * `ROUNDOFF_TOLERANCE`). Wider (100) also moved numbers a test derived by hand means to the
 * last digit, such as the slowdown 0.200002 / 0.100002 = 1.99998000040.
 */
export const ROUNDOFF_UNITS = 10;

/** {@link roundSignificant} outside [1e-10, 1e21], from `toPrecision`'s digits: the 12, or 7 when {@link snapRoundoff} would snap them. */
function snappedPrecision(x: number): number {
  const twelve = x.toPrecision(CSV_SIGNIFICANT_DIGITS);
  const last5 = Number(twelve.replace(/e.*$/, "").slice(-5));
  return Number(last5 <= ROUNDOFF_UNITS || last5 >= SNAP_GRID - ROUNDOFF_UNITS ? x.toPrecision(7) : twelve);
}

/** The decimals round-off is snapped to: those of at most 7 significant digits (m a multiple of 10⁵). */
const SNAP_GRID = 1e5;

/**
 * The 12 significant digits m (10¹¹ ≤ m ≤ 10¹², a whole number) of a rounded number, moved
 * onto the nearest multiple of 10⁵ when they lie within {@link ROUNDOFF_UNITS} of it: a value
 * computed as 400 Gb/s, 0.0005 s or 0.0012 that float arithmetic made 399.999999999,
 * 0.000500000000001 or 0.00119999999999 is written 400, 0.0005 and 0.0012. A number whose
 * 12 digits are all meant moves by at most 10⁻¹⁰ of itself, and only when its digits 8–12
 * happen to be 00000–00010 or 99990–99999 (2 in 10,000 of them at random; more among quotients
 * of short decimals). The result may be 10¹².
 */
export function snapRoundoff(m: number): number {
  // m mod 10⁵, exactly (m < 10¹² is whole: the quotient's fraction, if any, is ≥ 10⁻⁵, far
  // above its ulp, so the floor is right), without a double `%` (a library call).
  const r = m - Math.floor(m / SNAP_GRID) * SNAP_GRID;
  if (r <= ROUNDOFF_UNITS) return m - r;
  return r >= SNAP_GRID - ROUNDOFF_UNITS ? m - r + SNAP_GRID : m;
}


/**
 * `String(roundSignificant(x))` for finite x that is not a whole number, written from the
 * 12 digits m of {@link roundSignificant} without the shortest-form search `String` makes:
 * the double nearest to a decimal of ≤ 12 significant digits prints as that decimal (any
 * other decimal of ≤ 12 digits is more than 10⁴ ulps away), so its digits are m's without
 * trailing zeros, laid out as ECMAScript's Number::toString lays them out (plain from 1e-6
 * to below 1e21, exponential outside). `test/report/csvNumber.test.ts` checks the two agree.
 */
function significantText(x: number): string {
  const a = Math.abs(x);
  let e = decimalExponent(a);
  if (!(e >= -10 && e <= 21)) return String(roundSignificant(x));
  let m = twelveDigits(a, e);
  if (m === 1e12) {
    // Rounded up to the next power of ten.
    m = 1e11;
    e++;
  }
  // The d digits of m (10¹¹ ≤ m < 10¹²) without its trailing zeros, written from its two
  // 6-digit halves: small integers, whose remainders by 10 are integer operations (m's are
  // floating-point ones, a library call each) and whose texts need no shortest-form search.
  let hi = Math.floor(m / 1e6);
  let lo = m - hi * 1e6;
  let d: number;
  let digits: string;
  if (lo === 0) {
    d = 6;
    while (hi % 10 === 0) {
      hi /= 10;
      d--;
    }
    digits = String(hi);
  } else {
    d = CSV_SIGNIFICANT_DIGITS;
    while (lo % 10 === 0) {
      lo /= 10;
      d--;
    }
    // lo + 10^(d−6) keeps lo's leading zeros behind a 1 that slice drops.
    digits = String(hi) + String(lo + POW10[d - 6 + 22]).slice(1);
  }
  // Number::toString with n = e + 1: the value is 0.<digits> × 10^n.
  const n = e + 1;
  let text: string;
  if (d <= n && n <= 21) text = digits + "0".repeat(n - d);
  else if (0 < n && n <= 21) text = `${digits.slice(0, n)}.${digits.slice(n)}`;
  else if (-6 < n && n <= 0) text = `0.${"0".repeat(-n)}${digits}`;
  else text = `${d === 1 ? digits : `${digits[0]}.${digits.slice(1)}`}e${n - 1 < 0 ? "-" : "+"}${Math.abs(n - 1)}`;
  return x < 0 ? `-${text}` : text;
}

/**
 * Longest text {@link writeCsvNumber} writes: a sign, 16 digits of a safe integer, or a sign,
 * 12 digits, a point and an exponent — and `String` of a number outside [1e-10, 1e21], at most 25.
 */
export const CSV_NUMBER_MAX_BYTES = 32;

/**
 * Write {@link csvNumber}'s text of `x` as ASCII bytes into `out` at `at` (room for
 * {@link CSV_NUMBER_MAX_BYTES} is the caller's), and return the offset after it: the same
 * bytes without making a string — the digits of a whole number, or {@link significantText}'s
 * twelve digits laid out as it lays them out. `test/report/csvNumber.test.ts` checks the two
 * agree on random numbers of every magnitude.
 *
 * The digits go straight to their place in `out`: the 12 digits of m are two 6-digit halves
 * (int32s), their trailing zeros are dropped by integer divisions before anything is written,
 * and the d digits left are written two at a time where the layout puts them (after "0.0…",
 * or one place right of the number's start, the integer part then moved left over the point's
 * place). A whole number's length comes from comparisons with literal powers of ten.
 */
export function writeCsvNumber(out: Uint8Array, at: number, x: number): number {
  if (Number.isSafeInteger(x)) {
    if (x < 0) {
      out[at++] = 45; // -
      x = -x;
    }
    return writeWhole(out, at, x);
  }
  if (!Number.isFinite(x)) return at;
  const a = Math.abs(x);
  let e = decimalExponent(a);
  if (!(e >= -10 && e <= 21)) return writeAscii(out, at, String(roundSignificant(x)));
  let m = twelveDigits(a, e);
  if (m === 1e12) {
    m = 1e11;
    e++;
  }
  // m's 12 digits as two int32 halves; d: how many are left once its trailing zeros are dropped.
  const mHigh = Math.floor(m / 1e6);
  let high = mHigh | 0;
  let low = (m - mHigh * 1e6) | 0;
  let d = CSV_SIGNIFICANT_DIGITS;
  if (low === 0) {
    d = 6;
    for (let q = (high / 10) | 0; q * 10 === high; q = (high / 10) | 0) {
      high = q;
      d--;
    }
  } else {
    for (let q = (low / 10) | 0; q * 10 === low; q = (low / 10) | 0) {
      low = q;
      d--;
    }
  }
  if (x < 0) out[at++] = 45;
  // Number::toString with n = e + 1: the value is 0.<digits> × 10^n.
  const n = e + 1;
  if (-6 < n && n <= 0) {
    // 0.000ddd
    out[at++] = 48;
    out[at++] = 46;
    for (let i = n; i < 0; i++) out[at++] = 48;
    writeDigits(out, at, high, low, d);
    return at + d;
  }
  if (0 < n && n <= 21) {
    if (d <= n) {
      // A whole number of more than 2^53 or so, padded with zeros: ddd000.
      writeDigits(out, at, high, low, d);
      for (let i = at + d; i < at + n; i++) out[i] = 48;
      return at + n;
    }
    // ddd.ddd: the digits one place right, then the integer part moved left over the point's place.
    writeDigits(out, at + 1, high, low, d);
    for (let i = at; i < at + n; i++) out[i] = out[i + 1];
    out[at + n] = 46; // .
    return at + d + 1;
  }
  // d.ddde±x
  writeDigits(out, at + 1, high, low, d);
  out[at] = out[at + 1];
  if (d > 1) {
    out[at + 1] = 46;
    at += d + 1;
  } else at++;
  out[at++] = 101; // e
  out[at++] = n - 1 < 0 ? 45 : 43;
  return writeWhole(out, at, Math.abs(n - 1));
}

/** The d digits (1 ≤ d ≤ 12) of a number's halves `high` and `low` once its 12 − d trailing zeros are dropped, at `at`. */
function writeDigits(out: Uint8Array, at: number, high: number, low: number, d: number): void {
  if (d > 6) {
    writePadded(out, at, high, 6);
    writePadded(out, at + 6, low, d - 6);
  } else writePadded(out, at, high, d);
}

/** ASCII digits of 0 … 99: those of i at 2i and 2i + 1. */
const PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  PAIRS[2 * i] = 48 + Math.floor(i / 10);
  PAIRS[2 * i + 1] = 48 + (i % 10);
}

/** Decimal digits of the int32 0 ≤ v < 2³¹, from comparisons with literals. */
function digitCount(v: number): number {
  if (v < 100000) return v < 100 ? (v < 10 ? 1 : 2) : v < 1000 ? 3 : v < 10000 ? 4 : 5;
  return v < 10000000 ? (v < 1000000 ? 6 : 7) : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
}

/**
 * Write the decimal digits of a whole number 0 ≤ w ≤ 2⁵³ at `at`; the offset after them.
 * Written from int32s (w itself below 2³¹, else its two parts ⌊w / 10⁸⌋ and w mod 10⁸, both
 * exact), two digits per integer division by 100: a double's `%` is a library call per digit.
 */
function writeWhole(out: Uint8Array, at: number, w: number): number {
  // digitCount and writePadded take int32s (small integers to V8 whatever the caller held: a
  // whole number computed as a double reached digitCount boxed, and its code, compiled for
  // small integers, was deoptimized: "not a Smi").
  if (w < 2147483648) {
    const v = w | 0;
    const len = digitCount(v);
    writePadded(out, at, v, len);
    return at + len;
  }
  const high = Math.floor(w / 1e8) | 0;
  const len = digitCount(high);
  writePadded(out, at, high, len);
  writePadded(out, at + len, (w - high * 1e8) | 0, 8);
  return at + len + 8;
}

/** Write the `len` last decimal digits of the int32 0 ≤ v < 2³¹ at `at` … `at + len` (leading zeros included). */
function writePadded(out: Uint8Array, at: number, v: number, len: number): void {
  let i = at + len;
  while (i - at >= 2) {
    const q = (v / 100) | 0;
    const p = 2 * (v - q * 100);
    out[--i] = PAIRS[p + 1];
    out[--i] = PAIRS[p];
    v = q;
  }
  if (i > at) out[--i] = 48 + (v - ((v / 10) | 0) * 10);
}

/** Write an ASCII string's characters as bytes at `at`; the offset after them. */
function writeAscii(out: Uint8Array, at: number, s: string): number {
  for (let i = 0; i < s.length; i++) out[at++] = s.charCodeAt(i);
  return at;
}
