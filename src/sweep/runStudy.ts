// runStudy: `chokepoint sweep` — expand a study, check every point, run the runs on worker threads, write sweep.csv.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../core/InputError.js";
import { csvNumber } from "../report/csvNumber.js";
import { readCsv } from "../report/readCsv.js";
import { writeAtomically } from "../report/writeAtomically.js";
import { writeCsv } from "../report/writeCsv.js";
import { SUMMARY_CSV_HEADERS } from "../report/summarizeRun.js";
import { readScenarioDocument } from "../scenario/loadScenario.js";
import { prepareScenarioDocument } from "../scenario/prepareScenario.js";
import { evaluateExpression } from "./evaluateExpression.js";
import { expandStudy, formatValues } from "./expandStudy.js";
import { parseSweep } from "./parseSweep.js";
import type { RunTask, RunTaskResult } from "./RunTask.js";
import type { StudyRun, SweepValue } from "./Study.js";
import { substitute } from "./substitute.js";
import { summarizeByPoint } from "./summarizeByPoint.js";
import { WorkerPool } from "./WorkerPool.js";

/** Options of {@link runStudy}. */
export interface StudyOptions {
  /** The study directory: runs/<run id>/ for each run, sweep.csv and sweep-summary.csv. */
  outDir: string;
  /** Worker threads (default: one per core). */
  jobs: number;
  /** List the points and the number of runs, run nothing. */
  dryRun: boolean;
  /** Run ids ("p0-r1,p2-r0") or an expression over the variables and `repetition`. */
  filter?: string;
  /** Run only the runs whose index modulo `count` is `index`. */
  shard?: { index: number; count: number };
  version: string;
  /** Progress of the runs (done, total, runs skipped because already complete). */
  onProgress?: (done: number, total: number) => void;
  /** Where the dry-run table and the closing line go. */
  print: (text: string) => void;
}

/** Columns of sweep.csv before the variables. */
const LEAD = ["run_id", "point"];
/** Columns of sweep.csv after the variables; the summary.csv metrics follow. */
const TRAIL = ["repetition", "seed", "status", "message"];

/**
 * Run a study file: expand its `sweep` block, substitute and check every point before
 * anything runs (a bad point is bad input: exit 2, nothing run), skip the runs whose
 * results are already complete (their run.json, the last file a run writes, exists), run
 * the others on a pool of worker threads — a failed run is recorded, never fatal — and
 * write sweep.csv (one row per run of this shard, in run order, so the file is the same
 * whatever the number of jobs or the order runs finish in) and sweep-summary.csv.
 */
export async function runStudy(file: string, options: StudyOptions): Promise<StudyOutcome> {
  const document = readScenarioDocument(file);
  const { sweep, ...base } = document;
  if (sweep === undefined) {
    throw new InputError(`${file}: has no sweep block — run a single scenario with "chokepoint run"`);
  }
  const spec = parseSweep(sweep, `${file}: sweep`);
  const baseSeed = base.seed ?? 1;
  if (!(typeof baseSeed === "number" && Number.isInteger(baseSeed) && baseSeed >= 0)) {
    throw new InputError(`${file}: seed: expected a whole number ≥ 0, found ${JSON.stringify(baseSeed)}`);
  }
  const { points, runs } = expandStudy(spec, baseSeed);
  const names = Object.keys(spec.vars);
  const pointDocs = points.map((p) => {
    const context = `${file}: point ${p.index} (${formatValues(p.values)})`;
    const doc = substitute(base, p.values, context) as Record<string, unknown>;
    try {
      prepareScenarioDocument(doc, file);
    } catch (err) {
      if (err instanceof InputError) {
        const inner = err.message.startsWith(`${file}: `) ? err.message.slice(file.length + 2) : err.message;
        throw new InputError(`${context}: ${inner}`);
      }
      throw err;
    }
    return doc;
  });
  const selected = selectRuns(runs, options);
  if (options.dryRun) {
    options.print(dryRunTable(points, names, runs.length, selected.length, spec.repeat));
    return { points: points.length, runs: runs.length, ok: 0, failed: 0 };
  }

  const runsDir = join(options.outDir, "runs");
  mkdirSync(runsDir, { recursive: true });
  const dirOf = (run: StudyRun) => join(runsDir, run.runId);
  const pending = selected.filter((r) => !existsSync(join(dirOf(r), "run.json")) && !existsSync(join(dirOf(r), "failed.txt")));
  const tasks: RunTask[] = pending.map((r) => ({
    runId: r.runId,
    file,
    document: pointDocs[r.point],
    seed: r.seed,
    outDir: dirOf(r),
    version: options.version,
  }));
  let done = selected.length - pending.length;
  options.onProgress?.(done, selected.length);
  const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
  const pool = new WorkerPool<RunTask, RunTaskResult>(new URL(`./sweepWorker.${ext}`, import.meta.url), options.jobs);
  await pool.run(tasks, (result, task) => {
    if (result.status === "failed") writeFailure(task.outDir, result.message);
    options.onProgress?.(++done, selected.length);
  });
  return { points: points.length, runs: runs.length, ...(await writeStudyTables(options.outDir, selected, names)) };
}

/** Points and runs of the study; runs of this invocation (after filter and shard) that ended ok or failed. */
export interface StudyOutcome {
  points: number;
  runs: number;
  ok: number;
  failed: number;
}

/**
 * Write sweep.csv and sweep-summary.csv for `runs` from their run directories. The metric
 * columns are summary.csv's standard ones followed by any extra columns the runs wrote
 * (the AI columns such as gpu_utilization), in the order first seen.
 */
export async function writeStudyTables(outDir: string, runs: readonly StudyRun[], names: readonly string[]) {
  const summaries = new Map<string, Record<string, string>>();
  const metrics: string[] = [...SUMMARY_CSV_HEADERS];
  for (const r of runs) {
    const dir = join(outDir, "runs", r.runId);
    if (!existsSync(join(dir, "run.json"))) continue;
    const summary = (await readCsv(join(dir, "summary.csv")))[0];
    summaries.set(r.runId, summary);
    for (const h of Object.keys(summary)) if (!metrics.includes(h)) metrics.push(h);
  }
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
  await writeStudyCsvs(outDir, header, rows, names, metrics);
  return { ok, failed };
}

/** Write sweep.csv (given rows) and the per-point sweep-summary.csv derived from them, atomically. */
export async function writeStudyCsvs(
  outDir: string,
  header: string[],
  rows: string[][],
  names: readonly string[],
  metrics: readonly string[] = SUMMARY_CSV_HEADERS,
): Promise<void> {
  const objects = rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])));
  const summary = summarizeByPoint(objects, ["point", ...names], [...metrics]);
  const summaryHeader = Object.keys(summary[0] ?? {});
  await writeAtomically(outDir, [
    { name: "sweep.csv", write: (p) => writeCsv(p, header, rows) },
    {
      name: "sweep-summary.csv",
      write: (p) => writeCsv(p, summaryHeader, summary.map((s) => summaryHeader.map((h) => csvCell(s[h])))),
    },
  ]);
}

/** A summary cell: numbers as every report writes them (csvNumber: 12 significant digits), empty where a statistic is undefined (NaN). */
function csvCell(v: string | number): string {
  return typeof v === "number" ? csvNumber(v) : v;
}

function writeFailure(dir: string, message: string): void {
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.failed.${process.pid}.tmp`);
  writeFileSync(tmp, `${message}\n`);
  renameSync(tmp, join(dir, "failed.txt"));
}

function selectRuns(runs: readonly StudyRun[], options: StudyOptions): StudyRun[] {
  let selected = runs.slice();
  const filter = options.filter?.trim();
  if (filter) {
    if (/^p\d+-r\d+(\s*,\s*p\d+-r\d+)*$/.test(filter)) {
      const ids = new Set(filter.split(",").map((s) => s.trim()));
      const unknown = [...ids].filter((id) => !runs.some((r) => r.runId === id));
      if (unknown.length > 0) throw new InputError(`--filter: no run "${unknown[0]}" in this study (run ids look like ${runs[0]?.runId})`);
      selected = selected.filter((r) => ids.has(r.runId));
    } else {
      selected = selected.filter((r) => {
        const v = evaluateExpression(filter, { ...r.values, repetition: r.repetition });
        if (typeof v !== "boolean") throw new InputError(`--filter: "${filter}" gives ${JSON.stringify(v)}, not true or false`);
        return v;
      });
    }
  }
  const shard = options.shard;
  if (shard) selected = selected.filter((_, i) => i % shard.count === shard.index);
  return selected;
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
  // A reduce, not Math.max(...cells): a study has up to a million points, too many arguments for one call.
  const widths = header.map((h, j) => cells.reduce((w, c) => Math.max(w, c[j].length), h.length));
  const line = (c: string[]) => c.map((x, j) => x.padEnd(widths[j])).join("  ").trimEnd();
  return (
    `${points.length} points × ${repeat} repetition${repeat === 1 ? "" : "s"} = ${totalRuns} runs` +
    (selectedRuns !== totalRuns ? ` (${selectedRuns} selected)` : "") +
    `\n${line(header)}\n${cells.map(line).join("\n")}\n`
  );
}
