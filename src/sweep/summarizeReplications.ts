// summarizeReplications: mean, sample standard deviation and Student-t confidence interval of replications.
import { deviation, mean } from "d3-array";
import { studentTQuantile } from "./studentTQuantile.js";

/** Summary statistics of one metric over the replications of one sweep point. */
export interface ReplicationSummary {
  /** Number of finite values used. */
  n: number;
  /** Number of non-finite values (NaN from failed runs, ±Infinity) left out. */
  excluded: number;
  /** Arithmetic mean; NaN when n = 0. */
  mean: number;
  /** Sample standard deviation (divisor n − 1); NaN when n < 2. */
  sd: number;
  /** mean − halfWidth; NaN when n < 2. */
  ciLow: number;
  /** mean + halfWidth; NaN when n < 2. */
  ciHigh: number;
  /** t_{(1+c)/2, n−1} · sd / √n; NaN when n < 2, 0 when all values are equal. */
  halfWidth: number;
}

/**
 * Summarizes replications of one metric: mean and sample standard deviation (d3-array's
 * `mean` and `deviation`) and the two-sided Student-t confidence interval
 * mean ± t_{(1+c)/2, n−1} · sd / √n, the usual interval for independent replications
 * (e.g. Law, Simulation Modeling and Analysis, §9.4.1).
 *
 * Non-finite values are excluded and counted in `excluded`, so a failed run (NaN)
 * never poisons the summary of the runs that succeeded.
 *
 * @param values one value per replication
 * @param confidence the interval's confidence level c, strictly between 0 and 1 (default 0.95)
 * @throws RangeError when confidence is not strictly between 0 and 1
 */
export function summarizeReplications(values: readonly number[], confidence = 0.95): ReplicationSummary {
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`summarizeReplications: confidence must be strictly between 0 and 1, got ${confidence}`);
  }
  const finite = values.filter((v) => Number.isFinite(v));
  const n = finite.length;
  const excluded = values.length - n;
  const average = mean(finite) ?? NaN;
  if (n < 2) return { n, excluded, mean: average, sd: NaN, ciLow: NaN, ciHigh: NaN, halfWidth: NaN };
  const sd = deviation(finite) ?? NaN;
  const halfWidth = (studentTQuantile((1 + confidence) / 2, n - 1) * sd) / Math.sqrt(n);
  return { n, excluded, mean: average, sd, ciLow: average - halfWidth, ciHigh: average + halfWidth, halfWidth };
}
