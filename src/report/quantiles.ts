// quantiles: count, mean and the p50/p95/p99 of a sample (d3's R-7 interpolation), NaN when it is empty.
import { ascending, quantileSorted } from "d3-array";

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
  const xs: number[] = [];
  let sum = 0;
  for (const x of values) {
    if (Number.isNaN(x)) continue;
    xs.push(x);
    sum += x;
  }
  xs.sort(ascending);
  const q = (p: number) => (xs.length > 0 ? quantileSorted(xs, p)! : NaN);
  return { count: xs.length, mean: xs.length > 0 ? sum / xs.length : NaN, p50: q(0.5), p95: q(0.95), p99: q(0.99) };
}
