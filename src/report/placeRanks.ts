// placeRanks: reorder a sample so that the few positions a percentile reads hold what sorting would put there (selection, not a sort: a report's three percentiles of 10^6 completion times without sorting them).

/** The percentiles the reports give (summary.csv, workloads.csv): p50, p95 and p99. */
export const REPORT_PERCENTILES: readonly number[] = [0.5, 0.95, 0.99];

/** Ranges this short are finished by insertion sort. */
const SHORT = 16;
/** Below this length sorting is as cheap: {@link placeRanks} just sorts. */
const SELECT_FROM = 4096;

/**
 * The positions d3's `quantileSorted(sorted, p)` reads in a sorted sample of `n` values, for
 * each of `ps` (its R-7 interpolation reads `⌊(n − 1)·p⌋` and the one after; the first value
 * for p ≤ 0 or n < 2, the last for p ≥ 1).
 */
export function quantileRanks(n: number, ps: readonly number[]): number[] {
  const ranks: number[] = [];
  if (n === 0) return ranks;
  for (const p of ps) {
    if (p <= 0 || n < 2) ranks.push(0);
    else if (p >= 1) ranks.push(n - 1);
    else {
      const i0 = Math.floor((n - 1) * p);
      ranks.push(i0, i0 + 1);
    }
  }
  return ranks;
}

/**
 * Reorder the NaN-free sample `xs` in place so that every position in `ranks` holds the value
 * sorting (`xs.sort()`) would put there, up to the sign of a zero, and return it: d3's
 * `quantileSorted(xs, p)` then gives, for each p whose {@link quantileRanks} are among
 * `ranks`, the very number it gives on the sorted sample. (Its interpolation
 * `v0 + (v1 − v0)·f` gives +0 wherever only zeros' signs differ, and a lone value has no
 * rival.) Other positions hold the rest of the values in no useful order.
 *
 * A multi-rank quickselect: median-of-three pivots, three-way partitions (many equal values
 * cost one pass), each side visited only when a rank lies in it. Should the partitions touch
 * more than 24·n values (an input built against the pivots), it sorts instead, as it does
 * below 4,096 values, where sorting costs as little.
 */
export function placeRanks(xs: Float64Array, ranks: readonly number[]): Float64Array {
  const n = xs.length;
  if (n < SELECT_FROM) return xs.sort();
  const wanted = [...new Set(ranks)].filter((r) => r >= 0 && r < n).sort((a, b) => a - b);
  // Ranges still to place, with the slice of `wanted` that lies in each: [lo, hi, from, to].
  const stack: number[] = [0, n, 0, wanted.length];
  let budget = 24 * n;
  while (stack.length > 0) {
    const to = stack.pop()!;
    const from = stack.pop()!;
    const hi = stack.pop()!;
    const lo = stack.pop()!;
    if (from === to) continue;
    if (hi - lo <= SHORT) {
      insertionSort(xs, lo, hi);
      continue;
    }
    budget -= hi - lo;
    if (budget < 0) return xs.sort();
    const pivot = medianOfThree(xs[lo], xs[(lo + hi) >>> 1], xs[hi - 1]);
    // Three-way partition: [lo, lt) below the pivot, [lt, gt) equal to it, [gt, hi) above.
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i < gt) {
      const x = xs[i];
      if (x < pivot) {
        xs[i++] = xs[lt];
        xs[lt++] = x;
      } else if (x > pivot) {
        xs[i] = xs[--gt];
        xs[gt] = x;
      } else i++;
    }
    let k = from;
    while (k < to && wanted[k] < lt) k++;
    let m = k;
    while (m < to && wanted[m] < gt) m++;
    stack.push(lo, lt, from, k);
    stack.push(gt, hi, m, to);
  }
  return xs;
}

/**
 * {@link placeRanks} for the {@link REPORT_PERCENTILES}: `xs` (NaN-free) reordered so that d3's
 * `quantileSorted` gives the p50, p95 and p99 a sort would.
 */
export function placeReportPercentiles(xs: Float64Array): Float64Array {
  return placeRanks(xs, quantileRanks(xs.length, REPORT_PERCENTILES));
}

/** Sort `xs[lo … hi)` ascending in place. */
function insertionSort(xs: Float64Array, lo: number, hi: number): void {
  for (let i = lo + 1; i < hi; i++) {
    const x = xs[i];
    let j = i - 1;
    while (j >= lo && xs[j] > x) {
      xs[j + 1] = xs[j];
      j--;
    }
    xs[j + 1] = x;
  }
}

/** The middle one of three numbers. */
function medianOfThree(a: number, b: number, c: number): number {
  if (a < b) return b < c ? b : a < c ? c : a;
  return a < c ? a : b < c ? c : b;
}
