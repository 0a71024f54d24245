// ReportJob: report tables written from plain data (workload-bottlenecks.csv, tiers.csv), so that the links' worker thread can write them while the main thread writes the others.
import { streamTable } from "./CsvWriter.js";
import { emitTierRows, type TierData } from "./emitTierRows.js";
import { emitWorkloadBottlenecks, type WorkloadBottleneckData } from "./emitWorkloadBottlenecks.js";

/** One file of a {@link ReportJob}: where, its header, and the table's data. */
export type ReportJobFile = { path: string; headers: readonly string[] } & ({ table: "workload-bottlenecks"; data: WorkloadBottleneckData } | { table: "tiers"; data: TierData });

/** Files to write, in order; posted whole to a worker thread (structured clone: strings and typed arrays). */
export type ReportJob = readonly ReportJobFile[];

/** Write every file of `job`, in order, with the same bytes writeReports's own tables write (the same emit functions). */
export async function writeReportJob(job: ReportJob): Promise<void> {
  for (const f of job) {
    if (f.table === "workload-bottlenecks") await streamTable(f.path, f.headers, (sink) => emitWorkloadBottlenecks(f.data, sink));
    else await streamTable(f.path, f.headers, (sink) => emitTierRows(f.data, sink));
  }
}

/** A job's failure as posted back by the worker: the error's message and, for a file-system error, its code (ENOSPC, EACCES…). */
export interface ReportJobFailure {
  message: string;
  code?: string;
}
