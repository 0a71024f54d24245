// quantileOfSorted: d3's R-7 quantile of sorted values held in a typed array.
import { quantileSorted } from "d3-array";

/**
 * The p-quantile of ascending `xs` by d3-array's quantileSorted (R-7, as every percentile
 * of the CSVs); NaN when `xs` is empty. d3 reads `length` and indices only, so a
 * Float64Array serves, though its types ask for an array.
 */
export function quantileOfSorted(xs: ArrayLike<number>, p: number): number {
  return xs.length === 0 ? NaN : quantileSorted(xs as unknown as number[], p)!;
}
