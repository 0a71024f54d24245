// writeReports: write the report set of a run (flows, links, bottlenecks, summary, workload reports, run.json), replacing its directory whole.
import { phaseMark } from "../core/phaseMark.js";
import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { RunResult } from "../core/Simulation.js";
import { DEFAULT_COST, type CostSpec } from "../net/CostSpec.js";
import type { FlowNetwork } from "../net/FlowNetwork.js";
import type { Topology } from "../net/Topology.js";
import type { WorkloadResults } from "../workloads/WorkloadResults.js";
import { COLLECTIVES_CSV_HEADERS, collectivesRows, type FlowFacts } from "./collectivesCsv.js";
import { JOBS_CSV_HEADERS, jobsRows } from "./jobsCsv.js";
import { emitRequests, REQUESTS_CSV_HEADERS } from "./requestsCsv.js";
import { emitTasks, TASKS_CSV_HEADERS } from "./tasksCsv.js";
import { summarizeWorkloads, workloadFcts, WORKLOADS_CSV_HEADERS, type WorkloadFcts } from "./summarizeWorkloads.js";
import { BoundList } from "./BoundList.js";
import { COST_CSV_HEADERS, CostTable } from "./costRows.js";
import { TIERS_CSV_HEADERS, TIERS_QUEUEING_HEADER, TierTable, type TierQueueing } from "./tierRows.js";
import { WORKLOAD_BOTTLENECK_CSV_HEADERS, WorkloadBottleneckTable } from "./workloadBottlenecks.js";
import type { FlowRecorder } from "./FlowRecorder.js";
import type { ResourceRecorder } from "./ResourceRecorder.js";
import type { TimeSeriesRecorder } from "./TimeSeriesRecorder.js";
import { csvNumber } from "./csvNumber.js";
import { QUEUEING_SUMMARY_COLUMN } from "./runMetricNames.js";
import { EVENTS_CSV_HEADERS, eventsRows, type EventRecord } from "./eventsCsv.js";
import { flowFctS } from "./flowFctS.js";
import type { TierShares } from "./formatSummary.js";
import type { BottleneckEntry } from "./resourceCsv.js";
import { runInfo, type RunMeta } from "./runInfo.js";
import { SUMMARY_CSV_HEADERS, summarizeFlows, type RunSummary } from "./summarizeRun.js";
import { StagedDirectory } from "./StagedDirectory.js";
import { OffloadedResourceRecorder } from "./OffloadedResourceRecorder.js";
import { ReportJobWorker } from "./ReportJobWorker.js";
import { resourceRecorderWorkerUrl } from "./resourceRecorderWorkerUrl.js";
import type { ReportFile } from "./writeAtomically.js";
import { streamCsv, streamTable } from "./CsvWriter.js";

/** What {@link writeReports} needs. */
export interface WriteReportsOptions {
  /** Output directory (created if missing), replaced as a whole by the new report set. */
  outDir: string;
  /** The staging of `outDir` if the caller opened it already (runScenario does, before simulating, to check `outDir` early). */
  staged?: StagedDirectory;
  network: FlowNetwork;
  flows: FlowRecorder;
  resources: ResourceRecorder;
  /** The result of `Simulation.run` (its `events` count goes to summary.csv). */
  run: RunResult;
  /** Scenario name and hash, seed, wall time, version: for run.json only. */
  meta: RunMeta;
  /** The run's workloads: adds workloads.csv, workload-bottlenecks.csv and, when they kept records, jobs.csv, collectives.csv and requests.csv. */
  workloads?: WorkloadReportsInput;
  /** With it, timeseries.csv (closed at the makespan). */
  series?: TimeSeriesRecorder;
  /** Where flows waited in queues (runs whose transports build queues): tiers.csv gains `queueing_flow_s`, summary.csv `queueing_share`. */
  queueing?: RunQueueing;
  /** More files to commit together with the standard ones (e.g. a workload's own report). */
  extraFiles?: readonly ReportFile[];
  /** The scenario's events as they applied (runs with events): events.csv. */
  events?: readonly EventRecord[];
  /** Also write report.html, last, drawn from the staged CSVs (html/writeRunReport): committed with them or not at all. */
  htmlReport?: boolean;
  /**
   * With workloads: workload-bottlenecks.csv and tiers.csv written by a worker thread while this
   * one writes the other files (the same bytes). Default: with {@link REPORT_JOB_MIN_WORKLOADS}
   * workloads or more, when the links' accounting runs in a worker (OffloadedResourceRecorder).
   */
  reportWorker?: boolean;
  /** Checked before each file and before the swap: when it throws (an interrupted run), the staged files are removed and the directory is left as it was. */
  interruption?: { check(): void };
}

/** Queueing of a run: per flow, per resource, and the recorder to close at the makespan. */
export interface RunQueueing extends TierQueueing {
  /** Close the queue accounting at the run's end (the makespan). */
  finish(endS: number): void;
}

/** The workloads of a run, for the per-workload reports. */
export interface WorkloadReportsInput {
  topology: Topology;
  /** Names and kinds ("transfer", "training", …) in scenario order. */
  names: readonly string[];
  kinds: readonly string[];
  /** Each workload's records, in the same order. */
  results: readonly WorkloadResults[];
  /** Index into `names` of the workload that started each flow, by flow number. */
  workloadOfFlow: ArrayLike<number>;
  /** Prices for cost.csv (default {@link DEFAULT_COST}). */
  cost?: CostSpec;
}

/** What {@link writeReports} wrote: the run's summary, the file names in order and the AI columns it added to summary.csv. */
export interface WrittenReports {
  summary: RunSummary;
  files: string[];
  summaryColumns: Array<[string, number]>;
  /** With queues: the tiers where the run's flows waited, most first, with the share of the waiting (from tiers.csv). */
  queueingTiers?: Array<[tier: string, share: number]>;
  /** With workloads: tiers.csv's bottleneck shares, for the run and per workload, largest first (for the terminal summary; made when asked, as a quiet run never does). */
  tierShares?: () => TierShares;
}

/**
 * Workloads from which workload-bottlenecks.csv and tiers.csv (rows per workload) are written by
 * a {@link ReportJobWorker} beside this thread. A worker costs its start and its own warm-up of
 * the CSV code (~0.1–0.2 s of CPU): the k=16 case of 20,000 transfers lost (whole command 2.25 →
 * 2.46 s, CPU 2.05 → 2.23 s, load 4–5), the 100,000-transfer one gained (the main thread after the
 * run ~780 → ~615 ms); this is a round number between those two measured points, not a fit. A
 * traffic workload of a million flows is one workload: its tables are small, and stay here.
 */
export const REPORT_JOB_MIN_WORKLOADS = 50_000;

/** Names of the files {@link writeReports} always writes. */
export const REPORT_FILES = ["flows.csv", "links.csv", "bottlenecks.csv", "summary.csv", "run.json"] as const;

/** Names of the files {@link writeReports} writes for workloads: the first four always, the others when some workload kept such records. */
export const WORKLOAD_REPORT_FILES = ["workloads.csv", "workload-bottlenecks.csv", "tiers.csv", "cost.csv", "jobs.csv", "collectives.csv", "requests.csv", "tasks.csv"] as const;

/**
 * Every name a run's report directory may hold, and so may be replaced: the reports,
 * timeseries.csv, events.csv, report.html (`run --report`, `chokepoint report`), and the failed.txt and point.json a study writes beside a run (sweep/RunRecord). A directory holding
 * anything else is refused rather than deleted (see StagedDirectory).
 */
export const REPORT_DIRECTORY_NAMES: readonly string[] = [...REPORT_FILES, ...WORKLOAD_REPORT_FILES, "timeseries.csv", "events.csv", "report.html", "failed.txt", "point.json"];

/**
 * Write the report set of a finished run: flows.csv, links.csv, bottlenecks.csv and
 * summary.csv, with `workloads` also workloads.csv, workload-bottlenecks.csv and the
 * jobs.csv, collectives.csv and requests.csv of AI workloads (all deterministic:
 * byte-identical for the same scenario and seed; summary.csv gains the AI columns of
 * {@link summarizeWorkloads}), and run.json (wall time, memory, versions). Closes the recorders at the makespan (see summarizeRun).
 * The links' accounts are first read by links.csv, written after flows.csv (the ranking of
 * bottlenecks.csv, then the returned summary's, after it): with the accounting in a worker
 * thread (OffloadedResourceRecorder) the worker closes them and makes their percentiles while
 * this thread makes the flows' summary, the workloads' pass and flows.csv (see summarizeFlows).
 * The set replaces `outDir` as a whole (a file of an earlier run that this run does not
 * write does not stay): files are staged next to `outDir` and swapped in with renames
 * only when every one is complete (see StagedDirectory); on failure `outDir` keeps its
 * earlier contents and the error is rethrown.
 */
export async function writeReports(options: WriteReportsOptions): Promise<WrittenReports> {
  // A run of many workloads whose links' accounting is in a worker (so: a second core, the main
  // thread) has workload-bottlenecks.csv and tiers.csv written by another worker, started now
  // (its start overlaps the flows' summary and the workloads' pass), while this thread writes
  // the other files.
  const w = options.workloads;
  const inWorker = options.reportWorker ?? (w !== undefined && w.names.length >= REPORT_JOB_MIN_WORKLOADS && options.resources instanceof OffloadedResourceRecorder);
  const jobs = w && inWorker ? new ReportJobWorker(resourceRecorderWorkerUrl()) : undefined;
  // Waits for the worker's files (its failure then is not this call's error): before the staging is removed.
  const settle = () => {
    try {
      jobs?.awaitWritten();
    } catch {
      // The error that made the staging go is the one reported.
    }
  };
  // The staging directory, opened once where it is first needed (the worker's files go into it
  // before the others), unless the caller opened it; one opened here is removed on any failure.
  let opened: StagedDirectory | undefined;
  const stage = async (): Promise<StagedDirectory> =>
    options.staged ?? (opened ??= await StagedDirectory.open(options.outDir, { replaceable: [...REPORT_DIRECTORY_NAMES, ...(options.extraFiles ?? []).map((f) => f.name)] }));
  try {
    return await writeReportsWith(options, jobs, settle, stage);
  } catch (err) {
    settle();
    await opened?.discard();
    throw err;
  } finally {
    jobs?.release();
  }
}

async function writeReportsWith(options: WriteReportsOptions, jobs: ReportJobWorker | undefined, settle: () => void, stage: () => Promise<StagedDirectory>): Promise<WrittenReports> {
  const { network, flows, resources, run, meta } = options;
  // The flows' part first: with the links' accounting in a worker, its accounts are closed
  // there meanwhile (they are read first by links.csv, after flows.csv).
  const flowSummary = summarizeFlows({ network, flows, resources, run });
  phaseMark("summarize");
  const facts: FlowFacts = { sizeOf: (f) => network.sizeOf(f), bottleneckOf: (f) => flows.bottleneckOf(f), forEachBound: (f, fn) => flows.forEachBound(f, fn) };
  const w = options.workloads;
  const workloadFiles: ReportFile[] = [];
  let extra: Array<[string, number]> = [];
  let queueingTiers: Array<[string, number]> | undefined;
  let tierShares: (() => TierShares) | undefined;
  if (w) {
    const pass = workloadPass(network, flows, w, options.queueing, flowSummary.makespanS, jobs !== undefined);
    const tierHeaders = options.queueing ? [...TIERS_CSV_HEADERS, TIERS_QUEUEING_HEADER] : TIERS_CSV_HEADERS;
    if (jobs) {
      // Posted as soon as the tables are full, written by the worker while this thread makes the
      // workloads' summary and writes flows.csv and the rest; awaited last. (Phase "job": the pass
      // and the post; "wlpass" then holds the summary alone.)
      const dir = (await stage()).path;
      jobs.write([
        { path: join(dir, "workload-bottlenecks.csv"), headers: WORKLOAD_BOTTLENECK_CSV_HEADERS, table: "workload-bottlenecks", data: pass.bottlenecks.data() },
        { path: join(dir, "tiers.csv"), headers: tierHeaders, table: "tiers", data: pass.tiers.data() },
      ], pass.bottlenecks.buffers());
      phaseMark("job");
    }
    const ws = summarizeWorkloads({
      names: w.names,
      kinds: w.kinds,
      results: w.results,
      fctOf: (f) => flowFctS(network, f),
      flowCount: network.flowCount,
      workloadOfFlow: w.workloadOfFlow,
      fctsByWorkload: pass.fctsByWorkload,
    });
    phaseMark("wlpass");
    extra = ws.summaryColumns;
    if (options.queueing) extra = [...extra, [QUEUEING_SUMMARY_COLUMN, pass.fctS > 0 ? Math.min(1, pass.queuedS / pass.fctS) : 0]];
    const tiers = pass.tiers;
    tierShares = () => tiers.shares();
    if (options.queueing) {
      const all = tiers.queueingOfAll();
      const total = all.reduce((s, [, x]) => s + x, 0);
      if (total > 0) queueingTiers = all.filter(([, x]) => x > 0).map(([t, x]): [string, number] => [t, x / total]).sort((a, b) => b[1] - a[1]);
    }
    // The per-flow tables write themselves straight into their files (no array of cells per row).
    const inWorker = async () => jobs!.awaitWritten();
    workloadFiles.push(
      { name: "workloads.csv", write: (p) => streamTable(p, WORKLOADS_CSV_HEADERS, (sink) => ws.emit(sink)) },
      { name: "workload-bottlenecks.csv", write: jobs ? inWorker : (p) => streamTable(p, WORKLOAD_BOTTLENECK_CSV_HEADERS, (sink) => pass.bottlenecks.emit(sink)) },
      { name: "tiers.csv", write: jobs ? inWorker : (p) => streamTable(p, tierHeaders, (sink) => tiers.emit(sink)) },
    );
    const costInput = { names: w.names, results: w.results, makespanS: flowSummary.makespanS };
    workloadFiles.push({ name: "cost.csv", write: (p) => streamTable(p, COST_CSV_HEADERS, (sink) => pass.cost.emit(sink, costInput)) });
    const iterations = recordsOf(w.results, (r) => r.iterations);
    const collectives = recordsOf(w.results, (r) => r.collectives);
    const requests = tablesOf(w.results, (r) => r.requests);
    if (iterations.length > 0) workloadFiles.push({ name: "jobs.csv", write: (p) => streamCsv(p, JOBS_CSV_HEADERS, jobsRows(iterations)) });
    if (collectives.length > 0) {
      workloadFiles.push({
        name: "collectives.csv",
        write: (p) => streamCsv(p, COLLECTIVES_CSV_HEADERS, collectivesRows(collectives, facts, w.topology)),
      });
    }
    if (requests.length > 0) workloadFiles.push({ name: "requests.csv", write: (p) => streamTable(p, REQUESTS_CSV_HEADERS, (sink) => emitRequests(requests, sink)) });
    const tasks = tablesOf(w.results, (r) => r.tasks);
    if (tasks.length > 0) workloadFiles.push({ name: "tasks.csv", write: (p) => streamTable(p, TASKS_CSV_HEADERS, (sink) => emitTasks(tasks, sink)) });
  }
  // The links' accounts are read first by links.csv, after flows.csv: with the accounting in a
  // worker thread, it closes them and makes their percentiles while this thread writes flows.csv.
  let ranking: BottleneckEntry[] | undefined;
  const bottlenecks = () => (ranking ??= resources.rankBottlenecks());
  const summaryHeaders = [...SUMMARY_CSV_HEADERS, ...extra.map(([h]) => h)];
  const summaryCells = [...summaryRow(flowSummary), ...extra.map(([, v]) => csvNumber(v))];
  const files: ReportFile[] = [
    { name: "flows.csv", write: (p) => flows.writeCsv(p) },
    { name: "links.csv", write: (p) => resources.writeLinksCsv(p) },
    { name: "bottlenecks.csv", write: (p) => resources.writeBottlenecksCsv(p, bottlenecks()) },
    { name: "summary.csv", write: (p) => streamCsv(p, summaryHeaders, [summaryCells]) },
    ...workloadFiles,
    // Synchronous, like the CSVs: an awaited write is an event-loop turn (see StagedDirectory.commit).
    { name: "run.json", write: async (p) => writeFileSync(p, JSON.stringify(runInfo(meta, run), null, 2) + "\n") },
    ...(options.series ? [{ name: "timeseries.csv", write: (p: string) => options.series!.writeCsv(p, flowSummary.makespanS) }] : []),
    ...(options.events ? [{ name: "events.csv", write: (p: string) => streamCsv(p, EVENTS_CSV_HEADERS, eventsRows(options.events!)) }] : []),
    ...(options.extraFiles ?? []),
    // Last: the page reads the CSVs staged beside it, so it shows exactly what they hold.
    // The page's code (about 30 modules) is loaded only for a run that writes it.
    ...(options.htmlReport ? [{ name: "report.html", write: async (p: string) => void (await (await import("./html/writeRunReport.js")).writeRunReport(dirname(p), p)) }] : []),
  ];
  const staged = await stage();
  // The worker's files are waited for last (report.html, which reads the staged CSVs, after them).
  const workerFiles = new Set(jobs ? ["workload-bottlenecks.csv", "tiers.csv"] : []);
  const order = [...files.filter((f) => !workerFiles.has(f.name) && f.name !== "report.html"), ...files.filter((f) => workerFiles.has(f.name) || f.name === "report.html")];
  await staged.writeAndCommit(order, options.interruption, settle);
  const summary: RunSummary = { ...flowSummary, bottlenecks: bottlenecks() };
  return { summary, files: files.map((f) => f.name), summaryColumns: extra, ...(queueingTiers && { queueingTiers }), ...(tierShares && { tierShares }) };
}

/** What {@link workloadPass} gathers in its one pass over the flows. */
interface WorkloadPass {
  fctsByWorkload: WorkloadFcts;
  bottlenecks: WorkloadBottleneckTable;
  tiers: TierTable;
  cost: CostTable;
  /** Σ completion time of the finished flows, and Σ of the queueing they reported, seconds. */
  fctS: number;
  queuedS: number;
}

/**
 * One pass over the flows, in flow order, for every per-flow report of the workloads:
 * completion times per workload (workloads.csv), bottleneck flow-seconds (workload-
 * bottlenecks.csv, tiers.csv: the flow's bottlenecks are asked of the recorder once), tiers
 * crossed, egress and WAN bytes (cost.csv) and the queueing share of summary.csv. Each
 * report adds the same values in the same order as its own pass over the flows did
 * (`workloadBottleneckRows`, `tierRows`, `costRows`, `summarizeWorkloads`), so its sums are
 * bit-identical; each flow's route and facts are read once instead of once per report.
 * Closes the queue accounting at the makespan first. `shared`: tiers.csv's cells in shared
 * memory (for a worker to write it).
 */
function workloadPass(network: FlowNetwork, flows: FlowRecorder, w: WorkloadReportsInput, queueing: RunQueueing | undefined, makespanS: number, shared: boolean): WorkloadPass {
  queueing?.finish(makespanS);
  const W = w.names.length;
  const fctsByWorkload = workloadFcts(W, network.flowCount, w.workloadOfFlow, (f) => flowFctS(network, f));
  const bottlenecks = new WorkloadBottleneckTable(w.names, w.topology, makespanS);
  const tiers = new TierTable(w.names, w.topology, queueing, makespanS, shared);
  const cost = new CostTable(w.cost ?? DEFAULT_COST, w.topology, W);
  const bound = new BoundList();
  let fctS = 0;
  let queuedS = 0;
  for (let f = 0; f < network.flowCount; f++) {
    const wf = w.workloadOfFlow[f];
    const sizeBytes = network.sizeOf(f);
    const finishS = network.finishOf(f);
    const fct = finishS - network.startOf(f);
    const queued = queueing?.ofFlow(f);
    if (queueing && Number.isFinite(fct)) {
      fctS += fct;
      queuedS += queued ?? 0;
    }
    if (!(wf >= 0 && wf < W)) continue;
    const route = network.routeOf(f);
    bound.collect(flows, f);
    bottlenecks.add(wf, sizeBytes, bound);
    tiers.add(wf, sizeBytes, bound, route.resources, queued);
    const delivered = Number.isNaN(finishS) ? 0 : sizeBytes;
    if (delivered !== 0) cost.add(wf, delivered, route.nodes, route.resources);
  }
  return { fctsByWorkload, bottlenecks, tiers, cost, fctS, queuedS };
}

/**
 * The records `of` each workload's results, in workload order (`results.flatMap((r) => of(r) ??
 * [])`'s list): a workload without any (20,000 transfers are 20,000 such workloads) adds nothing
 * and makes no empty list, where flatMap made one per workload and read each one's length
 * through its generic flattening (~40 M instructions of the k=16 20,000-transfer run's four
 * calls, s46-whole).
 */
function recordsOf<T>(results: readonly WorkloadResults[], of: (r: WorkloadResults) => readonly T[] | undefined): T[] {
  const out: T[] = [];
  for (let w = 0; w < results.length; w++) {
    const list = of(results[w]);
    if (list) for (let i = 0; i < list.length; i++) out.push(list[i]);
  }
  return out;
}

/** The tables `of` each workload's results that hold rows, in workload order. */
function tablesOf<T extends { length: number }>(results: readonly WorkloadResults[], of: (r: WorkloadResults) => T | undefined): T[] {
  const out: T[] = [];
  for (const r of results) {
    const t = of(r);
    if (t && t.length > 0) out.push(t);
  }
  return out;
}

function summaryRow(s: Omit<RunSummary, "bottlenecks">): string[] {
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
