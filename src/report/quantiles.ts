// quantiles: count, mean and the p50/p95/p99 of a sample (d3's R-7 interpolation), NaN when it is empty.
import { quantileSorted } from "d3-array";
import { placeReportPercentiles } from "./placeRanks.js";

/** Count, mean and percentiles of a sample. */
export interface Quantiles {
  count: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Summarise `values` (not modified; NaN entries are left out). */
export function quantiles(values: Iterable<number>): Quantiles {
  // The first value is held alone until a second one comes (a workload of one transfer makes no list).
  let first = NaN;
  let count = 0;
  let kept: number[] | undefined;
  let sum = 0;
  for (const x of values) {
    if (Number.isNaN(x)) continue;
    if (count === 0) first = x;
    else if (kept) kept.push(x);
    else kept = [first, x];
    count++;
    sum += x;
  }
  // One value is every quantile, as quantileSorted gives it: no sort, no calls.
  if (count === 1) return { count: 1, mean: sum / 1, p50: +first, p95: +first, p99: +first };
  // In a typed array, the percentiles' positions placed as sorting by value would (no comparator calls; d3's ascending order, these being numbers).
  return ofPlaced(kept ? Float64Array.from(kept) : EMPTY, sum);
}

/**
 * {@link quantiles} of `values[from … to)`, the same numbers (the sum taken in the same order),
 * without an iterator or a list: writeReports' completion times of 20,000 one-transfer
 * workloads are ranges of one array.
 */
export function quantilesOfRange(values: Float64Array, from: number, to: number): Quantiles {
  let first = NaN;
  let count = 0;
  let sum = 0;
  for (let i = from; i < to; i++) {
    const x = values[i];
    if (Number.isNaN(x)) continue;
    if (count === 0) first = x;
    count++;
    sum += x;
  }
  if (count === 1) return { count: 1, mean: sum / 1, p50: +first, p95: +first, p99: +first };
  const xs = count === 0 ? EMPTY : new Float64Array(count);
  for (let i = from, j = 0; j < count; i++) if (!Number.isNaN(values[i])) xs[j++] = values[i];
  return ofPlaced(xs, sum);
}

const EMPTY = new Float64Array(0);

/** The quantiles of the NaN-free `xs` (reordered: the percentiles' positions placed as a sort would place them, {@link placeReportPercentiles}), whose sum is `sum`. */
function ofPlaced(values: Float64Array, sum: number): Quantiles {
  const xs = placeReportPercentiles(values);
  // quantileSorted reads only length and indices; its types ask for an array.
  const q = (p: number) => (xs.length > 0 ? quantileSorted(xs as unknown as number[], p)! : NaN);
  return { count: xs.length, mean: xs.length > 0 ? sum / xs.length : NaN, p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}
