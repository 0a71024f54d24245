// parseSweep: validates the `sweep` block of a scenario file into a SweepSpec, with one-sentence errors naming the key path.

import { InputError } from "../core/InputError.js";
import { closest } from "../core/closest.js";
import { COST_METRIC_NAMES } from "../report/runMetricNames.js";
import { TIERS } from "../report/tierOf.js";
import { describe } from "../scenario/describeIssue.js";
import { expressionVariables, parseExpression, type ExpressionFail } from "./parseExpression.js";
import type { SweepRange, SweepSpec, SweepValue } from "./Study.js";

/** Most runs a study may expand to, counted before `where` filters points. */
export const MAX_STUDY_RUNS = 1_000_000;

/** The keys of a `sweep` block. */
export const SWEEP_KEYS = ["vars", "zip", "where", "repeat", "metrics"];

/** The forms of a study metric (`sweep.metrics`): a cost item, a tier's share, a workload's statistic (report/html/runMetrics). */
export const STUDY_METRIC_FORMS = ["cost_<item>_usd", "tier_share:<tier>", "<workload>:<metric>_mean", "<workload>:<metric>_p50", "<workload>:<metric>_p99"];
/** The keys of a range `{ from, to, step }`. */
export const RANGE_KEYS = ["from", "to", "step"];
/** What a variable name looks like. */
export const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Names a variable may not take: columns of sweep.csv next to the variables, and values a runner may add to substitution. */
export const RESERVED = ["true", "false", "repetition", "seed", "status"];

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

function unknownKey(key: string, known: string[]): string {
  const near = closest(key, known);
  return `unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ` — expected one of ${known.join(", ")}`}`;
}

/** The values of an inclusive range: from + i·step rounded to 12 significant digits, up to `to`. */
export function rangeValues(r: SweepRange): number[] {
  return Array.from({ length: rangeCount(r) }, (_, i) => Number((r.from + i * r.step).toPrecision(12)));
}

/** How many values an inclusive range has (without listing them). */
function rangeCount(r: SweepRange): number {
  // The tolerance keeps `to` when (to − from)/step lands just below a whole number (0.8/0.2 = 3.9999999999999996).
  return Math.floor((r.to - r.from) / r.step + 1e-9) + 1;
}

/** How many values a variable takes. */
function countOf(v: SweepValue[] | SweepRange): number {
  return Array.isArray(v) ? v.length : rangeCount(v);
}

/** A variable's values, ranges expanded. */
export function valuesOf(v: SweepValue[] | SweepRange): SweepValue[] {
  return Array.isArray(v) ? v : rangeValues(v);
}

/**
 * Validate a raw `sweep` block (as parsed from YAML/JSON) and return it with defaults
 * (`zip: []`, `repeat: 1`). `where` names the block itself (`"sweep"`, or
 * `"study.yaml: sweep"`); every problem is one {@link InputError} sentence starting with
 * it and the key path inside, e.g. `study.yaml: sweep.vars.load.step must be > 0, found 0`. Checked: unknown keys;
 * variable names (letters, digits, _; not `true`, `false`, `repetition`, `seed`, `status`);
 * lists non-empty, of text, finite numbers or booleans, without repeats; ranges
 * `{ from, to, step }` of numbers with step > 0 and to ≥ from; zip groups naming declared
 * variables, each in one group only, of equal lengths; `repeat` a whole number ≥ 1;
 * `where` text that parses and names only declared variables; at most
 * {@link MAX_STUDY_RUNS} runs before `where` — each variable's values × `repeat` are
 * held to that budget before its values are checked, and a list is checked in time
 * linear in its length.
 */
export function parseSweep(raw: unknown, where: string): SweepSpec {
  const fail = (path: string, message: string): never => {
    throw new InputError(`${where}${path}${message}`);
  };
  if (!isMapping(raw)) fail("", ` must be a mapping with keys ${SWEEP_KEYS.join(", ")}, found ${describe(raw)}`);
  const block = raw as Record<string, unknown>;
  for (const key of Object.keys(block)) if (!SWEEP_KEYS.includes(key)) fail("", `: ${unknownKey(key, SWEEP_KEYS)}`);

  // repeat first: every variable's count of values is checked against the run budget with it.
  let repeat = 1;
  if (block.repeat !== undefined) {
    const r = block.repeat;
    if (typeof r !== "number" || !Number.isInteger(r) || r < 1) fail(".repeat", ` must be a whole number ≥ 1, found ${describe(r)}`);
    repeat = r as number;
  }
  // One variable alone may not exceed the run budget (before its values are checked one by one).
  const tooMany = (path: string, count: number) => {
    if (count * repeat > MAX_STUDY_RUNS) {
      const times = repeat === 1 ? "" : ` × ${repeat.toLocaleString("en-US")} repetitions`;
      fail(path, ` has ${count.toLocaleString("en-US")} values${times}, more than the ${MAX_STUDY_RUNS.toLocaleString("en-US")} runs accepted`);
    }
  };

  const vars: Record<string, SweepValue[] | SweepRange> = {};
  const rawVars = block.vars ?? {};
  if (!isMapping(rawVars)) fail(".vars", ` must be a mapping from variable names to lists or ranges, found ${describe(rawVars)}`);
  for (const [name, v] of Object.entries(rawVars as Record<string, unknown>)) {
    const path = `.vars.${name}`;
    if (!NAME.test(name)) fail(".vars", `: "${name}" is not a valid variable name — use letters, digits and _, starting with a letter or _`);
    if (RESERVED.includes(name)) fail(".vars", `: "${name}" is reserved — choose another variable name`);
    if (Array.isArray(v)) {
      if (v.length === 0) fail(path, " is an empty list — give at least one value");
      tooMany(path, v.length);
      // Where each value was first seen: one lookup per value, so a long list is checked in linear time.
      const firstAt = new Map<SweepValue, number>();
      const list: SweepValue[] = new Array(v.length);
      for (let i = 0; i < v.length; i++) {
        const item: unknown = v[i];
        const ok = typeof item === "string" || typeof item === "boolean" || (typeof item === "number" && Number.isFinite(item));
        if (!ok) fail(`${path}[${i}]`, ` must be text, a number or true/false, found ${describe(item)}`);
        const first = firstAt.get(item as SweepValue);
        if (first !== undefined) fail(`${path}[${i}]`, `: ${describe(item)} is listed twice (also at [${first}])`);
        firstAt.set(item as SweepValue, i);
        list[i] = item as SweepValue;
      }
      vars[name] = list;
    } else if (isMapping(v)) {
      for (const key of Object.keys(v)) if (!RANGE_KEYS.includes(key)) fail(path, `: ${unknownKey(key, RANGE_KEYS)}`);
      for (const key of RANGE_KEYS) {
        if (!(key in v)) fail(`${path}.${key}`, " is missing — a range needs from, to and step");
        if (typeof v[key] !== "number" || !Number.isFinite(v[key])) fail(`${path}.${key}`, ` must be a number, found ${describe(v[key])}`);
      }
      const range = { from: v.from as number, to: v.to as number, step: v.step as number };
      if (range.step <= 0) fail(`${path}.step`, ` must be > 0, found ${range.step}`);
      if (range.to < range.from) fail(`${path}.to`, ` must be ≥ from (${range.from}), found ${range.to}`);
      if ((range.to - range.from) / range.step >= MAX_STUDY_RUNS) {
        fail(path, ` has more than ${MAX_STUDY_RUNS.toLocaleString("en-US")} values — use a larger step`);
      }
      tooMany(path, rangeCount(range));
      vars[name] = range;
    } else {
      fail(path, ` must be a list of values or a range { from, to, step }, found ${describe(v)}`);
    }
  }
  const names = Object.keys(vars);

  const zip: string[][] = [];
  const groupOf = new Map<string, number>();
  const rawZip = block.zip ?? [];
  if (!Array.isArray(rawZip)) fail(".zip", ` must be a list of lists of variable names, found ${describe(rawZip)}`);
  (rawZip as unknown[]).forEach((group, g) => {
    const gp = `.zip[${g}]`;
    if (!Array.isArray(group)) fail(gp, ` must be a list of variable names, found ${describe(group)}`);
    if ((group as unknown[]).length === 0) fail(gp, " is an empty list — name the variables that vary together");
    const members: string[] = [];
    (group as unknown[]).forEach((name, i) => {
      if (typeof name !== "string") fail(`${gp}[${i}]`, ` must be a variable name, found ${describe(name)}`);
      const n = name as string;
      if (!Object.hasOwn(vars, n)) {
        const near = closest(n, names);
        fail(`${gp}[${i}]`, `: unknown variable "${n}"${near ? ` (did you mean "${near}"?)` : ` — declared: ${names.join(", ") || "none"}`}`);
      }
      const other = groupOf.get(n);
      if (other !== undefined) {
        fail(`${gp}[${i}]`, other === g ? `: "${n}" is listed twice` : `: "${n}" is already in zip[${other}] — a variable may be in one zip group only`);
      }
      groupOf.set(n, g);
      const len = countOf(vars[n]);
      const firstLen = members.length > 0 ? countOf(vars[members[0]]) : len;
      if (len !== firstLen) {
        fail(gp, `: ${members[0]} has ${firstLen} values but ${n} has ${len} — zipped variables need equal lengths`);
      }
      members.push(n);
    });
    zip.push(members);
  });

  const spec: SweepSpec = { vars, zip, repeat };
  if (block.metrics !== undefined) spec.metrics = parseMetrics(block.metrics, (path, message) => fail(`.metrics${path}`, message));
  if (block.where !== undefined) {
    const text = block.where;
    if (typeof text !== "string") fail(".where", ` must be an expression in quotes, e.g. "!(nic == '800Gbps')", found ${describe(text)}`);
    const bad: ExpressionFail = (message, column, hint = "") =>
      fail(".where", ` ${JSON.stringify(text)}: ${message} at column ${column}${hint}`);
    const expr = parseExpression(text as string, bad);
    for (const { name, column } of expressionVariables(expr)) {
      if (!Object.hasOwn(vars, name)) {
        const near = closest(name, names);
        bad(`unknown variable "${name}"`, column, near ? ` (did you mean "${near}"?)` : "");
      }
    }
    spec.where = text as string;
  }

  // Zip groups count once (by their first variable), every other variable multiplies.
  const counted = names.filter((n) => !groupOf.has(n) || zip[groupOf.get(n)!][0] === n);
  const runs = counted.reduce((n, v) => n * countOf(vars[v]), repeat);
  if (runs > MAX_STUDY_RUNS) {
    fail("", ` expands to ${runs.toLocaleString("en-US")} runs, more than the ${MAX_STUDY_RUNS.toLocaleString("en-US")} accepted`);
  }
  return spec;
}


/** `sweep.metrics`: distinct names of one of {@link STUDY_METRIC_FORMS} (summary.csv's columns are always recorded). */
function parseMetrics(raw: unknown, fail: (path: string, message: string) => never): string[] {
  if (!Array.isArray(raw)) fail("", ` must be a list of metric names (${STUDY_METRIC_FORMS.join(", ")}), found ${describe(raw)}`);
  const tiers: readonly string[] = [...TIERS, "cap"];
  const out: string[] = [];
  (raw as unknown[]).forEach((m, i) => {
    if (typeof m !== "string") fail(`[${i}]`, ` must be a metric name, found ${describe(m)}`);
    const name = m as string;
    if (out.includes(name)) fail(`[${i}]`, `: "${name}" is listed twice`);
    const tier = /^tier_share:(.*)$/.exec(name);
    if (tier && !tiers.includes(tier[1])) {
      const near = closest(tier[1], tiers);
      fail(`[${i}]`, `: "${tier[1]}" is not a tier${near ? ` (did you mean "tier_share:${near}"?)` : ` — use one of ${tiers.join(", ")}`}`);
    }
    if (/^cost_.*_usd$/.test(name) && !COST_METRIC_NAMES.includes(name)) {
      const near = closest(name, COST_METRIC_NAMES);
      fail(`[${i}]`, `: "${name}" is not a cost item${near ? ` (did you mean "${near}"?)` : ` — use one of ${COST_METRIC_NAMES.join(", ")}`}`);
    }
    if (!tier && !COST_METRIC_NAMES.includes(name) && !/^[^:]+:[a-z0-9_]+_(mean|p50|p99)$/.test(name)) {
      // summary.csv's columns (fct_p99_s, gpu_utilization, …) take no listing: sweep.csv always has them.
      const always = !name.includes(":") ? " (summary.csv's columns are always in sweep.csv)" : "";
      fail(`[${i}]`, `: "${name}" is not a study metric${always} — use ${STUDY_METRIC_FORMS.join(", ")}, as compare.csv names them`);
    }
    out.push(name);
  });
  return out;
}
