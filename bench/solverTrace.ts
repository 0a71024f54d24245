// solverTrace: replay the sharing-engine calls of a real run (a case file) through IncrementalSharing as it is and as it was at a git revision, side by side.
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { IncrementalSharing } from "../src/net/IncrementalSharing.js";
import type { SharingEngine } from "../src/net/SharingEngine.js";
import { simulate, SHARING_ENGINES } from "../src/run/simulate.js";
import { prepareScenario } from "../src/scenario/prepareScenario.js";
import { beforeBuild } from "./beforeBuild.js";
import { benchTable } from "./benchTable.js";
import { buildDist } from "./buildDist.js";

const HELP = `npx tsx bench/solverTrace.ts CASE.json [--before REF] [--reps N] [--window N]

Runs CASE (a chokepoint scenario, e.g. one written by bench/simgrid/makeCase.ts) once,
recording every call the flow network makes to its sharing engine (addFlow, removeFlow,
capacity, cap and weight changes, solve). Then replays that trace through IncrementalSharing
alone, compiled by tsc — this checkout's (built into dist/ first), and with --before REF the one of git revision REF (built once into
results/bench/ref-<commit>/) — alternating, --reps times each (default 3), and reports the
median CPU time per solve (the process's, which a shared machine skews less than wall
time; both are reported) and the engine's work counters. Every replay's answers (the changed
flows, their rates and bottlenecks, after every solve) are hashed; when the revisions'
hashes differ, one more replay (untimed) runs both in lockstep and reports the largest
relative difference of any rate and how often a bottleneck differs (max_rel_rate_diff,
bottleneck_diffs). Writes results/bench/solver-trace.csv.

With --window N, one more replay (untimed, this checkout's engine) reports the run in windows
of N solves: the flows added by the window's end, the mean number of active flows at its
solves, and the work counters per solve (how the solver's work follows the run's
concurrency). Writes results/bench/solver-trace-windows.csv. --reps 0 skips the timed replays.`;

const OP_ADD = 0, OP_REMOVE = 1, OP_CAPACITY = 2, OP_FLOW_CAP = 3, OP_WEIGHT = 4, OP_SOLVE = 5;

/** A growable list of float64 words: the recorded calls. */
class Trace {
  words = new Float64Array(1 << 16);
  length = 0;
  put(x: number): void {
    if (this.length === this.words.length) {
      const w = new Float64Array(this.words.length * 2);
      w.set(this.words);
      this.words = w;
    }
    this.words[this.length++] = x;
  }
}

/** A sharing engine that writes down every call before passing it on. */
class RecordingEngine implements SharingEngine {
  constructor(private readonly inner: SharingEngine, private readonly trace: Trace) {}
  addFlow(flow: number, resources: Int32Array, weight: number, capBps: number): void {
    const t = this.trace;
    t.put(OP_ADD); t.put(flow); t.put(weight); t.put(capBps); t.put(resources.length);
    for (const r of resources) t.put(r);
    this.inner.addFlow(flow, resources, weight, capBps);
  }
  removeFlow(flow: number): void {
    this.trace.put(OP_REMOVE); this.trace.put(flow);
    this.inner.removeFlow(flow);
  }
  setCapacity(resource: number, capacityBps: number): void {
    this.trace.put(OP_CAPACITY); this.trace.put(resource); this.trace.put(capacityBps);
    this.inner.setCapacity(resource, capacityBps);
  }
  capacityOf(resource: number): number {
    return this.inner.capacityOf(resource);
  }
  setFlowCap(flow: number, capBps: number): boolean {
    this.trace.put(OP_FLOW_CAP); this.trace.put(flow); this.trace.put(capBps);
    return this.inner.setFlowCap(flow, capBps);
  }
  setFlowWeight(flow: number, weight: number): void {
    this.trace.put(OP_WEIGHT); this.trace.put(flow); this.trace.put(weight);
    this.inner.setFlowWeight(flow, weight);
  }
  solve(): number {
    this.trace.put(OP_SOLVE);
    return this.inner.solve();
  }
  changedFlows(): Int32Array {
    return this.inner.changedFlows();
  }
  changedRateBps(i: number): number {
    return this.inner.changedRateBps(i);
  }
  changedBottleneck(i: number): number {
    return this.inner.changedBottleneck(i);
  }
  rateBps(flow: number): number {
    return this.inner.rateBps(flow);
  }
  bottleneck(flow: number): number {
    return this.inner.bottleneck(flow);
  }
}

/** The recorded calls, with each added route made an Int32Array once (outside the timed replay). */
interface Recorded {
  words: Float64Array;
  routes: Int32Array[];
  capacityBps: Float64Array;
  solves: number;
  maxConcurrent: number;
}

/** The trace of a case, recorded once and kept in results/bench/solver-traces/ (keyed by the case's name, size and time). */
function recorded(casePath: string): Recorded {
  const st = statSync(casePath);
  const dir = join("results", "bench", "solver-traces");
  const file = join(dir, `${basename(casePath)}-${st.size}-${Math.floor(st.mtimeMs)}.f64`);
  if (existsSync(file)) {
    const b = readFileSync(file);
    const all = new Float64Array(b.buffer, b.byteOffset, b.byteLength / 8);
    const resources = all[0];
    return parse(all.slice(1 + resources), all.slice(1, 1 + resources));
  }
  const { words, capacityBps } = record(casePath);
  mkdirSync(dir, { recursive: true });
  const all = new Float64Array(1 + capacityBps.length + words.length);
  all[0] = capacityBps.length;
  all.set(capacityBps, 1);
  all.set(words, 1 + capacityBps.length);
  writeFileSync(file, all);
  return parse(words, capacityBps);
}

function record(casePath: string): { words: Float64Array; capacityBps: Float64Array } {
  const trace = new Trace();
  let capacityBps = new Float64Array(0);
  const original = SHARING_ENGINES.incremental;
  SHARING_ENGINES.incremental = (c: Float64Array) => {
    capacityBps = Float64Array.from(c);
    return new RecordingEngine(new IncrementalSharing(c), trace);
  };
  try {
    simulate(prepareScenario(casePath));
  } finally {
    SHARING_ENGINES.incremental = original;
  }
  return { words: trace.words.subarray(0, trace.length), capacityBps };
}

function parse(words: Float64Array, capacityBps: Float64Array): Recorded {
  const routes: Int32Array[] = [];
  let solves = 0, live = 0, maxConcurrent = 0;
  for (let i = 0; i < words.length; ) {
    const op = words[i];
    if (op === OP_ADD) {
      const len = words[i + 4];
      routes.push(Int32Array.from(words.subarray(i + 5, i + 5 + len)));
      i += 5 + len;
      if (++live > maxConcurrent) maxConcurrent = live;
    } else if (op === OP_REMOVE) { i += 2; live--; }
    else if (op === OP_SOLVE) { i += 1; solves++; }
    else i += 3;
  }
  return { words, routes, capacityBps, solves, maxConcurrent };
}

/** What the engine of one revision exposes here. */
interface EngineUnderTest extends SharingEngine {
  stats: Record<string, number>;
  readonly flowCount: number;
}
type EngineClass = new (capacityBps: Float64Array) => EngineUnderTest;

/** Replay the trace; returns wall seconds, a hash of every answer, and the engine's counters. */
/**
 * Feed the trace's operations to engine `e` in order; at each solve mark, `atSolve(flowsAdded,
 * last)` is called instead of solving (it solves and reads what it needs): `flowsAdded` is the
 * number of flows added so far, `last` whether this mark ends the trace.
 */
function play(e: EngineUnderTest, t: Recorded, atSolve: (flowsAdded: number, last: boolean) => void): void {
  const { words, routes } = t;
  let route = 0;
  for (let i = 0; i < words.length; ) {
    switch (words[i]) {
      case OP_ADD:
        e.addFlow(words[i + 1], routes[route++], words[i + 2], words[i + 3]);
        i += 5 + words[i + 4];
        break;
      case OP_REMOVE:
        e.removeFlow(words[i + 1]);
        i += 2;
        break;
      case OP_CAPACITY:
        e.setCapacity(words[i + 1], words[i + 2]);
        i += 3;
        break;
      case OP_FLOW_CAP:
        e.setFlowCap(words[i + 1], words[i + 2]);
        i += 3;
        break;
      case OP_WEIGHT:
        e.setFlowWeight(words[i + 1], words[i + 2]);
        i += 3;
        break;
      default:
        i += 1;
        atSolve(route, i >= words.length);
    }
  }
}

/** Replay the trace; returns wall seconds, a hash of every answer, and the engine's counters. */
function replay(Engine: EngineClass, t: Recorded): { wallS: number; cpuS: number; hash: string; stats: Record<string, number> } {
  const e = new Engine(t.capacityBps);
  const f64 = new Float64Array(1);
  const u32 = new Uint32Array(f64.buffer);
  let h1 = 0x811c9dc5 | 0, h2 = 0x01000193 | 0;
  const mix = (x: number) => {
    h1 = Math.imul(h1 ^ x, 0x01000193);
    h2 = Math.imul(h2 + x, 0x5bd1e995) ^ (h2 >>> 13);
  };
  const began = performance.now();
  const cpu = process.cpuUsage();
  play(e, t, () => {
    const n = e.solve();
    const changed = e.changedFlows();
    mix(n);
    for (let j = 0; j < n; j++) {
      const f = changed[j];
      f64[0] = e.rateBps(f);
      mix(f);
      mix(u32[0]);
      mix(u32[1]);
      mix(e.bottleneck(f));
    }
  });
  const wallS = (performance.now() - began) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuS = (used.user + used.system) / 1e6;
  return { wallS, cpuS, hash: `${(h1 >>> 0).toString(16)}${(h2 >>> 0).toString(16)}`, stats: { ...e.stats } };
}

/**
 * Replay the trace (untimed) and report, for each window of `window` solves, the flows added
 * by its end, the mean number of active flows at its solves, and the engine's work counters
 * per solve within it.
 */
function windows(Engine: EngineClass, t: Recorded, window: number): Record<string, string | number>[] {
  const e = new Engine(t.capacityBps);
  const rows: Record<string, string | number>[] = [];
  let solves = 0, activeSum = 0;
  let before = { ...e.stats };
  play(e, t, (flowsAdded, last) => {
    e.solve();
    solves++;
    activeSum += e.flowCount;
    if (solves % window !== 0 && !last) return;
    const s = e.stats;
    const n = s.solves - before.solves;
    const per = (k: string) => (n > 0 ? ((s[k] - before[k]) / n).toFixed(2) : "0");
    const inWindow = solves % window === 0 ? window : solves % window;
    rows.push({
      solves_to: solves,
      flows_added: flowsAdded,
      mean_active: (activeSum / inWindow).toFixed(0),
      released_per_solve: per("releasedFlows"),
      filled_resources_per_solve: per("filledResources"),
      checked_resources_per_solve: per("checkedResources"),
      joined_per_solve: per("joinedFlows"),
    });
    before = { ...s };
    activeSum = 0;
  });
  return rows;
}

/**
 * Replay the trace through two engines in lockstep and compare their answers after every
 * solve: for each flow either reports as changed, the rates (largest relative difference,
 * |a − b| ÷ max(|a|, |b|)) and the bottlenecks (how many times they differ). A flow neither
 * reports keeps the rate both had when last compared, so this covers every answer.
 */
function lockstep(A: EngineClass, B: EngineClass, t: Recorded): { maxRelative: number; bottlenecks: number } {
  const { words, routes } = t;
  const a = new A(t.capacityBps);
  const b = new B(t.capacityBps);
  let route = 0;
  let maxRelative = 0;
  let bottlenecks = 0;
  const compare = (f: number) => {
    const x = a.rateBps(f);
    const y = b.rateBps(f);
    const m = Math.max(Math.abs(x), Math.abs(y));
    if (m > 0) maxRelative = Math.max(maxRelative, Math.abs(x - y) / m);
    if (a.bottleneck(f) !== b.bottleneck(f)) bottlenecks++;
  };
  for (let i = 0; i < words.length; ) {
    switch (words[i]) {
      case OP_ADD: {
        const r = routes[route++];
        a.addFlow(words[i + 1], r, words[i + 2], words[i + 3]);
        b.addFlow(words[i + 1], r, words[i + 2], words[i + 3]);
        i += 5 + words[i + 4];
        break;
      }
      case OP_REMOVE:
        a.removeFlow(words[i + 1]);
        b.removeFlow(words[i + 1]);
        i += 2;
        break;
      case OP_CAPACITY:
        a.setCapacity(words[i + 1], words[i + 2]);
        b.setCapacity(words[i + 1], words[i + 2]);
        i += 3;
        break;
      case OP_FLOW_CAP:
        a.setFlowCap(words[i + 1], words[i + 2]);
        b.setFlowCap(words[i + 1], words[i + 2]);
        i += 3;
        break;
      case OP_WEIGHT:
        a.setFlowWeight(words[i + 1], words[i + 2]);
        b.setFlowWeight(words[i + 1], words[i + 2]);
        i += 3;
        break;
      default: {
        const na = a.solve();
        const nb = b.solve();
        const ca = a.changedFlows();
        const cb = b.changedFlows();
        for (let j = 0; j < na; j++) compare(ca[j]);
        for (let j = 0; j < nb; j++) compare(cb[j]);
        i += 1;
      }
    }
  }
  return { maxRelative, bottlenecks };
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { before: { type: "string" }, reps: { type: "string", default: "3" }, window: { type: "string" }, help: { type: "boolean", default: false } },
});
if (values.help || positionals.length !== 1) {
  console.log(HELP);
  process.exit(values.help ? 0 : 2);
}
const casePath = positionals[0];
const window = values.window === undefined ? undefined : Number(values.window);
if (window !== undefined && !(Number.isInteger(window) && window > 0)) {
  console.error(`solverTrace: --window ${values.window}, expected a whole number of solves > 0`);
  process.exit(2);
}
console.error(`solverTrace: recording ${casePath}…`);
const trace = recorded(casePath);
console.error(`solverTrace: ${trace.solves} solves, ${trace.routes.length} flows, at most ${trace.maxConcurrent} at once`);
// Both revisions replay compiled by tsc (this checkout's into dist/, as bench:e2e builds it), not one through tsx.
buildDist();
const engineOf = async (cliMain: string) =>
  (await import(pathToFileURL(resolve(cliMain, "..", "..", "net", "IncrementalSharing.js")).href)).IncrementalSharing as EngineClass;
const engines: Record<string, EngineClass> = { after: await engineOf("dist/cli/main.js") };
if (values.before !== undefined) engines.before = await engineOf(beforeBuild(values.before));
const names = Object.keys(engines).reverse();
const walls: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
const cpus: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
const last: Record<string, ReturnType<typeof replay>> = {};
for (let rep = 0; rep < Number(values.reps); rep++) {
  for (const n of rep % 2 === 0 ? names : [...names].reverse()) {
    last[n] = replay(engines[n], trace);
    walls[n].push(last[n].wallS);
    cpus[n].push(last[n].cpuS);
    console.error(`solverTrace: ${n} run ${rep + 1}: ${last[n].wallS.toFixed(3)} s wall, ${last[n].cpuS.toFixed(3)} s CPU, hash ${last[n].hash}`);
  }
}
if (Number(values.reps) > 0) {
  const hashes = new Set(names.map((n) => last[n].hash));
  // Answers that are not bit for bit the same are compared in a lockstep replay (untimed).
  const diff = hashes.size === 1 ? undefined : lockstep(engines.before, engines.after, trace);
  if (diff !== undefined) {
    console.error(`solverTrace: the answers differ (${names.map((n) => `${n} ${last[n].hash}`).join(", ")}): largest relative rate difference ${diff.maxRelative.toExponential(3)}, ${diff.bottlenecks} bottleneck differences`);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const rows = names.map((n) => {
    const s = last[n].stats;
    const per = (x: number) => (x / s.solves).toFixed(2);
    return {
      engine: n === "before" ? `before (${values.before})` : "this checkout",
      solves: s.solves,
      replay_wall_s: median(walls[n]).toFixed(3),
      replay_cpu_s: median(cpus[n]).toFixed(3),
      cpu_us_per_solve: ((1e6 * median(cpus[n])) / s.solves).toFixed(2),
      released_per_solve: per(s.releasedFlows),
      rounds_per_solve: per(s.rounds),
      filled_resources_per_solve: per(s.filledResources),
      checked_resources_per_solve: per(s.checkedResources),
      joined_per_solve: per(s.joinedFlows),
      restarts_per_solve: per(s.restarts),
      full_solves: s.fullSolves,
      same_answers: diff === undefined ? "yes" : "no",
      max_rel_rate_diff: diff === undefined ? "0" : diff.maxRelative.toExponential(3),
      bottleneck_diffs: diff === undefined ? 0 : diff.bottlenecks,
    };
  });
  console.log(`\n${casePath}: sharing-engine calls of the whole run replayed (medians of ${values.reps}, alternated)`);
  benchTable(Object.keys(rows[0]), rows, join("results", "bench", "solver-trace.csv"));
}
if (window !== undefined) {
  const rows = windows(engines.after, trace, window);
  console.log(`\n${casePath}: this checkout's engine, in windows of ${window} solves (untimed)`);
  benchTable(Object.keys(rows[0]), rows, join("results", "bench", "solver-trace-windows.csv"));
}
