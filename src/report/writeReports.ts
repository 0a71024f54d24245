// writeReports: write flows.csv, links.csv, bottlenecks.csv, summary.csv and run.json atomically into an output directory.
import { writeFile } from "node:fs/promises";
import type { RunResult } from "../core/Simulation.js";
import type { FlowNetwork } from "../net/FlowNetwork.js";
import type { FlowRecorder } from "./FlowRecorder.js";
import type { ResourceRecorder } from "./ResourceRecorder.js";
import { csvNumber } from "./csvNumber.js";
import { runInfo, type RunMeta } from "./runInfo.js";
import { SUMMARY_CSV_HEADERS, summarizeRun, type RunSummary } from "./summarizeRun.js";
import { writeAtomically, type ReportFile } from "./writeAtomically.js";
import { writeCsv } from "./writeCsv.js";

/** What {@link writeReports} needs. */
export interface WriteReportsOptions {
  /** Output directory (created if missing). */
  outDir: string;
  network: FlowNetwork;
  flows: FlowRecorder;
  resources: ResourceRecorder;
  /** The result of `Simulation.run` (its `events` count goes to summary.csv). */
  run: RunResult;
  /** Scenario name and hash, seed, wall time, version: for run.json only. */
  meta: RunMeta;
  /** More files to commit together with the standard ones (e.g. a workload's own report). */
  extraFiles?: readonly ReportFile[];
}

/** Names of the files {@link writeReports} always writes. */
export const REPORT_FILES = ["flows.csv", "links.csv", "bottlenecks.csv", "summary.csv", "run.json"] as const;

/**
 * Write the report set of a finished run: flows.csv, links.csv, bottlenecks.csv and
 * summary.csv (deterministic: byte-identical for the same scenario and seed) and run.json
 * (wall time, memory, versions). Closes the recorders at the makespan (see summarizeRun).
 * All-or-nothing: files are staged in `<outDir>/.partial-…` and moved into place only
 * when every one is complete; on failure no new file appears and the error is rethrown.
 */
export async function writeReports(options: WriteReportsOptions): Promise<void> {
  const { outDir, network, flows, resources, run, meta } = options;
  const summary = summarizeRun({ network, flows, resources, run });
  const files: ReportFile[] = [
    { name: "flows.csv", write: (p) => flows.writeCsv(p) },
    { name: "links.csv", write: (p) => resources.writeLinksCsv(p) },
    { name: "bottlenecks.csv", write: (p) => resources.writeBottlenecksCsv(p) },
    { name: "summary.csv", write: (p) => writeCsv(p, SUMMARY_CSV_HEADERS, [summaryRow(summary)]) },
    { name: "run.json", write: (p) => writeFile(p, JSON.stringify(runInfo(meta, run), null, 2) + "\n") },
    ...(options.extraFiles ?? []),
  ];
  await writeAtomically(outDir, files);
}

function summaryRow(s: RunSummary): string[] {
  return [
    String(s.flows),
    String(s.finished),
    csvNumber(s.bytes),
    csvNumber(s.makespanS),
    csvNumber(s.throughputGbps),
    csvNumber(s.fctP50S),
    csvNumber(s.fctP95S),
    csvNumber(s.fctP99S),
    csvNumber(s.slowdownP50),
    csvNumber(s.slowdownP95),
    csvNumber(s.slowdownP99),
    String(s.events),
  ];
}
