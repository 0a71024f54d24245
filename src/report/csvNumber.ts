// csvNumber: a number as a CSV cell, at full precision and without locale, empty when undefined.

/**
 * Format a number for a report cell: `String(x)` (shortest round-trip form, so runs that
 * compute the same float64 write the same bytes), or an empty cell for NaN and ±Infinity.
 *
 * @example csvNumber(0.1 + 0.2) // "0.30000000000000004"
 */
export function csvNumber(x: number): string {
  return Number.isFinite(x) ? String(x) : "";
}
