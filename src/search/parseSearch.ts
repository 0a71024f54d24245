// parseSearch: validates the `search` block of a study file into a SearchSpec, with one-sentence errors naming the key path.
import { InputError } from "../core/InputError.js";
import { closest } from "../core/closest.js";
import { PLAIN_METRIC_NAMES } from "../report/runMetricNames.js";
import { TIERS } from "../report/tierOf.js";
import { describe } from "../scenario/describeIssue.js";
import { valuesOf } from "../sweep/parseSweep.js";
import type { SweepSpec } from "../sweep/Study.js";
import type { Monotone, SearchSpec, SearchTarget } from "./SearchSpec.js";

/** The keys of a `search` block. */
export const SEARCH_KEYS = ["targets", "minimize", "monotone", "budget"];

/** The forms a metric of a search takes (the names compare.csv and sweep.metrics use). */
export const SEARCH_METRIC_FORMS = ["a column of summary.csv (gpu_utilization, request_p99_s, slowdown_p99, …)", "cost_<item>_usd", "tier_share:<tier>", "<workload>:<metric>_mean, _p50 or _p99"];

const MONOTONE: readonly Monotone[] = ["up", "down"];

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** The literal names of the base scenario's workloads (`workloads[i].<kind>.name`), for "did you mean" on `<workload>:…` metrics. */
function workloadNames(base: Record<string, unknown>): string[] {
  const list = Array.isArray(base.workloads) ? base.workloads : [];
  const names: string[] = [];
  for (const w of list) {
    if (!isMapping(w)) continue;
    for (const body of Object.values(w)) if (isMapping(body) && typeof body.name === "string") names.push(body.name);
  }
  return names;
}

/**
 * Why `name` is not a metric a run can have, or undefined when it is of one of
 * {@link SEARCH_METRIC_FORMS}: a column summary.csv can have or a cost item
 * ({@link PLAIN_METRIC_NAMES}), a tier, or (for `<workload>:…`) a workload of the scenario
 * when the scenario names them literally. Whether the runs have it (a training column in a
 * run without training) is checked once the first run has succeeded (runSearch).
 */
function metricProblem(name: string, workloads: readonly string[]): string | undefined {
  const tier = /^tier_share:(.*)$/.exec(name);
  if (tier) {
    const tiers: readonly string[] = [...TIERS, "cap"];
    if (tiers.includes(tier[1])) return undefined;
    const near = closest(tier[1], tiers);
    return `"${tier[1]}" is not a tier${near ? ` (did you mean "tier_share:${near}"?)` : ` — use one of ${tiers.join(", ")}`}`;
  }
  const perWorkload = /^([^:]+):[a-z0-9_]+_(mean|p50|p99)$/.exec(name);
  if (perWorkload) {
    const w = perWorkload[1];
    if (workloads.length === 0 || workloads.includes(w)) return undefined;
    const near = closest(w, workloads);
    return `no workload is named "${w}"${near ? ` (did you mean "${near}"?)` : ` — the workloads are ${workloads.join(", ")}`}`;
  }
  if (PLAIN_METRIC_NAMES.includes(name)) return undefined;
  const near = closest(name, PLAIN_METRIC_NAMES);
  return `"${name}" is not a run metric${near ? ` (did you mean "${near}"?)` : ` — use ${SEARCH_METRIC_FORMS.join(", ")}`}`;
}

/**
 * Validate a raw `search` block against the study's validated `sweep` and its base
 * scenario. `where` names the block (`"study.yaml: search"`); every problem is one
 * {@link InputError} sentence starting with it and the key path inside, e.g.
 * `study.yaml: search.targets[0]: "gpu_utilization => 0.9" is not METRIC OP NUMBER …`.
 * Checked: unknown keys; `targets` a non-empty list of `METRIC OP NUMBER` (OP one of
 * <=, <, >=, >) with a finite number; `minimize` a metric; metrics of the known forms;
 * `monotone` a mapping from declared variables whose values are all numbers to `up` or
 * `down`; `budget` a whole number ≥ the replications of one first look (2, or `repeat` when
 * it is 1).
 */
export function parseSearch(raw: unknown, where: string, sweep: SweepSpec, base: Record<string, unknown>): SearchSpec {
  const fail = (path: string, message: string): never => {
    throw new InputError(`${where}${path}: ${message}`);
  };
  if (!isMapping(raw)) fail("", `must be a mapping with keys ${SEARCH_KEYS.join(", ")}, found ${describe(raw)}`);
  const block = raw as Record<string, unknown>;
  for (const key of Object.keys(block)) {
    if (SEARCH_KEYS.includes(key)) continue;
    const near = closest(key, SEARCH_KEYS);
    fail("", `unknown key "${key}"${near ? ` (did you mean "${near}"?)` : ` — expected one of ${SEARCH_KEYS.join(", ")}`}`);
  }
  const workloads = workloadNames(base);

  const rawTargets = block.targets;
  if (rawTargets === undefined) fail(".targets", `missing — list what a design must meet, e.g. ["gpu_utilization >= 0.9"]`);
  if (!Array.isArray(rawTargets) || rawTargets.length === 0) {
    fail(".targets", `must be a non-empty list of targets such as "gpu_utilization >= 0.9", found ${describe(rawTargets)}`);
  }
  const targets: SearchTarget[] = (rawTargets as unknown[]).map((t, i) => {
    const path = `.targets[${i}]`;
    if (typeof t !== "string") fail(path, `must be a target in quotes such as "request_p99_s <= 0.2", found ${describe(t)}`);
    const m = /^\s*([^\s<>=]+)\s*(<=|>=|<|>)\s*(\S+)\s*$/.exec(t as string);
    const bound = m ? Number(m[3]) : NaN;
    if (!m || m[3].trim() === "" || !Number.isFinite(bound)) {
      fail(path, `${describe(t)} is not METRIC OP NUMBER (OP one of <=, <, >=, >), e.g. "gpu_utilization >= 0.9"`);
    }
    const metric = m![1];
    const problem = metricProblem(metric, workloads);
    if (problem) fail(path, problem);
    return { metric, op: m![2] as SearchTarget["op"], bound, text: `${metric}${m![2]}${m![3]}` };
  });

  const minimize = block.minimize;
  if (minimize === undefined) fail(".minimize", "missing — name the metric to minimise, e.g. cost_total_usd");
  if (typeof minimize !== "string") fail(".minimize", `must be a metric name such as cost_total_usd, found ${describe(minimize)}`);
  const objectiveProblem = metricProblem(minimize as string, workloads);
  if (objectiveProblem) fail(".minimize", objectiveProblem);

  const monotone: Record<string, Monotone> = {};
  const rawMonotone = block.monotone ?? {};
  if (!isMapping(rawMonotone)) fail(".monotone", `must be a mapping from variables to up or down, found ${describe(rawMonotone)}`);
  const names = Object.keys(sweep.vars);
  const given = rawMonotone as Record<string, unknown>;
  for (const [name, dir] of Object.entries(given)) {
    const path = `.monotone.${name}`;
    if (!Object.hasOwn(sweep.vars, name)) {
      const near = closest(name, names);
      fail(".monotone", `unknown variable "${name}"${near ? ` (did you mean "${near}"?)` : ` — the variables are ${names.join(", ")}`}`);
    }
    if (typeof dir !== "string" || !(MONOTONE as readonly string[]).includes(dir)) {
      fail(path, `must be up (a larger value means more resources: targets no worse, cost no lower) or down, found ${describe(dir)}`);
    }
    const values = valuesOf(sweep.vars[name]);
    const text = values.findIndex((v) => typeof v !== "number");
    if (text >= 0) fail(path, `${name}'s values must be numbers to be ordered, found ${describe(values[text])} — put the unit in the file, not in the value`);
  }
  // Declaration order of the sweep, whatever the order in the search block.
  for (const name of names) if (Object.hasOwn(given, name)) monotone[name] = given[name] as Monotone;

  const spec: SearchSpec = { targets, minimize: minimize as string, monotone };
  if (block.budget !== undefined) {
    const b = block.budget;
    const least = Math.min(2, sweep.repeat);
    if (typeof b !== "number" || !Number.isInteger(b) || b < least) {
      fail(".budget", `must be a whole number of simulations ≥ ${least} (a first look at one design), found ${describe(b)}`);
    }
    spec.budget = b as number;
  }
  return spec;
}
