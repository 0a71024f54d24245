// decimalExponent: ⌊log10 a⌋ of a positive number, exact next to powers of ten, and the table of powers of ten it is checked against (shared by report number formatting and elapsedS).

/** 10^k for k = −22 … 22 at index k + 22, parsed from decimal (exact for k ≥ 0, the nearest double otherwise). */
export const POW10: readonly number[] = Array.from({ length: 45 }, (_, i) => Number(`1e${i - 22}`));

/**
 * The decimal exponent of a > 0's leading digit (⌊log10 a⌋, exact next to powers of ten): the
 * e with POW10[e + 22] ≤ a < POW10[e + 23] for 1e-10 ≤ a < 1e22; outside that, Math.log10's
 * floor uncorrected (it may be one off next to a power of ten). From 1e-9 to below 1e21
 * it is found by comparisons with the powers of ten written as literals (the same doubles as
 * the table's, parsed from the same decimals: five or six comparisons, no load and no library
 * call); elsewhere from Math.log10, corrected — which gives the same e wherever both apply,
 * since Math.log10 is never off by a whole unit.
 */
export function decimalExponent(a: number): number {
  if (a >= 1e-9 && a < 1e21) {
    if (a < 1) {
      if (a < 1e-5) return a < 1e-7 ? (a < 1e-8 ? -9 : -8) : a < 1e-6 ? -7 : -6;
      return a < 1e-3 ? (a < 1e-4 ? -5 : -4) : a < 1e-2 ? -3 : a < 1e-1 ? -2 : -1;
    }
    if (a < 1e6) return a < 1e3 ? (a < 1e1 ? 0 : a < 1e2 ? 1 : 2) : a < 1e4 ? 3 : a < 1e5 ? 4 : 5;
    if (a < 1e13) return a < 1e9 ? (a < 1e7 ? 6 : a < 1e8 ? 7 : 8) : a < 1e10 ? 9 : a < 1e11 ? 10 : a < 1e12 ? 11 : 12;
    return a < 1e17 ? (a < 1e14 ? 13 : a < 1e15 ? 14 : a < 1e16 ? 15 : 16) : a < 1e18 ? 17 : a < 1e19 ? 18 : a < 1e20 ? 19 : 20;
  }
  let e = Math.floor(Math.log10(a));
  if (!(e >= -10 && e <= 21)) return e;
  // Math.log10 is not correctly rounded, so next to a power of ten e can be off by one: correct it exactly.
  if (a >= POW10[e + 23]) e++;
  else if (a < POW10[e + 22]) e--;
  return e;
}
