// Empirical flow-size CDFs read as piecewise-linear curves: quantiles and the exact mean.

/** One point of an empirical CDF: P(size ≤ sizeBytes) = cdf. */
export interface CdfPoint {
  sizeBytes: number;
  cdf: number;
}

/**
 * The size at probability `u` of a piecewise-linear CDF, as the pFabric, PIAS and HPCC
 * traffic generators read their CDF files: linear interpolation between consecutive points.
 *
 * Points must be sorted with non-decreasing sizes and cdf, the last cdf being 1. The first
 * point's cdf, if above 0, is a point mass at its size; two points with the same size are
 * a jump (a point mass in between), two with the same cdf carry no probability.
 *
 * @example cdfQuantileBytes([{sizeBytes: 0, cdf: 0}, {sizeBytes: 100, cdf: 1}], 0.25) // 25
 */
export function cdfQuantileBytes(points: readonly CdfPoint[], u: number): number {
  if (u <= points[0].cdf) return points[0].sizeBytes;
  // Binary search for the first i with cdf[i] ≥ u; then cdf[i-1] < u ≤ cdf[i].
  let lo = 1;
  let hi = points.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (points[mid].cdf < u) lo = mid + 1;
    else hi = mid;
  }
  const a = points[lo - 1];
  const b = points[lo];
  if (!(b.cdf > a.cdf)) return b.sizeBytes; // only when u exceeds the last cdf by rounding
  return a.sizeBytes + ((b.sizeBytes - a.sizeBytes) * (u - a.cdf)) / (b.cdf - a.cdf);
}

/**
 * The exact mean of a piecewise-linear CDF: the first point's mass at its size, plus for
 * each segment its probability times the midpoint of its sizes (sizes are uniform inside a
 * segment): mean = cdf₀·x₀ + Σᵢ (cdfᵢ − cdfᵢ₋₁)·(xᵢ₋₁ + xᵢ)/2.
 */
export function cdfMeanBytes(points: readonly CdfPoint[]): number {
  let mean = points[0].cdf * points[0].sizeBytes;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1];
    const b = points[i];
    mean += ((b.cdf - a.cdf) * (a.sizeBytes + b.sizeBytes)) / 2;
  }
  return mean;
}
