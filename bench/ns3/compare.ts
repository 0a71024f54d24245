// compare: run the ns-3 cases of bench/ns3/cases.ts in ns-3 and in chokepoint (maxmin, tcp) and report slowdown quantiles and per-flow FCT ratios.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { quantile } from "d3-array";
import { buildDist } from "../buildDist.js";
import { missingNs3Packages } from "../missingPackages.js";
import { readReportCsv as readCsv } from "../readReportCsv.js";
import { writeAtomic } from "./cases.js";
import { chokepointRunArgs } from "./chokepointRunArgs.js";
import { checkModelJitter, modelSeedsCommand } from "./modelSeeds.js";
import { compareSeeds, parseSeeds, seedTable } from "./seeds.js";
import { checkCopies, warmWall } from "./warmWall.js";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "../..");

/** One row of results/bench/ns3.csv: a case under one chokepoint model, next to ns-3. */
export interface ComparisonRow {
  caseName: string;
  model: string;
  /** Flows completed by both simulators (the quantiles are over these). */
  flows: number;
  /** Flows ns-3 did not complete before its stop time. */
  ns3Unfinished: number;
  /** FCT p50, p95, p99 in ns-3 and in the model, seconds. */
  ns3Fct: [number, number, number];
  modelFct: [number, number, number];
  /** Slowdown (FCT / ideal FCT: route latency + size / bottleneck, the same ideal for both) p50, p95, p99. */
  ns3Slowdown: [number, number, number];
  modelSlowdown: [number, number, number];
  /** Per-flow FCT ratio chokepoint / ns-3 at p5, p25, p50, p75, p95. */
  fctRatio: [number, number, number, number, number];
  /** ns-3's simulation wall time and chokepoint's (run.json: the run in process, without start-up; the built CLI unless --source), seconds. */
  ns3WallS: number;
  chokepointWallS: number;
  /** With --warm N: the median `wall_s` of runs 2..N of the case as one study on one worker ({@link warmWall}); absent otherwise. */
  chokepointWarmWallS?: number;
  /** ECN marks per flow on both sides ({@link markFigures}); absent when either side's flows CSV has no `marks` column. */
  marks?: MarkFigures;
}

/** One side's ECN marks over a case's flows: the flows marked at least once, the marks, and the cuts for marks. */
export interface MarkSide {
  markedFlows: number;
  marks: number;
  markCuts: number;
}

/** Both sides' {@link MarkSide} over the same `flows` of a case. */
export interface MarkFigures {
  flows: number;
  ns3: MarkSide;
  model: MarkSide;
  /** ns-3's marks on the flows' packets towards their senders (ACKs), which links.csv counts and the model never makes; absent for outputs without `ack_marks`. */
  ns3AckMarks?: number;
}

/**
 * The marks of every flow of the model's run (`rows`, flows.csv by id) on both sides: ns-3's
 * `marks` (its data packets a marking disc set CE on, at every port) and `mark_cuts` (CWR
 * entries), and the model's columns of the same names (docs/reports.md). Undefined when
 * either side lacks them (ns-3 outputs of flows.cc before them, a model without them).
 */
export function markFigures(ns3: Ns3Run, rows: Map<string, Record<string, string>>): MarkFigures | undefined {
  if (!ns3.marks || !ns3.markCuts) return undefined;
  const ns3Side: MarkSide = { markedFlows: 0, marks: 0, markCuts: 0 };
  const model: MarkSide = { markedFlows: 0, marks: 0, markCuts: 0 };
  let flows = 0;
  let ackMarks = 0;
  for (const [id, row] of rows) {
    if (row.marks === undefined || row.mark_cuts === undefined) return undefined;
    flows++;
    const add = (side: MarkSide, marks: number, cuts: number) => {
      if (marks > 0) side.markedFlows++;
      side.marks += marks;
      side.markCuts += cuts;
    };
    add(ns3Side, ns3.marks.get(id) ?? 0, ns3.markCuts.get(id) ?? 0);
    add(model, Number(row.marks), Number(row.mark_cuts));
    ackMarks += ns3.ackMarks?.get(id) ?? 0;
  }
  return { flows, ns3: ns3Side, model, ...(ns3.ackMarks && { ns3AckMarks: ackMarks }) };
}

/** "M marks on K of N flows, C cuts per marked flow" for one side of {@link markFigures}. */
export function markLine(side: MarkSide, flows: number): string {
  const perFlow = side.markedFlows > 0 ? (side.markCuts / side.markedFlows).toFixed(2) : "—";
  return `${side.marks} marks on ${side.markedFlows} of ${flows} flows, ${perFlow} cuts per marked flow (${side.markCuts} cuts)`;
}

/**
 * Where build.sh puts the ns-3 replay binary: under the OS temp directory, keyed by a hash of
 * flows.cc, build.sh and the compiler and headers chosen (CXX, NS3_INCLUDE_DIR), so a changed
 * source gets a new binary and nothing is written into the source tree.
 */
export function flowsBinaryPath(env: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash("sha256")
    .update(readFileSync(join(HERE, "flows.cc")))
    .update(readFileSync(join(HERE, "build.sh")))
    .update(`\0${env.CXX || "g++"}\0${env.NS3_INCLUDE_DIR || "/usr/include"}`)
    .digest("hex")
    .slice(0, 16);
  return join(tmpdir(), "chokepoint-ns3", `flows-${hash}`);
}

/**
 * Compile flows.cc with build.sh unless {@link flowsBinaryPath} already holds it; returns the binary's path.
 * Builds into a private name and renames it into place, so concurrent builds never see a partial binary.
 * @throws Error naming the missing packages (libns3-dev, g++) or the failed build.
 */
export function ensureBuilt(): string {
  const binary = flowsBinaryPath();
  if (existsSync(binary)) return binary;
  const missing = missingNs3Packages();
  if (missing.length > 0) {
    throw new Error(`cannot build the ns-3 replay: ${missing.map((m) => `${m.name} is not installed (${m.reason})`).join("; ")}`);
  }
  const partial = `${binary}.partial-${process.pid}`;
  const r = spawnSync("sh", [join(HERE, "build.sh"), partial], { stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) {
    rmSync(partial, { force: true });
    throw new Error(`bench/ns3/build.sh failed (exit ${r.status})`);
  }
  renameSync(partial, binary);
  return binary;
}

/** What {@link runNs3} reads back from one ns-3 run. */
export interface Ns3Run {
  /** Each flow's start as ns-3 ran it (the case's START_S plus any `option jitter`), by id. */
  startS: Map<string, number>;
  /** Each flow's finish (NaN if unfinished), by id. */
  finishS: Map<string, number>;
  /** Each flow's data retransmission timeouts (ns-3's CA_LOSS entries; a lost SYN is not one), by id. */
  timeouts: Map<string, number>;
  /** When each flow's sender reached ESTABLISHED (NaN if never), by id; absent for outputs of flows.cc before its `established_s` column. */
  establishedS?: Map<string, number>;
  /** Each flow's data packets a marking disc set CE on, and its sender's CWR entries (cuts for marks), by id; absent for outputs of flows.cc before its `marks` and `mark_cuts` columns. */
  marks?: Map<string, number>;
  markCuts?: Map<string, number>;
  /** Each flow's packets towards its sender (ACKs) a disc set CE on, by id; absent for outputs before its `ack_marks` column. */
  ackMarks?: Map<string, number>;
  wallS: number;
}

/** Run (or reuse, when newer than the case) ns-3 on `dir/name.ns3.txt`; starts, finishes and timeouts by id, and the wall time. */
export function runNs3(dir: string, name: string, rerun: boolean): Ns3Run {
  const txt = join(dir, `${name}.ns3.txt`);
  const csv = join(dir, `${name}.ns3.csv`);
  const fresh = existsSync(csv) && existsSync(`${csv}.json`) && statSync(csv).mtimeMs >= statSync(txt).mtimeMs;
  if (rerun || !fresh) {
    const r = spawnSync(ensureBuilt(), [txt, csv], { encoding: "utf8", stdio: ["ignore", "inherit", "pipe"] });
    process.stderr.write(r.stderr ?? "");
    if (r.status !== 0 && r.status !== 1) throw new Error(`ns-3 failed on ${txt} (exit ${r.status})`);
  }
  return readNs3Output(csv);
}

/** What ns-3 wrote to `csv` (flows.cc's per-flow CSV) and `csv`.json (its wall time), as {@link runNs3} returns it; runs nothing. */
export function readNs3Output(csv: string): Ns3Run {
  const startS = new Map<string, number>();
  const finishS = new Map<string, number>();
  const timeouts = new Map<string, number>();
  const establishedS = new Map<string, number>();
  const marks = new Map<string, number>();
  const markCuts = new Map<string, number>();
  const ackMarks = new Map<string, number>();
  const rows = readCsv(csv);
  for (const row of rows) {
    startS.set(row.id, Number(row.start_s));
    finishS.set(row.id, row.finish_s === "" ? NaN : Number(row.finish_s));
    timeouts.set(row.id, Number(row.timeouts));
    if (row.established_s !== undefined) establishedS.set(row.id, row.established_s === "" ? NaN : Number(row.established_s));
    if (row.marks !== undefined) marks.set(row.id, Number(row.marks));
    if (row.mark_cuts !== undefined) markCuts.set(row.id, Number(row.mark_cuts));
    if (row.ack_marks !== undefined) ackMarks.set(row.id, Number(row.ack_marks));
  }
  const stats = JSON.parse(readFileSync(`${csv}.json`, "utf8")) as { wall_s: number };
  const has = (column: string) => rows.length > 0 && rows[0][column] !== undefined;
  return {
    startS,
    finishS,
    timeouts,
    ...(has("established_s") && { establishedS }),
    ...(has("marks") && has("mark_cuts") && { marks, markCuts }),
    ...(has("ack_marks") && { ackMarks }),
    wallS: stats.wall_s,
  };
}

/** The scenario JSON of `name` with `model`'s transport, written to `outDir` (default `dir`); tcp gets ns-3's settings (TCP handshake only, window = socket buffer). */
export function scenarioFor(dir: string, name: string, model: string, outDir = dir): string {
  const scenario = JSON.parse(readFileSync(join(dir, `${name}.json`), "utf8")) as Record<string, unknown>;
  if (model === "tcp") {
    const text = readFileSync(join(dir, `${name}.ns3.txt`), "utf8");
    const option = (key: string) => new RegExp(`^option ${key} (\\S+)`, "m").exec(text)?.[1];
    const sockbuf = option("sockbuf");
    // ns-3's settings: a TCP handshake (no TLS), IW 10, MSS 1448, 54 B per segment on the wire
    // (TCP/IP with timestamps 52 B + PPP 2 B), the case's ACK frequency, congestion control, min RTO and SYN timeout.
    scenario.transport = {
      model: "tcp",
      handshake: "tcp",
      initialWindow: 10,
      mss: "1448B",
      headers: "54B",
      delayedAck: Number(option("delack") ?? 2),
      cc: option("cc") ?? "cubic",
      minRto: `${option("minrto") ?? 0.2}s`,
      synTimeout: `${option("synto") ?? 1}s`,
      ...(sockbuf && { window: `${sockbuf}B` }),
    };
  } else if (model !== "maxmin") {
    scenario.transport = { model };
  }
  const path = join(outDir, `${name}.${model}.json`);
  writeFileSync(path, JSON.stringify(scenario));
  return path;
}

/**
 * How node starts chokepoint's CLI: from the sources through tsx (always the checkout's code,
 * no build needed: the tests' way), or the built `dist/cli/main.js` as the package ships it,
 * whose bundle runs with V8's code cache (scripts/bundleCli.ts) — compare's own runs, after a
 * build, since run.json's `wall_s` of a small case is mostly first-call compiles under tsx.
 */
export const SOURCE_CLI: readonly string[] = ["--import", "tsx", join(ROOT, "src/cli/main.ts")];
export const BUILT_CLI: readonly string[] = [join(ROOT, "dist/cli/main.js")];

/**
 * The CLI a comparison runs: the build at `build` (a dist/cli/main.js, e.g. results/bench/ref-<hex>/dist/cli/main.js),
 * else the sources through tsx when `source`, else this checkout's bundle, built first ({@link BUILT_CLI}).
 * @throws Error when `build` names no file, or `build` and `source` are both given.
 */
export function chooseCli(o: { build?: string; source?: boolean; root: string }): readonly string[] {
  if (o.build !== undefined) {
    if (o.source) throw new Error("--build and --source each choose the CLI: give one of them");
    const main = resolve(o.build);
    if (!existsSync(main) || !statSync(main).isFile()) throw new Error(`--build: no CLI at ${main} (give a build's dist/cli/main.js)`);
    return [main];
  }
  if (o.source) return SOURCE_CLI;
  buildDist(o.root);
  return BUILT_CLI;
}

/** Whether chokepoint accepts `model` (validate on the case's scenario with that transport exits 0). */
export function modelAvailable(dir: string, name: string, model: string, cli: readonly string[] = SOURCE_CLI): boolean {
  if (model === "maxmin") return true;
  const r = spawnSync(process.execPath, [...cli, "validate", scenarioFor(dir, name, model)], { encoding: "utf8", cwd: ROOT });
  return r.status === 0;
}

/** Run chokepoint's CLI (`cli`, see {@link SOURCE_CLI}) on case `name` under `model`; flows.csv rows by id and the run's wall time from run.json. */
export function runChokepoint(
  dir: string,
  name: string,
  model: string,
  cli: readonly string[] = SOURCE_CLI,
): { rows: Map<string, Record<string, string>>; wallS: number } {
  const out = join(dir, `out-${name}-${model}`);
  const r = spawnSync(process.execPath, chokepointRunArgs(cli, scenarioFor(dir, name, model), out), {
    encoding: "utf8",
    cwd: ROOT,
  });
  if (r.status !== 0) throw new Error(`chokepoint run failed on ${name} (${model}, exit ${r.status}): ${r.stderr.trim()}`);
  return readChokepointRun(out);
}

/** A chokepoint run's flows.csv rows by id and its wall time (run.json), from its output directory `out`. */
export function readChokepointRun(out: string): { rows: Map<string, Record<string, string>>; wallS: number } {
  const wallS = (JSON.parse(readFileSync(join(out, "run.json"), "utf8")) as { wall_s: number }).wall_s;
  return { rows: new Map(readCsv(join(out, "flows.csv")).map((row) => [row.id, row])), wallS };
}

/** The cases of `dir`: the NAMEs of its NAME.ns3.txt files, sorted. */
export function caseNames(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".ns3.txt"))
    .map((f) => f.slice(0, -".ns3.txt".length))
    .sort();
}

const q = (xs: number[], ps: number[]) => ps.map((p) => quantile(xs, p) ?? NaN);
const q3 = (xs: number[]) => q(xs, [0.5, 0.95, 0.99]) as [number, number, number];

/**
 * Compare case `name` in `dir` under `model`. Slowdowns divide both simulators' FCTs by the
 * same ideal, `idealOf(id)` (route latency + size / bottleneck capacity, from a maxmin run).
 */
export function compareCase(
  dir: string,
  name: string,
  model: string,
  ns3: ReturnType<typeof runNs3>,
  idealOf: (id: string) => number,
  cp = runChokepoint(dir, name, model),
): ComparisonRow {
  const ns3Fcts: number[] = [];
  const cpFcts: number[] = [];
  const ns3Slow: number[] = [];
  const cpSlow: number[] = [];
  const ratio: number[] = [];
  let unfinished = 0;
  for (const [id, row] of cp.rows) {
    const ns3Finish = ns3.finishS.get(id);
    if (ns3Finish === undefined) throw new Error(`${name}: flow ${id} is missing from ns-3's output`);
    if (Number.isNaN(ns3Finish)) {
      unfinished++;
      continue;
    }
    const ideal = idealOf(id);
    const cpFct = Number(row.fct_s);
    // From ns-3's own start: the case's, or later by `option jitter` (bench/ns3/seeds.ts).
    const ns3Fct = ns3Finish - (ns3.startS.get(id) ?? Number(row.start_s));
    ns3Fcts.push(ns3Fct);
    cpFcts.push(cpFct);
    ns3Slow.push(ns3Fct / ideal);
    cpSlow.push(cpFct / ideal);
    ratio.push(cpFct / ns3Fct);
  }
  return {
    caseName: name,
    model,
    flows: ratio.length,
    ns3Unfinished: unfinished,
    ns3Fct: q3(ns3Fcts),
    modelFct: q3(cpFcts),
    ns3Slowdown: q3(ns3Slow),
    modelSlowdown: q3(cpSlow),
    fctRatio: q(ratio, [0.05, 0.25, 0.5, 0.75, 0.95]) as ComparisonRow["fctRatio"],
    ns3WallS: ns3.wallS,
    chokepointWallS: cp.wallS,
    ...optional("marks", markFigures(ns3, cp.rows)),
  };
}

/** `{ [key]: value }`, or nothing when `value` is undefined (an optional field left out, not set to undefined). */
function optional<K extends string, V>(key: K, value: V | undefined): { [k in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [k in K]: V });
}

/** The marks columns of a comparison CSV ({@link markCells} fills them), in compare's CSV and in `--model-seeds`' (for the run as cased). */
export const MARK_COLUMNS =
  "ns3_marked_flows,model_marked_flows,ns3_marks,model_marks,ns3_mark_cuts,model_mark_cuts,ns3_cuts_per_marked_flow,model_cuts_per_marked_flow,ns3_ack_marks";

/**
 * The {@link MARK_COLUMNS} cells of one case: empty when either side has no marks columns (`marks`
 * undefined); a cuts-per-marked-flow cell is empty where that side marked no flow.
 */
export function markCells(marks: MarkFigures | undefined): Array<string | number> {
  if (marks === undefined) return MARK_COLUMNS.split(",").map(() => "");
  const g = (x: number) => String(Number(x.toPrecision(6)));
  return [
    marks.ns3.markedFlows,
    marks.model.markedFlows,
    marks.ns3.marks,
    marks.model.marks,
    marks.ns3.markCuts,
    marks.model.markCuts,
    ...[marks.ns3, marks.model].map((m) => (m.markedFlows > 0 ? g(m.markCuts / m.markedFlows) : "")),
    marks.ns3AckMarks ?? "",
  ];
}

const CSV_HEADER = [
  "case,model,flows,ns3_unfinished",
  "ns3_fct_p50_s,ns3_fct_p95_s,ns3_fct_p99_s,model_fct_p50_s,model_fct_p95_s,model_fct_p99_s",
  "ns3_slowdown_p50,ns3_slowdown_p95,ns3_slowdown_p99,model_slowdown_p50,model_slowdown_p95,model_slowdown_p99",
  "fct_ratio_p5,fct_ratio_p25,fct_ratio_p50,fct_ratio_p75,fct_ratio_p95,ns3_wall_s,chokepoint_wall_s,speedup",
  "chokepoint_warm_wall_s,warm_speedup",
  MARK_COLUMNS,
].join(",");

/** The rows as results/bench/ns3.csv. */
export function toCsv(rows: ComparisonRow[]): string {
  const g = (x: number) => String(Number(x.toPrecision(6)));
  const lines = rows.map((r) =>
    [
      r.caseName,
      r.model,
      r.flows,
      r.ns3Unfinished,
      ...[...r.ns3Fct, ...r.modelFct, ...r.ns3Slowdown, ...r.modelSlowdown, ...r.fctRatio, r.ns3WallS, r.chokepointWallS, r.ns3WallS / r.chokepointWallS].map(g),
      // Empty cells when the warm walls were not measured (no --warm).
      ...(r.chokepointWarmWallS === undefined ? ["", ""] : [r.chokepointWarmWallS, r.ns3WallS / r.chokepointWarmWallS].map(g)),
      ...markCells(r.marks),
    ].join(","),
  );
  return `${[CSV_HEADER, ...lines].join("\n")}\n`;
}

const HELP = `usage: npx tsx bench/ns3/compare.ts DIR [--model maxmin] [--model tcp] [--case NAME] [--rerun-ns3] [--csv results/bench/ns3.csv] [--source | --build PATH]
       npx tsx bench/ns3/compare.ts DIR --warm 8 [--model tcp] [--case NAME]
       npx tsx bench/ns3/compare.ts DIR --seeds 1-6 [--jitter 1e-6] [--model tcp] [--case NAME] [--rerun-ns3] [--build PATH]
  DIR holds NAME.ns3.txt and NAME.json pairs (npx tsx bench/ns3/cases.ts --out DIR).
  Default models: maxmin and tcp (tcp is skipped with a note when chokepoint does not validate it).
  ns-3 results (DIR/NAME.ns3.csv) are reused when newer than the case unless --rerun-ns3.
  chokepoint runs as the package ships it: npm run build first, then dist/cli/main.js (the
  bundle, with its code cache); --source runs src/cli/main.ts through tsx instead, unbuilt; --build PATH
  runs that build's CLI (e.g. results/bench/ref-<hex>/dist/cli/main.js), in every mode.
  --warm N: also run each case N times as one study on one worker (chokepoint sweep --jobs 1, the
  copies checked identical) and report the median wall of runs 2..N, what a study's later runs take
  once V8 has compiled the model, as chokepoint_warm_wall_s and warm_speedup (empty without --warm).
  --seeds LIST (whole numbers and ranges, 1,3 or 1-6): instead, each case as cased and once per seed on
  both sides — ns-3 with every flow's start jittered by U[0, --jitter s) (default 1e-6) from its generator
  with RngRun = seed (DIR/seeds-j<jitter>/, reused when unchanged), the model (default tcp, from the
  sources) with its scenario seed = seed — printing the per-seed table and each side's spread; writes no
  CSV. The pass criterion stays the case as cased.
       npx tsx bench/ns3/compare.ts DIR --model-seeds 1-6 [--model tcp] [--case NAME] [--csv F] [--build PATH] [--model-jitter S]
  --model-seeds LIST: judge the model over its own seeds against ns-3 as cased (DIR/NAME.ns3.csv, never
  run in this mode; cases without it are skipped): each case under the model (default tcp) once per seed
  (run --seed N) and once as cased, two processes at a time in a private temporary directory; prints per
  case each target's signed error min / median / max over the seeds and the seeds within all three, then
  the expected count (the sum of each case's fraction of seeds within), the cases within on a majority of
  seeds and the count as cased, in all and by class (earlier: the first 27 of latencyCases.ts; heldout:
  the 20 chosen since, before either simulator ran them).
  --csv F writes one row per case, with the marks of the run as cased. --model-jitter S also shifts every transfer's start by
  U[0, S s) per seed (drawn from the seed alone): a model that draws nothing (DCTCP) gives the same
  figures on every --seed, and a start shift is then its only perturbation.`;

/** --model-jitter's seconds, or undefined when not given. @throws Error on anything but a positive number. */
function modelJitter(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const s = Number(text); // "" and blanks are 0: refused below
  checkModelJitter(s, `"${text}"`);
  return s;
}

/** The command line (an async function, not top-level await, so that scripts compiled to CommonJS can still import this module). */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      model: { type: "string", multiple: true },
      case: { type: "string", multiple: true },
      "rerun-ns3": { type: "boolean" },
      seeds: { type: "string" },
      jitter: { type: "string", default: "1e-6" },
      csv: { type: "string" },
      "model-seeds": { type: "string" },
      "model-jitter": { type: "string" },
      build: { type: "string" },
      source: { type: "boolean" },
      warm: { type: "string" },
      help: { type: "boolean" },
    },
  });
  if (values.help || positionals.length !== 1) {
    console.error(HELP);
    process.exit(values.help ? 0 : 2);
  }
  const dir = resolve(positionals[0]);
  if (values["model-seeds"] !== undefined) {
    try {
      process.exit(
        await modelSeedsCommand(dir, {
          seeds: values["model-seeds"],
          models: values.model ?? ["tcp"],
          cases: values.case,
          build: values.build,
          source: values.source,
          csv: values.csv,
          jitterS: modelJitter(values["model-jitter"]),
          root: ROOT,
        }),
      );
    } catch (err) {
      console.error(`compare: ${(err as Error).message}`);
      process.exit(1);
    }
  }
  const names = values.case ?? caseNames(dir);
  if (values.seeds !== undefined) {
    try {
      const seeds = parseSeeds(values.seeds);
      const jitterS = Number(values.jitter);
      if (!(jitterS > 0)) throw new Error(`--jitter must be a positive number of seconds (without it every RngRun is the same run), got ${values.jitter}`);
      // --seeds runs the sources unless --build names a build.
      const cli = chooseCli({ build: values.build, source: values.build === undefined, root: ROOT });
      for (const name of names) {
        for (const model of values.model ?? ["tcp"]) {
          console.log(seedTable(name, model, jitterS, compareSeeds(dir, name, model, seeds, jitterS, values["rerun-ns3"] ?? false, cli)));
        }
      }
    } catch (err) {
      console.error(`compare: ${(err as Error).message}`);
      process.exit(1);
    }
    process.exit(0);
  }
  const models = values.model ?? ["maxmin", "tcp"];
  const rows: ComparisonRow[] = [];
  const f = (xs: number[]) => xs.map((x) => x.toPrecision(3)).join(" / ");
  try {
    const warm = values.warm === undefined ? undefined : checkCopies(values.warm);
    const cli = chooseCli({ build: values.build, source: values.source, root: ROOT });
    for (const name of names) {
      const ns3 = runNs3(dir, name, values["rerun-ns3"] ?? false);
      // The ideal FCT of every flow (route latency + size / bottleneck) from a maxmin run: one yardstick for all.
      const reference = runChokepoint(dir, name, "maxmin", cli);
      const idealOf = (id: string) => Number(reference.rows.get(id)!.ideal_fct_s);
      for (const model of models) {
        if (!modelAvailable(dir, name, model, cli)) {
          console.log(`${name}: model ${model} is not available in chokepoint (validate failed), skipped`);
          continue;
        }
        const r = compareCase(dir, name, model, ns3, idealOf, model === "maxmin" ? reference : runChokepoint(dir, name, model, cli));
        if (warm !== undefined) r.chokepointWarmWallS = warmWall(scenarioFor(dir, name, model), warm, dir, cli, ROOT).warmS;
        rows.push(r);
        console.log(
          `${name} [${model}] ${r.flows} flows${r.ns3Unfinished ? ` (${r.ns3Unfinished} unfinished in ns-3)` : ""}: ` +
            `FCT p50/p95/p99 ns-3 ${f(r.ns3Fct)} s, ${model} ${f(r.modelFct)} s; ` +
            `slowdown ns-3 ${f(r.ns3Slowdown)}, ${model} ${f(r.modelSlowdown)}; ` +
            `per-flow FCT ${model}/ns-3 p5/p25/p50/p75/p95 ${f(r.fctRatio)}; wall ns-3 ${r.ns3WallS.toFixed(1)} s, chokepoint ${r.chokepointWallS.toFixed(3)} s` +
            (r.chokepointWarmWallS === undefined ? "" : ` (warm ${r.chokepointWarmWallS.toFixed(4)} s)`),
        );
        // ECN marks side by side, in cases where either side marked anything (the DCTCP cases).
        const m = r.marks;
        if (m && (m.ns3.marks > 0 || m.model.marks > 0)) {
          const acks = m.ns3AckMarks === undefined ? "" : ` (+ ${m.ns3AckMarks} on ACKs)`;
          console.log(`${name} [${model}] marks: ns-3 ${markLine(m.ns3, m.flows)}${acks}; ${model} ${markLine(m.model, m.flows)}`);
        }
      }
    }
  } catch (err) {
    console.error(`compare: ${(err as Error).message}`);
    process.exit(1);
  }
  const csv = values.csv ?? join(ROOT, "results/bench/ns3.csv");
  mkdirSync(dirname(csv), { recursive: true });
  writeAtomic(csv, toCsv(rows));
  console.error(`compare: wrote ${csv}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    console.error(`compare: ${(err as Error).message}`);
    process.exit(1);
  });
}
