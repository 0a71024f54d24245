// distribution: a sample summarised by its values at fixed probabilities — a CDF small enough to embed.
import { quantileOfSorted } from "./quantileOfSorted.js";
import type { Distribution } from "./RunReportData.js";

/**
 * The probabilities a CDF is drawn at: every percent to 90 %, every half percent to 99 %,
 * every tenth of a percent to 99.9 %, then 99.95 %, 99.99 % and the maximum — 121 points,
 * dense where tails are read.
 */
export const CDF_PROBABILITIES: readonly number[] = [
  ...Array.from({ length: 91 }, (_, i) => i / 100),
  ...Array.from({ length: 18 }, (_, i) => (905 + 5 * i) / 1000),
  ...Array.from({ length: 9 }, (_, i) => (991 + i) / 1000),
  0.9995,
  0.9999,
  1,
];

/**
 * `values` (NaN left out) at each of `probabilities`, by
 * d3's R-7 interpolation as every percentile of the CSVs (so the 0.5 and 0.99 points equal
 * the p50 and p99 a CSV gives for the same sample). Empty when there is no value.
 */
export function distribution(name: string, values: ArrayLike<number>, probabilities: readonly number[] = CDF_PROBABILITIES): Distribution {
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isNaN(values[i])) count++;
  const xs = new Float64Array(count);
  for (let i = 0, j = 0; i < values.length; i++) if (!Number.isNaN(values[i])) xs[j++] = values[i];
  // A typed array sorts numerically, and far faster than an array with a comparator.
  xs.sort();
  return { name, count: xs.length, values: xs.length === 0 ? [] : probabilities.map((p) => quantileOfSorted(xs, p)) };
}
