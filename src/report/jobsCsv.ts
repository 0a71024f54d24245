// jobsCsv: the rows of jobs.csv, one per training job and iteration.
import type { IterationRecord } from "../workloads/WorkloadResults.js";
import { csvFraction, csvNumber } from "./csvNumber.js";

/** Columns of jobs.csv, in order. */
export const JOBS_CSV_HEADERS = [
  "job",
  "iteration",
  "start_s",
  "compute_s",
  "bubble_s",
  "comm_s",
  "exposed_comm_s",
  "iteration_s",
  "network_wait_share",
  "gpu_utilization",
] as const;

/**
 * jobs.csv rows in the order given (jobs in scenario order, iterations in order).
 * `gpu_utilization` = compute_s / iteration_s, the share of the iteration the GPUs compute.
 */
export function jobsRows(records: readonly IterationRecord[]): string[][] {
  return records.map((r) => [
    r.job,
    String(r.iteration),
    csvNumber(r.startS),
    csvNumber(r.computeS),
    csvNumber(r.bubbleS),
    csvNumber(r.commS),
    csvNumber(r.exposedCommS),
    csvNumber(r.iterationS),
    csvFraction(r.networkWaitShare),
    csvFraction(r.iterationS > 0 ? r.computeS / r.iterationS : NaN),
  ]);
}
