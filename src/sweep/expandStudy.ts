// expandStudy: expands a validated sweep into points (cross product, zip, where) and runs (× repeat, common random numbers).

import { InputError } from "../core/InputError.js";
import { stringHash32 } from "../core/stringHash32.js";
import { evaluateParsed } from "./evaluateExpression.js";
import { parseExpression, type Expr, type ExpressionFail } from "./parseExpression.js";
import { parseSweep, valuesOf } from "./parseSweep.js";
import type { StudyPoint, StudyRun, SweepSpec, SweepValue } from "./Study.js";

/** `nic=400Gbps, oversub=2`: variable values for messages and labels (text quoted only when needed). */
export function formatValues(values: Record<string, SweepValue>): string {
  const show = (v: SweepValue): string => (typeof v === "string" && !/^[^\s,=()'"]+$/.test(v) ? JSON.stringify(v) : String(v));
  return Object.entries(values)
    .map(([k, v]) => `${k}=${show(v)}`)
    .join(", ");
}

/** The crossed factors: each zip group and each remaining variable, ordered by their earliest-declared variable. */
function factorsOf(spec: SweepSpec): string[][] {
  const names = Object.keys(spec.vars);
  const zipped = new Set(spec.zip.flat());
  const factors = [...spec.zip.map((g) => [...g]), ...names.filter((n) => !zipped.has(n)).map((n) => [n])];
  const first = (f: string[]): number => Math.min(...f.map((n) => names.indexOf(n)));
  return factors.sort((a, b) => first(a) - first(b));
}

/**
 * The seed of each repetition, shared by every point (common random numbers). Repetition 0
 * keeps `baseSeed`, so a one-repetition study runs exactly like the plain scenario;
 * repetition r > 0 gets the 31-bit integer `stringHash32("<baseSeed>/<r>") >>> 1`, rehashed
 * with a "/k" suffix in the rare case it equals an earlier repetition's seed. The seed of a
 * repetition depends only on baseSeed and r, never on `repeat`.
 */
function repetitionSeeds(baseSeed: number, repeat: number): number[] {
  const seeds: number[] = [];
  const taken = new Set<number>();
  for (let r = 0; r < repeat; r++) {
    let seed = r === 0 ? baseSeed : stringHash32(`${baseSeed}/${r}`) >>> 1;
    for (let k = 1; taken.has(seed); k++) seed = stringHash32(`${baseSeed}/${r}/${k}`) >>> 1;
    seeds.push(seed);
    taken.add(seed);
  }
  return seeds;
}

/**
 * Expand a study. Points are the cross product of the zip groups and the other variables,
 * like nested for-loops in declaration order (a group sits where its earliest-declared
 * variable is; the first variable varies slowest, the last fastest; zipped variables
 * advance together), then filtered by `where` and numbered from 0. Runs are every point ×
 * repetitions 0…repeat−1, repetition fastest, with `runId` = `p<point>-r<repetition>`,
 * each number zero-padded to the digits of its largest value (55 points × 10 repetitions:
 * `p00-r0` … `p54-r9`). Seeds: see the rule of `repetitionSeeds` — equal across points of
 * one repetition. `where` names the block in messages (`"study.yaml: sweep"`). Throws an
 * {@link InputError} if `where` fails on a point (e.g. compares text with a number), gives
 * something other than true/false, or keeps no point at all.
 */
export function expandStudy(spec: SweepSpec, baseSeed: number, where = "sweep"): { points: StudyPoint[]; runs: StudyRun[] } {
  const checked = parseSweep(spec, where);
  const names = Object.keys(checked.vars);
  const lists = new Map(names.map((n) => [n, valuesOf(checked.vars[n])]));
  const factors = factorsOf(checked);
  const sizes = factors.map((f) => lists.get(f[0])!.length);
  const factorOf = new Map(factors.flatMap((f, i) => f.map((n) => [n, i] as const)));
  let filter: Expr | undefined;
  if (checked.where !== undefined) {
    filter = parseExpression(checked.where, () => {
      throw new Error("unreachable: parseSweep checked the expression");
    });
  }

  const points: StudyPoint[] = [];
  const at = sizes.map(() => 0);
  let crossed = 0;
  for (let done = sizes.some((s) => s === 0); !done; ) {
    const values: Record<string, SweepValue> = {};
    for (const n of names) values[n] = lists.get(n)![at[factorOf.get(n)!]];
    crossed++;
    if (filter === undefined || keep(filter, `${where}.where ${JSON.stringify(checked.where)}`, values)) {
      points.push({ index: points.length, values });
    }
    // Advance the odometer: the last factor fastest.
    let f = sizes.length - 1;
    while (f >= 0 && ++at[f] === sizes[f]) at[f--] = 0;
    done = f < 0;
  }
  if (points.length === 0) {
    throw new InputError(
      `${where}.where ${JSON.stringify(checked.where)} keeps none of the ${crossed.toLocaleString("en-US")} point${crossed === 1 ? "" : "s"} — nothing to run`,
    );
  }

  const seeds = repetitionSeeds(baseSeed, checked.repeat);
  const runs: StudyRun[] = [];
  for (const p of points) {
    for (let r = 0; r < checked.repeat; r++) {
      const runId = runIdOf(p.index, r, points.length, checked.repeat);
      runs.push({ runId, point: p.index, repetition: r, seed: seeds[r], values: p.values });
    }
  }
  return { points, runs };
}

/**
 * The id of repetition `repetition` of point `point` in a study of `points` points ×
 * `repeat` repetitions: `p<point>-r<repetition>`, each number zero-padded to the digits
 * of its largest value.
 */
export function runIdOf(point: number, repetition: number, points: number, repeat: number): string {
  const pw = String(Math.max(points - 1, 0)).length;
  const rw = String(repeat - 1).length;
  return `p${String(point).padStart(pw, "0")}-r${String(repetition).padStart(rw, "0")}`;
}

/** Evaluate `where` at a point; `context` (`study.yaml: sweep.where "…"`) starts every message. */
function keep(where: Expr, context: string, values: Record<string, SweepValue>): boolean {
  const label = `${context} at ${formatValues(values)}`;
  const fail: ExpressionFail = (message, column, hint = "") => {
    throw new InputError(`${label}: ${message} at column ${column}${hint}`);
  };
  const v = evaluateParsed(where, values, fail);
  if (typeof v !== "boolean") throw new InputError(`${label}: gives ${typeof v} ${JSON.stringify(v)}, expected true or false`);
  return v;
}
