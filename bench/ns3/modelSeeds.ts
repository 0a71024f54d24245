// modelSeeds: judge a model over its own seeds against ns-3 as cased — per case each target's error over the seeds and the seeds within all three; in total the expected and the majority counts, by class (compare.ts --model-seeds).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import seedrandom from "seedrandom";
import { writeAtomic } from "./cases.js";
import { chokepointRunArgs } from "./chokepointRunArgs.js";
import {
  MARK_COLUMNS,
  caseNames,
  chooseCli,
  compareCase,
  markCells,
  readChokepointRun,
  readNs3Output,
  scenarioFor,
  type MarkFigures,
  type Ns3Run,
} from "./compare.js";
import { latencyCases } from "./latencyCases.js";
import { errors, figures, modelTimedOut, ns3TimedOut, parseSeeds, spread, type TailFigures } from "./seeds.js";

/**
 * "earlier": the first 27 cases of latencyCases() (sessions 34–49; a case's own fit/test role is in
 * latencyCases and bench/ns3/README "Where it stands": 7 of them fit); "heldout": the 20 chosen and written
 * down since, before either simulator ran them; "other": a case not among them.
 */
export type CaseClass = "earlier" | "heldout" | "other";

/** How many of latencyCases() count as "earlier" ({@link CaseClass}). */
export const EARLIER_CASES = 27;

/** The smallest, the median and the largest of a figure over the seeds. */
export type Spread = ReturnType<typeof spread>;

/** One case under one model over its seeds, against ns-3 as cased. Errors are signed fractions (model / ns-3 − 1). */
export interface CaseOverSeeds {
  caseName: string;
  caseClass: CaseClass;
  model: string;
  seeds: number;
  /** Seeds on which all three targets are met. */
  within: number;
  fctP50: Spread;
  fctP99: Spread;
  slowdownP99: Spread;
  /** The model's flows with a timeout over the seeds, and ns-3's (as cased). */
  modelTimedOut: Spread;
  ns3TimedOut: number;
  /** Whether the case as cased (the model with the scenario's own seed) is within all three targets. */
  casedWithin: boolean;
  /** ECN marks per flow of the run as cased on both sides (compare's {@link MarkFigures}); absent when either side has no marks columns. */
  casedMarks?: MarkFigures;
}

/**
 * Aggregate one case: the model's figures on each seed (`seeded`) and with the case's own seed (`cased`),
 * each against ns-3's figures as cased, by seeds.ts's {@link errors} and {@link TARGETS}.
 * @throws Error when `seeded` is empty.
 */
export function overSeeds(caseName: string, caseClass: CaseClass, model: string, ns3: TailFigures, cased: TailFigures, seeded: TailFigures[]): CaseOverSeeds {
  if (seeded.length === 0) throw new Error(`${caseName}: no seeds to aggregate`);
  const e = seeded.map((m) => errors(m, ns3));
  return {
    caseName,
    caseClass,
    model,
    seeds: seeded.length,
    within: e.filter((x) => x.within).length,
    fctP50: spread(e.map((x) => x.fctP50)),
    fctP99: spread(e.map((x) => x.fctP99)),
    slowdownP99: spread(e.map((x) => x.slowdownP99)),
    modelTimedOut: spread(seeded.map((m) => m.timedOut)),
    ns3TimedOut: ns3.timedOut,
    casedWithin: errors(cased, ns3).within,
  };
}

/** Counts over a set of cases: the expected count within (Σ of each case's fraction of seeds within), the cases within on a majority (more than half) of seeds, and as cased. */
export interface SeedTotals {
  cases: number;
  expected: number;
  majority: number;
  cased: number;
}

/** {@link SeedTotals} of `cases`, of all of them and by class (classes without cases are left out). */
export function seedTotals(cases: CaseOverSeeds[]): { all: SeedTotals; byClass: Partial<Record<CaseClass, SeedTotals>> } {
  const count = (cs: CaseOverSeeds[]): SeedTotals => ({
    cases: cs.length,
    expected: cs.reduce((sum, c) => sum + c.within / c.seeds, 0),
    majority: cs.filter((c) => 2 * c.within > c.seeds).length,
    cased: cs.filter((c) => c.casedWithin).length,
  });
  const byClass: Partial<Record<CaseClass, SeedTotals>> = {};
  for (const k of ["earlier", "heldout", "other"] as const) {
    const cs = cases.filter((c) => c.caseClass === k);
    if (cs.length > 0) byClass[k] = count(cs);
  }
  return { all: count(cases), byClass };
}

/** The class of each of latencyCases()' names ({@link CaseClass}); a name not among them is "other". */
export function caseClasses(): (name: string) => CaseClass {
  const names = latencyCases().map((c) => c.name);
  return (name) => {
    const i = names.indexOf(name);
    return i < 0 ? "other" : i < EARLIER_CASES ? "earlier" : "heldout";
  };
}

const pct = (x: number) => `${x >= 0 ? "+" : "−"}${Math.abs(x * 100).toFixed(1)}`;
const range = (s: Spread, f: (x: number) => string) => `${f(s.min)} / ${f(s.median)} / ${f(s.max)}`;

/** The per-case table (markdown) and the totals, as `compare.ts --model-seeds` prints them. */
export function modelSeedsTable(cases: CaseOverSeeds[]): string {
  const lines = [
    "| case | class | model | within (of seeds) | as cased | FCT p50 % min / median / max | FCT p99 % | slowdown p99 % | timed out: model min / median / max, ns-3 |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  for (const c of cases) {
    lines.push(
      `| \`${c.caseName}\` | ${c.caseClass} | ${c.model} | ${c.within} of ${c.seeds} | ${c.casedWithin ? "yes" : "no"} | ${range(c.fctP50, pct)} | ${range(c.fctP99, pct)} | ` +
        `${range(c.slowdownP99, pct)} | ${range(c.modelTimedOut, String)}, ${c.ns3TimedOut} |`,
    );
  }
  const models = [...new Set(cases.map((c) => c.model))];
  for (const model of models) {
    const { all, byClass } = seedTotals(cases.filter((c) => c.model === model));
    const line = (what: string, t: SeedTotals) =>
      `${what} (${t.cases}): expected ${t.expected.toFixed(2)}, within on a majority of seeds ${t.majority}, as cased ${t.cased}`;
    lines.push("", `${model}: ${line("all", all)}`);
    for (const [k, t] of Object.entries(byClass)) lines.push(`${model}: ${line(k, t)}`);
  }
  return `${lines.join("\n")}\n`;
}

/** The cases as CSV: one row per case and model, errors as signed fractions. */
export function modelSeedsCsv(cases: CaseOverSeeds[]): string {
  const g = (x: number) => String(Number(x.toPrecision(6)));
  const s3 = (s: Spread) => [s.min, s.median, s.max].map(g);
  const header =
    "case,class,model,seeds,seeds_within,cased_within,fct_p50_err_min,fct_p50_err_median,fct_p50_err_max,fct_p99_err_min,fct_p99_err_median,fct_p99_err_max," +
    "slowdown_p99_err_min,slowdown_p99_err_median,slowdown_p99_err_max,model_timed_out_min,model_timed_out_median,model_timed_out_max,ns3_timed_out," +
    MARK_COLUMNS;
  const rows = cases.map((c) =>
    [c.caseName, c.caseClass, c.model, c.seeds, c.within, c.casedWithin ? 1 : 0, ...s3(c.fctP50), ...s3(c.fctP99), ...s3(c.slowdownP99), ...s3(c.modelTimedOut), c.ns3TimedOut, ...markCells(c.casedMarks)].join(","),
  );
  return `${[header, ...rows].join("\n")}\n`;
}

/**
 * Check `--model-jitter`'s seconds: a positive, finite number (`shown` is how the message quotes it).
 * @throws Error in one sentence otherwise.
 */
export function checkModelJitter(jitterS: number, shown = String(jitterS)): void {
  if (!(jitterS > 0 && Number.isFinite(jitterS))) throw new Error(`--model-jitter: expected a positive number of seconds, got ${shown} (e.g. 1e-6)`);
}

/**
 * A model scenario's text with every transfer's start moved later by U[0, jitterS) seconds, drawn in
 * workload order from a generator seeded by `seed` alone (so each seed's shifts are the same on every build):
 * the perturbation for runs that draw nothing, e.g. DCTCP's, where `--seed` changes no figure. ns-3's side
 * stays as cased (`--seeds`' `option jitter` shifts ns-3's starts instead).
 * @throws Error when jitterS is not positive and finite, or a transfer's start is not "<seconds>s".
 */
export function jitteredScenario(text: string, seed: number, jitterS: number): string {
  checkModelJitter(jitterS);
  const scenario = JSON.parse(text) as { workloads?: Array<{ transfer?: { start?: string } }> };
  const draw = seedrandom(`model-jitter:${seed}`);
  for (const [i, w] of (scenario.workloads ?? []).entries()) {
    if (w.transfer === undefined) continue;
    const start = w.transfer.start ?? "0s";
    const m = /^([0-9.eE+-]+)s$/.exec(start);
    if (!m || !Number.isFinite(Number(m[1]))) throw new Error(`workloads[${i}].transfer.start: expected "<seconds>s", got "${start}"`);
    w.transfer.start = `${Number(m[1]) + draw() * jitterS}s`;
  }
  return JSON.stringify(scenario);
}

/** A queue of at most `width` tasks running at once; each call resolves with its task's result. */
export function workerPool(width: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async (task) => {
    if (running >= width) await new Promise<void>((go) => waiting.push(go));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** Run chokepoint's CLI (`cli`) on `scenario` with `--seed seed` (the scenario's own when undefined) into `out`; flows.csv rows by id and the wall time. */
function runOnce(
  cli: readonly string[],
  scenario: string,
  out: string,
  seed: number | undefined,
  cwd: string,
  children: Set<ChildProcess>,
): Promise<ReturnType<typeof readChokepointRun>> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, chokepointRunArgs(cli, scenario, out, seed), { cwd, stdio: ["ignore", "ignore", "pipe"] });
    children.add(child);
    child.on("exit", () => children.delete(child));
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", fail);
    child.on("close", (code) => {
      if (code !== 0) fail(new Error(`chokepoint run failed on ${scenario}${seed === undefined ? "" : ` --seed ${seed}`} (exit ${code}): ${stderr.trim()}`));
      else done(readChokepointRun(out));
    });
  });
}

/** What {@link modelSeedsCommand} runs. */
export interface ModelSeedsOptions {
  /** The seed list as given to --model-seeds ({@link parseSeeds}). */
  seeds: string;
  models: string[];
  /** The cases to run (default: every case of the directory with ns-3's output present). */
  cases?: string[];
  /** Another build's CLI (its dist/cli/main.js) to run instead of this checkout's. */
  build?: string;
  /** Run the sources under tsx instead of this checkout's build. */
  source?: boolean;
  csv?: string;
  /** When set, each seed's runs also shift every transfer's start by U[0, jitterS) s ({@link jitteredScenario}); the runs as cased stay unshifted. */
  jitterS?: number;
  /** Processes at once (default 2). */
  jobs?: number;
  /** The checkout (the CLI's working directory, and the build of this checkout). */
  root: string;
}

/**
 * `compare.ts DIR --model-seeds LIST`: each case's ns-3 output as cased (never run here) against the model
 * run once per seed (`run --seed N`) and once as cased, into a private temporary directory, through a pool
 * of `jobs` processes; prints the per-case table and the totals, writes the CSV when asked. Resolves to the
 * exit code; bad input rejects with one sentence.
 */
export async function modelSeedsCommand(dir: string, o: ModelSeedsOptions): Promise<number> {
  const seeds = parseSeeds(o.seeds, "--model-seeds");
  if (o.jitterS !== undefined) checkModelJitter(o.jitterS);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${dir} is not a directory`);
  const present = (name: string) => existsSync(join(dir, `${name}.ns3.csv`)) && existsSync(join(dir, `${name}.ns3.csv.json`));
  const all = caseNames(dir);
  for (const name of o.cases ?? []) {
    if (!all.includes(name)) throw new Error(`no case "${name}" in ${dir} (no ${name}.ns3.txt)`);
    if (!present(name)) throw new Error(`case "${name}" has no ns-3 output in ${dir} (${name}.ns3.csv and .ns3.csv.json; --model-seeds never runs ns-3)`);
  }
  const names = o.cases ?? all.filter(present);
  if (names.length === 0) throw new Error(`no case in ${dir} has its ns-3 output (NAME.ns3.csv and NAME.ns3.csv.json)`);
  const skipped = all.filter((n) => !present(n));
  if (o.cases === undefined && skipped.length > 0) console.error(`compare: ${skipped.length} case(s) without ns-3 output skipped: ${skipped.join(", ")}`);
  const cli = chooseCli({ build: o.build, source: o.source, root: o.root });
  const classOf = caseClasses();
  const work = mkdtempSync(join(tmpdir(), "chokepoint-model-seeds-"));
  const pool = workerPool(o.jobs ?? 2);
  const children = new Set<ChildProcess>();
  const started = performance.now();
  // End the runs and remove the temporary directory: on leaving, and on Ctrl-C or a kill before exiting.
  const cleanUp = () => {
    for (const child of children) child.kill();
    rmSync(work, { recursive: true, force: true });
  };
  const stop = (signal: NodeJS.Signals) => {
    cleanUp();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
  try {
    const jobs = names.map((name) => {
      const scenarios = join(work, name);
      mkdirSync(scenarios);
      const caseSeed = (JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")) as { seed?: number }).seed;
      // Each model's scenario is written once, before any run reads it (a rewrite truncates the file under a running run).
      const scenarioOf = new Map([...new Set(["maxmin", ...o.models])].map((model) => [model, scenarioFor(dir, name, model, scenarios)]));
      // With --model-jitter, one shifted copy per model and seed, also written before any run reads it.
      const jittered = new Map<string, string>();
      if (o.jitterS !== undefined) {
        for (const model of o.models) {
          const text = readFileSync(scenarioOf.get(model)!, "utf8");
          for (const s of seeds) {
            const path = join(scenarios, `${name}.${model}.j${s}.json`);
            writeFileSync(path, jitteredScenario(text, s, o.jitterS));
            jittered.set(`${model}:${s}`, path);
          }
        }
      }
      const run = (model: string, seed: number | undefined) => {
        const scenario = (seed !== undefined && jittered.get(`${model}:${seed}`)) || scenarioOf.get(model)!;
        const p = pool(() => runOnce(cli, scenario, join(scenarios, `out-${model}-${seed ?? "case"}`), seed, o.root, children));
        p.catch(() => {}); // awaited in its case's turn; a later case's failure must not end the process unhandled first
        return p;
      };
      // The ideal FCTs (route latency + size / bottleneck) from a maxmin run as cased, compare's yardstick.
      const reference = run("maxmin", undefined);
      return {
        name,
        reference,
        models: o.models.map((model) => {
          const seeded = seeds.map((s) => (model === "maxmin" && s === caseSeed && o.jitterS === undefined ? reference : run(model, s)));
          // As cased is the run with the case's own seed: reuse it when that seed is in the list (same bytes; never when shifted).
          const i = caseSeed === undefined || o.jitterS !== undefined ? -1 : seeds.indexOf(caseSeed);
          const cased = model === "maxmin" ? reference : i >= 0 ? seeded[i] : run(model, undefined);
          return { model, seeded, cased };
        }),
      };
    });
    const results: CaseOverSeeds[] = [];
    for (const job of jobs) {
      const caseText = readFileSync(join(dir, `${job.name}.ns3.txt`), "utf8");
      const synTimeoutS = Number(/^option synto (\S+)/m.exec(caseText)?.[1] ?? 1);
      const ns3: Ns3Run = readNs3Output(join(dir, `${job.name}.ns3.csv`));
      const reference = await job.reference;
      const idealOf = (id: string) => Number(reference.rows.get(id)!.ideal_fct_s);
      for (const m of job.models) {
        const side = async (cp: Promise<ReturnType<typeof readChokepointRun>>) => {
          const r = await cp;
          const row = compareCase(dir, job.name, m.model, ns3, idealOf, r);
          return { row, model: figures(row, "model", modelTimedOut(r.rows)) };
        };
        const cased = await side(m.cased);
        const seeded = await Promise.all(m.seeded.map(side));
        const c = overSeeds(job.name, classOf(job.name), m.model, figures(cased.row, "ns3", ns3TimedOut(ns3, synTimeoutS)), cased.model, seeded.map((s) => s.model));
        if (cased.row.marks !== undefined) c.casedMarks = cased.row.marks;
        results.push(c);
        console.error(
          `${c.caseName} [${c.model}, ${c.caseClass}] within on ${c.within} of ${c.seeds} seeds (as cased: ${c.casedWithin ? "yes" : "no"}); ` +
            `errors % min / median / max: FCT p50 ${range(c.fctP50, pct)}, p99 ${range(c.fctP99, pct)}, slowdown p99 ${range(c.slowdownP99, pct)}; ` +
            `timed out ${range(c.modelTimedOut, String)} (ns-3 ${c.ns3TimedOut})`,
        );
      }
      rmSync(join(work, job.name), { recursive: true, force: true });
    }
    console.log(modelSeedsTable(results));
    const shift = o.jitterS === undefined ? "" : `, starts shifted by U[0, ${o.jitterS} s) per seed`;
    console.log(`${results.length} case-model pairs over seeds ${o.seeds}${shift} on ${cli.join(" ")}: ${((performance.now() - started) / 1e3).toFixed(1)} s wall, ${o.jobs ?? 2} processes`);
    if (o.csv !== undefined) {
      mkdirSync(dirname(resolve(o.csv)), { recursive: true });
      writeAtomic(o.csv, modelSeedsCsv(results));
      console.error(`compare: wrote ${o.csv}`);
    }
    return 0;
  } finally {
    process.off("SIGINT", stop);
    process.off("SIGTERM", stop);
    cleanUp();
  }
}
