// runSearch: `chokepoint search` — find the cheapest design of a study that meets its targets, running candidates on the sweep's worker pool.
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../core/InputError.js";
import type { Interrupted, Interruption } from "../core/Interruption.js";
import { runMetrics } from "../report/html/runMetrics.js";
import { writeAtomically } from "../report/writeAtomically.js";
import { writeCsv } from "../report/writeCsv.js";
import { writeRunRecord } from "../sweep/RunRecord.js";
import { runKey } from "../sweep/runKey.js";
import { runRecorded } from "../sweep/runRecorded.js";
import { canonicalJson, runState, settleUnended } from "../sweep/runStudy.js";
import type { RunTask, RunTaskResult } from "../sweep/RunTask.js";
import { sweepWorkerUrl } from "../sweep/sweepWorkerUrl.js";
import { workerHeapLimitMb } from "../sweep/workerHeapLimitMb.js";
import { WorkerPool } from "../sweep/WorkerPool.js";
import { paretoCsvRows } from "./paretoCsvRows.js";
import { prepareSearch } from "./prepareSearch.js";
import { searchCsvRows } from "./searchCsvRows.js";
import { SearchState, type SearchResult } from "./SearchState.js";
import type { SearchSpec } from "./SearchSpec.js";

/** Options of {@link runSearch}. */
export interface SearchOptions {
  /**
   * With it, a SIGINT or SIGTERM stops the search between or within rounds: no run starts
   * any more, the workers are terminated, a run they held is kept only if its results were
   * already in place (else its directory and staging are removed), search.csv and
   * pareto.csv are not written, and the {@link Interrupted} error is thrown.
   */
  interruption?: Interruption;
  /** Where runs/<run id>/ (the same layout and run ids as the study's sweep), search.csv and pareto.csv go. */
  outDir: string;
  /** Worker threads. */
  jobs: number;
  /** Each worker's JavaScript heap limit in MiB (default {@link workerHeapLimitMb} of `jobs`). */
  workerHeapMb?: number;
  version: string;
  /** Progress: simulations recorded so far (reused ones included) and the full grid's count. */
  onProgress?: (simulations: number, grid: number) => void;
}

/** What a search found, with what the command line prints. */
export interface SearchOutcome extends SearchResult {
  state: SearchState;
  spec: SearchSpec;
  /** The study's variables, in declaration order. */
  names: string[];
  /** Designs in the study. */
  points: number;
}

/**
 * Run a search file: check it all (prepareSearch: a mistake is exit 2 and nothing runs),
 * then run the rounds {@link SearchState} asks for on a pool of worker threads, each
 * simulation in `runs/<run id>/` exactly as `chokepoint sweep` of the same file would
 * (same run ids, seeds, point.json and reports), reusing a run whose results on disk were
 * made for the same scenario and seed — so an interrupted search, or one run after the
 * sweep of its grid into the same directory, resumes — and write search.csv and
 * pareto.csv atomically. The outcome is the same whatever `jobs` and whatever was reused.
 */
export async function runSearch(file: string, options: SearchOptions): Promise<SearchOutcome> {
  const { study, search: spec } = prepareSearch(file);
  const { points, runs, pointDocs, pointInputs, names } = study;
  const repeat = study.spec.repeat;
  const state = new SearchState(points, study.spec.zip, repeat, spec, spec.budget);
  const runsDir = join(options.outDir, "runs");
  mkdirSync(runsDir, { recursive: true });
  const pointJson = pointDocs.map((doc) => canonicalJson(doc));
  const heapLimitMb = options.workerHeapMb ?? workerHeapLimitMb(options.jobs);
  const workerUrl = sweepWorkerUrl();
  const seen = new Set<string>();
  let anyOk = false;
  const grid = points.length * repeat;
  // One pool for every round, its workers kept between rounds (a round is often one design's replications).
  const pool = new WorkerPool<RunTask, RunTaskResult>(workerUrl, { jobs: options.jobs, heapLimitMb, keepAlive: true });
  try {
    for (let round = state.next(); round.length > 0; round = state.next()) {
      const planned = round.map((task) => {
        const run = runs[task.point * repeat + task.repetition];
        return { task, run, dir: join(runsDir, run.runId), key: runKey(pointJson[task.point], run.seed, pointInputs[task.point]) };
      });
      const pending = planned.filter((p) => {
        const s = runState(p.dir, p.key);
        return s === "new" || s === "stale";
      });
      for (const p of pending) rmSync(p.dir, { recursive: true, force: true });
      const byId = new Map(pending.map((p) => [p.run.runId, p]));
      const record = (task: RunTask) => {
        const { run, key } = byId.get(task.runId)!;
        mkdirSync(task.outDir, { recursive: true });
        writeRunRecord(task.outDir, { run_id: run.runId, point: run.point, repetition: run.repetition, seed: run.seed, values: run.values, key });
      };
      const tasks: RunTask[] = pending.map((p) => ({
        runId: p.run.runId,
        file,
        document: pointDocs[p.task.point],
        seed: p.run.seed,
        outDir: p.dir,
        version: options.version,
      }));
      const ended = await runRecorded(pool, tasks, record, "run the search again into a fresh directory to retry it", options.interruption?.aborted);
      if (options.interruption?.signal !== undefined) {
        settleUnended(tasks, ended, runsDir, record);
        throw options.interruption.aborted.reason as Interrupted;
      }
      // Results in the round's order, whatever order the workers finished in.
      for (const p of planned) {
        const metrics = existsSync(join(p.dir, "run.json")) ? metricsOf(p.dir) : undefined;
        if (metrics) {
          anyOk = true;
          for (const m of metrics.keys()) seen.add(m);
        }
        state.record(p.task, metrics);
      }
      if (anyOk) checkMetricsPresent(file, spec, seen);
      options.onProgress?.(state.result().simulations, grid);
    }
  } finally {
    await pool.close();
  }

  const result = state.result();
  const search = searchCsvRows(state, result, names);
  const pareto = paretoCsvRows(state, result, spec, names);
  await writeAtomically(options.outDir, [
    { name: "search.csv", write: (p) => writeCsv(p, search.header, search.rows) },
    { name: "pareto.csv", write: (p) => writeCsv(p, pareto.header, pareto.rows) },
  ]);
  return { ...result, state, spec, names, points: points.length };
}

/** A finished run's metrics by compare.csv's names, as numbers (an empty cell is NaN). */
function metricsOf(dir: string): Map<string, number> {
  return new Map(runMetrics(dir).map(([name, cell]) => [name, cell.trim() === "" ? NaN : Number(cell)]));
}

/** Once a run has succeeded, every metric the search reads must be one the runs report: otherwise it is a mistake in the file. */
function checkMetricsPresent(file: string, spec: SearchSpec, seen: ReadonlySet<string>): void {
  const hint = (m: string) => {
    const near = [...seen].filter((k) => k.includes(m) || m.includes(k)).slice(0, 4);
    return near.length > 0 ? ` (did you mean ${near.join(", ")}?)` : " — the runs report summary.csv's columns, cost_<item>_usd, tier_share:<tier> and <workload>:<metric>_mean|_p50|_p99";
  };
  spec.targets.forEach((t, i) => {
    if (!seen.has(t.metric)) throw new InputError(`${file}: search.targets[${i}]: the runs have no metric "${t.metric}"${hint(t.metric)}`);
  });
  if (!seen.has(spec.minimize)) throw new InputError(`${file}: search.minimize: the runs have no metric "${spec.minimize}"${hint(spec.minimize)}`);
}
