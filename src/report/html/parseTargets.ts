// parseTargets: the targets a comparison checks each run against, from `--target "fct_p99_s<=0.01,gpu_utilization>=0.9"`.
import { closest } from "../../core/closest.js";
import { InputError } from "../../core/InputError.js";

/** A target on one metric: the run meets it when `value op bound`. */
export interface Target {
  metric: string;
  op: "<=" | "<" | ">=" | ">";
  bound: number;
  /** As written, e.g. "fct_p99_s<=0.01". */
  text: string;
}

/**
 * Parse comma-separated targets `METRIC OP NUMBER` (OP one of <=, <, >=, >; spaces allowed
 * around it). Each metric must be one the runs have (`known`). Throws InputError naming
 * the target that is not of that form or names an unknown metric.
 */
export function parseTargets(text: string, known: ReadonlySet<string>): Target[] {
  const out: Target[] = [];
  for (const part of text.split(",").map((p) => p.trim()).filter((p) => p !== "")) {
    const m = /^(.+?)\s*(<=|>=|<|>)\s*(\S+)$/.exec(part);
    const bound = m ? Number(m[3]) : NaN;
    if (!m || !Number.isFinite(bound)) {
      throw new InputError(`--target "${part}" is not METRIC<=NUMBER (or <, >=, >), e.g. "fct_p99_s<=0.01"`);
    }
    const metric = m[1].trim();
    if (!known.has(metric)) {
      const near = nearMetrics(metric, known);
      throw new InputError(`--target "${part}": no run has the metric "${metric}" (compare.csv's metric column${near.length > 0 ? `; did you mean ${near.join(", ")}?` : ""})`);
    }
    out.push({ metric, op: m[2] as Target["op"], bound, text: `${metric}${m[2]}${m[3]}` });
  }
  return out;
}

/**
 * Metric names a mistyped `metric` resembles, at most five: those containing it or contained in
 * it, and the nearest by edit distance ≤ 2 once underscores are ignored ("fctp99" → fct_p99_s).
 */
export function nearMetrics(metric: string, known: ReadonlySet<string>): string[] {
  const near = [...known].filter((k) => k.includes(metric) || metric.includes(k));
  const squeeze = (name: string) => name.replace(/_/g, "").toLowerCase();
  const bySqueezed = new Map<string, string>();
  for (const k of known) if (!bySqueezed.has(squeeze(k))) bySqueezed.set(squeeze(k), k);
  const typo = closest(squeeze(metric), bySqueezed.keys());
  if (typo !== undefined && !near.includes(bySqueezed.get(typo)!)) near.unshift(bySqueezed.get(typo)!);
  return near.slice(0, 5);
}
