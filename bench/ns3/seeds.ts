// seeds: run one ns-3 case over several seeds on both sides (ns-3: start jitter drawn per RngRun; the model: its scenario seed) and print each side's spread.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { writeAtomic } from "./cases.js";
import { compareCase, runChokepoint, runNs3, SOURCE_CLI, type ComparisonRow, type Ns3Run } from "./compare.js";

/** The issue-12 targets, tcp against ns-3 on one case: FCT p50 within 15 %, FCT p99 and slowdown p99 within 25 %. */
export const TARGETS = { fctP50: 0.15, fctP99: 0.25, slowdownP99: 0.25 } as const;

/** One simulator's tail on one run of a case. */
export interface TailFigures {
  fctP50S: number;
  fctP99S: number;
  slowdownP99: number;
  /** Flows that waited out a timeout: a data RTO or a lost handshake. */
  timedOut: number;
}

/** Both sides' figures for one seed ("case": the case as written, ns-3 without jitter and the model with the case's seed). */
export interface SeedRow {
  seed: number | "case";
  ns3: TailFigures;
  model: TailFigures;
}

/**
 * The seeds of `--seeds` (or of `option`, named in the errors): a comma-separated list of whole numbers >= 1 and ranges `a-b`.
 * @throws Error on anything else, on an empty list or a repeated seed.
 */
export function parseSeeds(spec: string, option = "--seeds"): number[] {
  const seeds: number[] = [];
  for (const part of spec.split(",")) {
    const m = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!m) throw new Error(`${option}: expected whole numbers and ranges like 1-6, got "${part}"`);
    const [from, to] = [Number(m[1]), Number(m[2] ?? m[1])];
    if (from < 1 || to < from) throw new Error(`${option}: "${part}" is not a range of seeds >= 1`);
    for (let s = from; s <= to; s++) seeds.push(s);
  }
  if (new Set(seeds).size !== seeds.length) throw new Error(`${option}: "${spec}" repeats a seed`);
  return seeds;
}

/**
 * ns-3's case text for `seed`: the case with each flow's start jittered by U[0, jitterS) from ns-3's
 * generator with RngRun = seed (flows.cc's `option jitter` and `option rngrun`). Without jitter a
 * replay draws nothing, so RngRun alone changes no output.
 */
export function seededNs3Text(caseText: string, seed: number, jitterS: number): string {
  if (!(jitterS > 0)) throw new Error(`seededNs3Text: the jitter must be positive (without it every RngRun gives the same run), got ${jitterS}`);
  const body = caseText.endsWith("\n") ? caseText : `${caseText}\n`;
  return `${body}# seeds.ts: seed ${seed}\noption jitter ${jitterS}\noption rngrun ${seed}\n`;
}

/** The model's scenario for `seed`: the case's scenario JSON with its `seed` (which drives only the model's own draws) replaced. */
export function seededScenario(scenarioJson: string, seed: number): string {
  const scenario = JSON.parse(scenarioJson) as Record<string, unknown>;
  return `${JSON.stringify({ ...scenario, seed }, null, 1)}\n`;
}

/**
 * Flows of ns-3's run that waited out a timeout: a data RTO, or a lost SYN or SYN-ACK (ns-3 counts no RTO for it) —
 * a handshake of the SYN timeout or more (`established_s` − `start_s`), or, for outputs without `established_s`, an
 * FCT of the SYN timeout or more (which also counts a flow that simply took that long: an 80 ms-RTT WAN's bulk flows).
 */
export function ns3TimedOut(ns3: Ns3Run, synTimeoutS: number): number {
  let n = 0;
  for (const [id, finish] of ns3.finishS) {
    const start = ns3.startS.get(id)!;
    const established = ns3.establishedS?.get(id);
    const lostHandshake = ns3.establishedS ? !(established! - start < synTimeoutS) : finish - start >= synTimeoutS;
    if ((ns3.timeouts.get(id) ?? 0) > 0 || lostHandshake) n++;
  }
  return n;
}

/** Flows of the model's run with a timeout (flows.csv `timeouts`: data RTOs and lost handshakes). */
export function modelTimedOut(rows: Map<string, Record<string, string>>): number {
  let n = 0;
  for (const row of rows.values()) if (Number(row.timeouts) > 0) n++;
  return n;
}

/** tcp against ns-3 (relative errors of FCT p50, FCT p99, slowdown p99) and whether all three are within {@link TARGETS}. */
export function errors(model: TailFigures, ns3: TailFigures): { fctP50: number; fctP99: number; slowdownP99: number; within: boolean } {
  const fctP50 = model.fctP50S / ns3.fctP50S - 1;
  const fctP99 = model.fctP99S / ns3.fctP99S - 1;
  const slowdownP99 = model.slowdownP99 / ns3.slowdownP99 - 1;
  const within = Math.abs(fctP50) <= TARGETS.fctP50 && Math.abs(fctP99) <= TARGETS.fctP99 && Math.abs(slowdownP99) <= TARGETS.slowdownP99;
  return { fctP50, fctP99, slowdownP99, within };
}

/** The smallest, the median and the largest of `xs` (the mean of the middle two for an even count). */
export function spread(xs: number[]): { min: number; median: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return { min: s[0], median: s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2, max: s[s.length - 1] };
}

/**
 * How often the case passes by the luck of the draws: of the seeded rows, the pairs (ns-3 seed i, model
 * seed j) within all three targets, and the model's figures as cased against each of ns-3's seeds.
 */
export function passCounts(rows: SeedRow[]): { pairs: number; pairsWithin: number; casedModelWithin: number; seeds: number } {
  const cased = rows.find((r) => r.seed === "case");
  const seeded = rows.filter((r) => r.seed !== "case");
  let pairsWithin = 0;
  for (const a of seeded) for (const b of seeded) if (errors(b.model, a.ns3).within) pairsWithin++;
  const casedModelWithin = cased ? seeded.filter((r) => errors(cased.model, r.ns3).within).length : 0;
  return { pairs: seeded.length ** 2, pairsWithin, casedModelWithin, seeds: seeded.length };
}

const pct = (x: number) => `${x >= 0 ? "+" : ""}${Math.round(x * 100)}`;
const g3 = (x: number) => (Math.abs(x) >= 1e4 ? x.toExponential(2) : String(Number(x.toPrecision(3))));
const tail = (t: TailFigures) => `${g3(t.fctP50S * 1e3)} / ${g3(t.fctP99S * 1e3)} / ${g3(t.slowdownP99)} / ${t.timedOut}`;

/** The per-seed table (markdown) and each side's spread, as `compare.ts --seeds` prints them. */
export function seedTable(name: string, model: string, jitterS: number, rows: SeedRow[]): string {
  const lines = [
    `${name}: ns-3 with each flow's start jittered by U[0, ${jitterS} s) (RngRun = seed; "case": no jitter), ${model} with scenario seed = seed ("case": the case's)`,
    `| seed | ns-3 FCT p50 ms / p99 ms / slowdown p99 / timed out | ${model} FCT p50 ms / p99 ms / slowdown p99 / timed out | ${model} vs ns-3 p50, p99, slowdown p99 % | within |`,
    "|---|---|---|---|---|",
  ];
  for (const r of rows) {
    const e = errors(r.model, r.ns3);
    lines.push(`| ${r.seed} | ${tail(r.ns3)} | ${tail(r.model)} | ${pct(e.fctP50)} / ${pct(e.fctP99)} / ${pct(e.slowdownP99)} | ${e.within ? "yes" : "no"} |`);
  }
  const seeded = rows.filter((r) => r.seed !== "case");
  if (seeded.length > 0) {
    const range = (xs: number[], f: (x: number) => string) => {
      const s = spread(xs);
      return `${f(s.min)} … ${f(s.median)} … ${f(s.max)}`;
    };
    for (const side of ["ns3", model] as const) {
      const t = seeded.map((r) => (side === "ns3" ? r.ns3 : r.model));
      lines.push(
        `${side === "ns3" ? "ns-3" : model} over ${seeded.length} seeds (min … median … max): FCT p50 ${range(t.map((x) => x.fctP50S * 1e3), g3)} ms, ` +
          `p99 ${range(t.map((x) => x.fctP99S * 1e3), g3)} ms, slowdown p99 ${range(t.map((x) => x.slowdownP99), g3)}, timed out ${range(t.map((x) => x.timedOut), String)}`,
      );
    }
    const p = passCounts(rows);
    lines.push(
      `within all three targets: ${p.pairsWithin} of ${p.pairs} (ns-3 seed, ${model} seed) pairs; ${model} as cased against ns-3's seeds: ${p.casedModelWithin} of ${p.seeds}`,
    );
  }
  return `${lines.join("\n")}\n`;
}

/** Write `text` to `path` unless it already holds it (an unchanged case keeps its mtime, so runNs3 reuses its run). */
function writeIfChanged(path: string, text: string): void {
  if (!existsSync(path) || readFileSync(path, "utf8") !== text) writeAtomic(path, text);
}

/** One side's tail of a comparison row, with its count of flows that timed out. */
export function figures(row: ComparisonRow, side: "ns3" | "model", timedOut: number): TailFigures {
  const fct = side === "ns3" ? row.ns3Fct : row.modelFct;
  const slow = side === "ns3" ? row.ns3Slowdown : row.modelSlowdown;
  return { fctP50S: fct[0], fctP99S: fct[2], slowdownP99: slow[2], timedOut };
}

/**
 * Case `name` of `dir` as cased and over `seeds` on both sides: ns-3 on `dir/seeds-j<jitter>/NAME.sS.ns3.txt`
 * ({@link seededNs3Text}, reused when unchanged) and `model` on `NAME.sS.json` ({@link seededScenario}).
 * Slowdowns divide by the ideal FCTs of one maxmin run of the case (jitter does not move them).
 * chokepoint runs as `cli` says (compare.ts's SOURCE_CLI, the sources under tsx, or BUILT_CLI, or a
 * test's bundle).
 */
export function compareSeeds(
  dir: string,
  name: string,
  model: string,
  seeds: number[],
  jitterS: number,
  rerunNs3 = false,
  cli: readonly string[] = SOURCE_CLI,
): SeedRow[] {
  const caseText = readFileSync(join(dir, `${name}.ns3.txt`), "utf8");
  const synTimeoutS = Number(/^option synto (\S+)/m.exec(caseText)?.[1] ?? 1);
  const reference = runChokepoint(dir, name, "maxmin", cli);
  const idealOf = (id: string) => Number(reference.rows.get(id)!.ideal_fct_s);
  const one = (d: string, n: string, seed: number | "case"): SeedRow => {
    const ns3 = runNs3(d, n, rerunNs3);
    const cp = runChokepoint(d, n, model, cli);
    const row = compareCase(d, n, model, ns3, idealOf, cp);
    return { seed, ns3: figures(row, "ns3", ns3TimedOut(ns3, synTimeoutS)), model: figures(row, "model", modelTimedOut(cp.rows)) };
  };
  const rows = [one(dir, name, "case")];
  const seededDir = join(dir, `seeds-j${jitterS}`);
  mkdirSync(seededDir, { recursive: true });
  const scenarioJson = readFileSync(join(dir, `${name}.json`), "utf8");
  for (const seed of seeds) {
    const seededName = `${name}.s${seed}`;
    writeIfChanged(join(seededDir, `${seededName}.ns3.txt`), seededNs3Text(caseText, seed, jitterS));
    writeIfChanged(join(seededDir, `${seededName}.json`), seededScenario(scenarioJson, seed));
    rows.push(one(seededDir, seededName, seed));
  }
  return rows;
}
