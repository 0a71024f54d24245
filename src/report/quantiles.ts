// quantiles: count, mean and the p50/p95/p99 of a sample (d3's R-7 interpolation), NaN when it is empty.
import { quantileSorted } from "d3-array";

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
  // Sorted by value in a typed array (no comparator calls): the same order as d3's ascending, these being numbers.
  const xs = kept ? Float64Array.from(kept).sort() : [];
  // quantileSorted reads only length and indices; its types ask for an array.
  const q = (p: number) => (xs.length > 0 ? quantileSorted(xs as number[], p)! : NaN);
  return { count: xs.length, mean: xs.length > 0 ? sum / xs.length : NaN, p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}
