// metricDirection: whether a smaller or a larger value of a comparison metric is the better one.

/**
 * -1 when less is better (times, slowdowns, dollars, shares of time waiting or in queues),
 * +1 when more is better (throughput, GPU utilisation, flows finished, requests served),
 * 0 when neither (counts of flows and bytes, a tier's share of the bottleneck time).
 */
export function metricDirection(metric: string): -1 | 0 | 1 {
  if (metric.startsWith("tier_share:")) return 0;
  if (/^(throughput_gbps|gpu_utilization|finished|requests)$/.test(metric)) return 1;
  if (/(_s|_s_mean|_s_p50|_s_p99|_usd)$/.test(metric) || /slowdown|network_wait_share|queueing_share/.test(metric)) return -1;
  return 0;
}
