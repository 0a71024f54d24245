// ReportJob: report tables written from plain data (workload-bottlenecks.csv, tiers.csv), and the worker-thread side that writes them while the main thread writes the other files.
import { receiveMessageOnPort, type MessagePort } from "node:worker_threads";
import { streamTable } from "./CsvWriter.js";
import { emitTierRows, type TierData } from "./emitTierRows.js";
import { emitWorkloadBottlenecks, type WorkloadBottleneckData } from "./emitWorkloadBottlenecks.js";
import { RecordRing, type RecordRingMemory } from "./RecordRing.js";

/** One file of a {@link ReportJob}: where, its header, and the table's data. */
export type ReportJobFile = { path: string; headers: readonly string[] } & ({ table: "workload-bottlenecks"; data: WorkloadBottleneckData } | { table: "tiers"; data: TierData });

/** Files to write, in order; posted whole to a worker thread (structured clone: strings and typed arrays). */
export type ReportJob = readonly ReportJobFile[];

/** A job's failure as posted back by the worker: the error's message and, for a file-system error, its code (ENOSPC, EACCES…). */
export interface ReportJobFailure {
  message: string;
  code?: string;
}

/** The records of a report worker's ring: WRITE (write the job posted on the port, then answer), STOP (return). */
export const ReportJobRecord = { WRITE: 1, STOP: 2 } as const;

/** A report worker's `workerData` (see ReportJobWorker). */
export interface ReportJobWorkerData {
  reportJobs: {
    ring: RecordRingMemory;
    /** Where the job comes before its WRITE record, and where a failure to write it goes back before the answer. */
    port: MessagePort;
  };
}

/** Write every file of `job`, in order, with the same bytes writeReports's own tables write (the same emit functions). */
export async function writeReportJob(job: ReportJob): Promise<void> {
  for (const f of job) {
    if (f.table === "workload-bottlenecks") await streamTable(f.path, f.headers, (sink) => emitWorkloadBottlenecks(f.data, sink));
    else await streamTable(f.path, f.headers, (sink) => emitTierRows(f.data, sink));
  }
}

/**
 * The worker's side: wait on the ring for WRITE or STOP; at WRITE take the job from the port,
 * write it, post its failure back if it failed, and answer; at STOP return. A broken protocol
 * fails the ring (the main thread's wait throws).
 */
export async function serveReportJobs(data: ReportJobWorkerData): Promise<void> {
  const ring = new RecordRing(data.reportJobs.ring);
  const port = data.reportJobs.port;
  try {
    for (;;) {
      const kind = ring.next();
      if (kind === ReportJobRecord.STOP) return;
      if (kind !== ReportJobRecord.WRITE) throw new Error(`report worker: unknown record ${kind}`);
      const job = receiveMessageOnPort(port)?.message as ReportJob | undefined;
      if (!job) throw new Error("report worker: a WRITE record without its job");
      try {
        await writeReportJob(job);
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        const failure: ReportJobFailure = { message: e instanceof Error ? e.message : String(err), ...(typeof e?.code === "string" && { code: e.code }) };
        port.postMessage(failure);
      }
      ring.answer();
    }
  } catch (err) {
    ring.fail();
    throw err;
  }
}
