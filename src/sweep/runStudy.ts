// runStudy: `chokepoint sweep` — expand a study, check every point, run the runs on worker threads, write sweep.csv.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../core/InputError.js";
import type { Interrupted, Interruption } from "../core/Interruption.js";
import { csvNumber } from "../report/csvNumber.js";
import { runMetrics } from "../report/html/runMetrics.js";
import { readCsv } from "../report/readCsv.js";
import { writeAtomically } from "../report/writeAtomically.js";
import { writeCsv } from "../report/writeCsv.js";
import { SUMMARY_CSV_HEADERS } from "../report/summarizeRun.js";
import { evaluateExpression } from "./evaluateExpression.js";
import { listRunIds } from "./listRunIds.js";
import { prepareStudy } from "./prepareStudy.js";
import { readRunRecord, writeRunRecord } from "./RunRecord.js";
import { runKey } from "./runKey.js";
import { runRecorded } from "./runRecorded.js";
import type { RunTask, RunTaskResult } from "./RunTask.js";
import { STUDY_INFO_FILE, type StudyInfo } from "./StudyInfo.js";
import type { StudyRun, SweepValue } from "./Study.js";
import { pointSummaryColumns, summarizeByPoint } from "./summarizeByPoint.js";
import { sweepWorkerUrl } from "./sweepWorkerUrl.js";
import { workerHeapLimitMb } from "./workerHeapLimitMb.js";
import { WorkerPool } from "./WorkerPool.js";

/** Options of {@link runStudy}. */
export interface StudyOptions {
  /** The study directory: runs/<run id>/ for each run, sweep.csv, sweep-summary.csv and study.json. */
  outDir: string;
  /** Worker threads (default: one per core). */
  jobs: number;
  /** List the points and the number of runs, run nothing. */
  dryRun: boolean;
  /** Run ids ("p0-r1,p2-r0") or an expression over the variables and `repetition`. */
  filter?: string;
  /** Run only the runs whose index modulo `count` is `index`. */
  shard?: { index: number; count: number };
  /** Run again the runs recorded as failed (by default a resumed study keeps them as they are). */
  retryFailed?: boolean;
  /** Each worker's JavaScript heap limit in MiB (default {@link workerHeapLimitMb} of `jobs`). */
  workerHeapMb?: number;
  version: string;
  /** Progress of the runs: done (reused ones included), total, and how many of them were reused from an earlier invocation. */
  onProgress?: (done: number, total: number, reused: number) => void;
  /** Where the dry-run table and the closing line go. */
  print: (text: string) => void;
  /** Where notices go that do not stop the study (stale runs run again). */
  warn?: (text: string) => void;
  /**
   * With it, a SIGINT or SIGTERM while runs run stops the study: no run starts any more,
   * the workers are terminated, the runs they held leave nothing (their staging and
   * directory are removed) unless their results were already in place, and the outcome
   * says `interrupted`; sweep.csv, sweep-summary.csv and study.json are left as they were.
   */
  interruption?: Interruption;
}

/** Columns of sweep.csv before the variables. */
const LEAD = ["run_id", "point"];
/** Columns of sweep.csv after the variables; the summary.csv metrics follow. */
const TRAIL = ["repetition", "seed", "status", "message"];

/** Where a run of the study stands in its directory. */
export type RunState = "ok" | "failed" | "stale" | "new";

/**
 * Run a study file: expand its `sweep` block, substitute and check every point before
 * anything runs (a bad point is bad input: exit 2, nothing run), reuse the runs whose
 * results are complete *for the same scenario and seed* (their point.json holds the run's
 * {@link runKey}; run.json, the last report a run writes, or failed.txt is present), run
 * the others on a pool of worker threads — a failed run, or one whose worker died, is
 * recorded, never fatal to the study — and write sweep.csv (one row per run of this
 * shard, in run order, so the file is the same whatever the number of jobs or the order
 * runs finish in), sweep-summary.csv and study.json.
 *
 * A run directory whose results were made for another scenario or seed (the study was
 * edited since) is *stale*: it is emptied and the run is done again, and `warn` names
 * such runs. Runs recorded as failed are kept unless `retryFailed`.
 */
export async function runStudy(file: string, options: StudyOptions): Promise<StudyOutcome> {
  const { document, spec, names, points, runs, pointDocs, pointInputs } = prepareStudy(file);
  const chosen = filterRuns(runs, options.filter);
  const selected = shardRuns(chosen, options.shard);
  if (options.dryRun) {
    options.print(dryRunTable(points, names, runs.length, selected.length, spec.repeat));
    return { points: points.length, runs: runs.length, ok: 0, failed: 0, reused: 0 };
  }

  const runsDir = join(options.outDir, "runs");
  mkdirSync(runsDir, { recursive: true });
  const dirOf = (run: StudyRun) => join(runsDir, run.runId);
  const pointJson = pointDocs.map((doc) => canonicalJson(doc));
  const keyOf = (run: StudyRun) => runKey(pointJson[run.point], run.seed, pointInputs[run.point]);
  const stale: string[] = [];
  const pending = selected.filter((r) => {
    const state = runState(dirOf(r), keyOf(r));
    if (state === "stale") stale.push(r.runId);
    return state === "stale" || state === "new" || (state === "failed" && options.retryFailed === true);
  });
  if (stale.length > 0) {
    options.warn?.(
      `${stale.length} run${stale.length === 1 ? "" : "s"} in ${runsDir} ${stale.length === 1 ? "was" : "were"} made for another scenario or seed ` +
        `(the study changed since) and will run again: ${listRunIds(stale)}\n`,
    );
  }
  // A run about to be (re)done starts from an empty directory: no stale report can outlive it.
  for (const r of pending) rmSync(dirOf(r), { recursive: true, force: true });
  const tasks: RunTask[] = pending.map((r) => ({
    runId: r.runId,
    file,
    document: pointDocs[r.point],
    seed: r.seed,
    outDir: dirOf(r),
    version: options.version,
  }));
  const byId = new Map(pending.map((r) => [r.runId, r]));
  const record = (task: RunTask) => {
    const r = byId.get(task.runId)!;
    mkdirSync(task.outDir, { recursive: true });
    writeRunRecord(task.outDir, { run_id: r.runId, point: r.point, repetition: r.repetition, seed: r.seed, values: r.values, key: keyOf(r) });
  };
  const reused = selected.length - pending.length;
  let done = reused;
  options.onProgress?.(done, selected.length, reused);
  const heapLimitMb = options.workerHeapMb ?? workerHeapLimitMb(options.jobs);
  const pool = new WorkerPool<RunTask, RunTaskResult>(sweepWorkerUrl(), { jobs: options.jobs, heapLimitMb });
  const ended = await runRecorded(
    pool,
    tasks,
    record,
    "the other runs went on; rerun the study with --retry-failed to try this one again",
    options.interruption?.aborted,
    () => {
      done++; // not inside the call: ?.() would skip it without onProgress
      options.onProgress?.(done, selected.length, reused);
    },
  );
  if (options.interruption?.signal !== undefined) {
    const interrupted = options.interruption.aborted.reason as Interrupted;
    done += settleUnended(tasks, ended, runsDir, record);
    return { points: points.length, runs: runs.length, ok: 0, failed: 0, reused, kept: done, selected: selected.length, interrupted };
  }
  const filter = options.filter?.trim() || null;
  const info: StudyInfo = {
    study: `sha256:${createHash("sha256").update(canonicalJson(document)).digest("hex")}`,
    points: points.length,
    repeat: spec.repeat,
    filter,
    ...(filter !== null && { selected: chosen.map((r) => r.runId) }),
    shard: options.shard ?? null,
  };
  return { points: points.length, runs: runs.length, reused, ...(await writeStudyTables(options.outDir, selected, names, info, spec.metrics)) };
}

/**
 * A document as JSON for hashing: keys in the order written; numbers JSON cannot hold
 * (±Infinity, NaN) kept distinct from null.
 */
export function canonicalJson(doc: unknown): string {
  return JSON.stringify(doc, (_key, v: unknown) => (typeof v === "number" && !Number.isFinite(v) ? { $number: String(v) } : v));
}

/**
 * Where a run stands: `ok` or `failed` when its directory holds results (run.json or
 * failed.txt) recorded under `key`; `stale` when it holds results or a record for another
 * key (or results with no record, from an interrupted write or an older chokepoint);
 * `new` when it holds nothing finished.
 */
export function runState(dir: string, key: string): RunState {
  if (!existsSync(dir)) return "new";
  const record = readRunRecord(dir);
  const ok = existsSync(join(dir, "run.json"));
  const failed = existsSync(join(dir, "failed.txt"));
  if (record?.key === key) return ok ? "ok" : failed ? "failed" : "new";
  return record !== undefined || ok || failed ? "stale" : "new";
}


/** Points and runs of the study; runs of this invocation (after filter and shard) that ended ok or failed, and how many of them an earlier invocation had done (reused, not run). */
export interface StudyOutcome {
  points: number;
  runs: number;
  ok: number;
  failed: number;
  reused: number;
  /** When a signal stopped the study: the signal's error, and how many of the `selected` runs of this invocation have their results (ok or failed, reused ones included) — a rerun reuses them. */
  interrupted?: Interrupted;
  kept?: number;
  selected?: number;
}

/**
 * Write sweep.csv and sweep-summary.csv for `runs` from their run directories (and
 * study.json when `info` is given). The metric columns are summary.csv's standard ones
 * followed by any extra columns the runs wrote (the AI columns such as gpu_utilization),
 * in the order first seen, then the study's own `metrics` (sweep.metrics, read from each
 * run's CSVs by runMetrics; empty for a run that lacks one).
 */
export async function writeStudyTables(outDir: string, runs: readonly StudyRun[], names: readonly string[], info?: StudyInfo, studyMetrics: readonly string[] = []) {
  const summaries = new Map<string, Record<string, string>>();
  const metrics: string[] = [...SUMMARY_CSV_HEADERS];
  for (const r of runs) {
    const dir = join(outDir, "runs", r.runId);
    if (!existsSync(join(dir, "run.json"))) continue;
    const summary = (await readCsv(join(dir, "summary.csv")))[0];
    if (studyMetrics.length > 0) {
      const all = new Map(runMetrics(dir));
      for (const m of studyMetrics) summary[m] = all.get(m) ?? "";
    }
    summaries.set(r.runId, summary);
    for (const h of Object.keys(summary)) if (!metrics.includes(h) && !studyMetrics.includes(h)) metrics.push(h);
  }
  metrics.push(...studyMetrics);
  const header = [...LEAD, ...names, ...TRAIL, ...metrics];
  const rows: string[][] = [];
  let ok = 0;
  let failed = 0;
  for (const r of runs) {
    const dir = join(outDir, "runs", r.runId);
    const lead = [r.runId, String(r.point), ...names.map((n) => String(r.values[n])), String(r.repetition), String(r.seed)];
    const summary = summaries.get(r.runId);
    if (summary) {
      rows.push([...lead, "ok", "", ...metrics.map((h) => summary[h] ?? "")]);
      ok++;
    } else {
      const message = existsSync(join(dir, "failed.txt")) ? readFileSync(join(dir, "failed.txt"), "utf8").trim() : "not run";
      rows.push([...lead, "failed", message, ...metrics.map(() => "")]);
      failed++;
    }
  }
  await writeStudyCsvs(outDir, header, rows, names, metrics, info);
  return { ok, failed };
}

/**
 * Write sweep.csv (given rows), the per-point sweep-summary.csv derived from them and,
 * when given, study.json (what the rows stand for, see {@link StudyInfo}), atomically.
 */
export async function writeStudyCsvs(
  outDir: string,
  header: string[],
  rows: string[][],
  names: readonly string[],
  metrics: readonly string[] = SUMMARY_CSV_HEADERS,
  info?: StudyInfo,
): Promise<void> {
  const objects = rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
  const summary = summarizeByPoint(objects, ["point", ...names], [...metrics]);
  // Not read off the first row: a study of no run (a shard that selects none) still gets its header.
  const summaryHeader = pointSummaryColumns(["point", ...names], metrics);
  await writeAtomically(outDir, [
    { name: "sweep.csv", write: (p) => writeCsv(p, header, rows) },
    {
      name: "sweep-summary.csv",
      write: (p) => writeCsv(p, summaryHeader, summary.map((s) => summaryHeader.map((h) => csvCell(s[h])))),
    },
    ...(info ? [{ name: STUDY_INFO_FILE, write: (p: string) => writeFile(p, `${JSON.stringify(info, null, 2)}\n`) }] : []),
  ]);
}

/** A summary cell: numbers as every report writes them (csvNumber: 12 significant digits), empty where a statistic is undefined (NaN). */
function csvCell(v: string | number): string {
  return typeof v === "number" ? csvNumber(v) : v;
}

/**
 * After a pool stopped by an interruption (its workers have exited): each of `tasks` that
 * did not end (not in `ended`) is kept and recorded if its results reached their place (the
 * worker was stopped before it could say so), else removed with its staging
 * (`runsDir/.<run id>.staging`). Returns how many it kept. Shared by runStudy and runSearch.
 */
export function settleUnended(tasks: readonly RunTask[], ended: ReadonlySet<RunTask>, runsDir: string, record: (task: RunTask) => void): number {
  let kept = 0;
  for (const task of tasks) {
    if (ended.has(task)) continue;
    if (existsSync(join(task.outDir, "run.json"))) {
      record(task);
      kept++;
    } else {
      rmSync(task.outDir, { recursive: true, force: true });
      rmSync(join(runsDir, `.${task.runId}.staging`), { recursive: true, force: true });
    }
  }
  return kept;
}

/** The runs `--filter` selects (run ids, or an expression over the variables and `repetition`), in run order. */
function filterRuns(runs: readonly StudyRun[], text: string | undefined): StudyRun[] {
  const filter = text?.trim();
  if (!filter) return runs.slice();
  if (/^p\d+-r\d+(\s*,\s*p\d+-r\d+)*$/.test(filter)) {
    const ids = new Set(filter.split(",").map((s) => s.trim()));
    const known = new Set(runs.map((r) => r.runId));
    const unknown = [...ids].filter((id) => !known.has(id));
    if (unknown.length > 0) throw new InputError(`--filter: no run "${unknown[0]}" in this study (run ids look like ${runs[0]?.runId})`);
    return runs.filter((r) => ids.has(r.runId));
  }
  const kept = runs.filter((r) => {
    const v = evaluateExpression(filter, { ...r.values, repetition: r.repetition }, "--filter");
    if (typeof v !== "boolean") throw new InputError(`--filter: "${filter}" gives ${JSON.stringify(v)}, not true or false`);
    return v;
  });
  // As a where that keeps no point: an empty selection would only replace sweep.csv with an empty table.
  if (kept.length === 0) {
    throw new InputError(`--filter "${filter}" selects none of the study's ${runs.length.toLocaleString("en-US")} run${runs.length === 1 ? "" : "s"} — nothing to run`);
  }
  return kept;
}

/** The runs of shard `index` of `count`: those whose position in `runs` modulo `count` is `index`. */
function shardRuns(runs: StudyRun[], shard: { index: number; count: number } | undefined): StudyRun[] {
  return shard ? runs.filter((_, i) => i % shard.count === shard.index) : runs;
}

function dryRunTable(
  points: ReadonlyArray<{ index: number; values: Record<string, SweepValue> }>,
  names: readonly string[],
  totalRuns: number,
  selectedRuns: number,
  repeat: number,
): string {
  const header = ["point", ...names];
  const cells = points.map((p) => [`p${p.index}`, ...names.map((n) => String(p.values[n]))]);
  // A loop, not Math.max(...cells): a million points would overflow the call stack.
  const widths = header.map((h) => h.length);
  for (const c of cells) for (let j = 0; j < c.length; j++) if (c[j].length > widths[j]) widths[j] = c[j].length;
  const line = (c: string[]) => c.map((x, j) => x.padEnd(widths[j])).join("  ").trimEnd();
  return (
    `${points.length} points × ${repeat} repetition${repeat === 1 ? "" : "s"} = ${totalRuns} runs` +
    (selectedRuns !== totalRuns ? ` (${selectedRuns} selected)` : "") +
    `\n${line(header)}\n${cells.map(line).join("\n")}\n`
  );
}
