// Poisson arrival rate that makes a traffic workload offer a given fraction of host access capacity.
import { InputError } from "../core/InputError.js";
import type { TrafficPattern } from "./specs.js";

/**
 * Arrivals per second such that the offered load, in bytes/s, is `load` times the sum of
 * the participating hosts' access capacities:
 *
 *     rate = load · Σ hostAccessBps / (meanFlowBytes · flowsPerArrival)
 *
 * where flowsPerArrival is 1 for uniform and permutation, `fanIn` for incast and
 * n(n−1) for all-to-all (n = `hostCount`).
 *
 * @example arrivalRateForLoad(0.5, [1.25e9, 1.25e9], 1e6, "uniform") // 1250 arrivals/s
 * @throws InputError when load is negative, the mean is not positive, incast has no
 * valid fanIn, or all-to-all has fewer than two hosts.
 */
export function arrivalRateForLoad(
  load: number,
  hostAccessBps: readonly number[],
  meanFlowBytes: number,
  pattern: TrafficPattern,
  fanIn?: number,
  hostCount: number = hostAccessBps.length,
): number {
  if (!(Number.isFinite(load) && load >= 0)) throw new InputError(`load must be a number ≥ 0, found ${load}`);
  if (!(Number.isFinite(meanFlowBytes) && meanFlowBytes > 0)) {
    throw new InputError(`mean flow size must be > 0 bytes, found ${meanFlowBytes}`);
  }
  let flowsPerArrival = 1;
  if (pattern === "incast") {
    if (fanIn === undefined || !Number.isInteger(fanIn) || fanIn < 1) {
      throw new InputError(`incast needs fanIn, a whole number ≥ 1, found ${fanIn}`);
    }
    flowsPerArrival = fanIn;
  } else if (pattern === "all-to-all") {
    if (!(hostCount >= 2)) throw new InputError(`all-to-all needs at least 2 hosts, found ${hostCount}`);
    flowsPerArrival = hostCount * (hostCount - 1);
  }
  let capacityBps = 0;
  for (const c of hostAccessBps) capacityBps += c;
  return (load * capacityBps) / (meanFlowBytes * flowsPerArrival);
}
