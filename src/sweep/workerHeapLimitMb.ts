// workerHeapLimitMb: the JavaScript heap each sweep worker gets by default — its share of the machine's memory, at most V8's own default.
import { totalmem } from "node:os";
import { getHeapStatistics } from "node:v8";

/**
 * The heap limit, in MiB, given to each of `jobs` sweep workers: three quarters of the
 * machine's memory shared among them, but never more than the heap V8 gives a thread by
 * default (so on a machine with memory to spare nothing changes). Without a limit, V8
 * sizes every worker's heap as if it were alone, and a few workers that grow at once can
 * exhaust the machine, which then kills the whole study; with it, the worker that
 * overflows its share dies alone and its run is recorded as failed. Memory outside the
 * JavaScript heap (typed arrays) is not counted by V8's limit.
 */
export function workerHeapLimitMb(jobs: number, totalBytes = totalmem(), v8LimitBytes = getHeapStatistics().heap_size_limit): number {
  const share = (0.75 * totalBytes) / jobs;
  return Math.max(64, Math.floor(Math.min(share, v8LimitBytes) / 2 ** 20));
}
