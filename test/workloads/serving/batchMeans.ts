// Test helper: batch means of a simulated output series — a mean (or any batch statistic) and its confidence interval.
import { studentTQuantile } from "../../../src/sweep/studentTQuantile.js";

/**
 * Batch means of `values` (in issue order) after dropping the first 10% (warm-up): the mean of
 * `statistic` over `batches` consecutive batches and the half-width of its 99% confidence
 * interval (Student t, batches − 1 df). With batches much longer than the queue's relaxation
 * time the batch statistics are nearly independent, so the interval accounts for the
 * correlation between successive customers.
 */
export function batchMeans(values: number[], batches = 20, statistic: (batch: number[]) => number = mean): { mean: number; halfWidth: number } {
  const kept = values.slice(Math.floor(values.length / 10));
  const size = Math.floor(kept.length / batches);
  const stats = Array.from({ length: batches }, (_, b) => statistic(kept.slice(b * size, (b + 1) * size)));
  const m = mean(stats);
  const variance = stats.reduce((a, x) => a + (x - m) ** 2, 0) / (batches - 1);
  return { mean: m, halfWidth: studentTQuantile(0.995, batches - 1) * Math.sqrt(variance / batches) };
}

function mean(xs: number[]): number {
  return xs.reduce((a, x) => a + x, 0) / xs.length;
}
