// paretoCsvRows: pareto.csv — for each target, the simulated designs no other beats on both cost and that target, with their 95 % intervals.
import { csvNumber } from "../report/csvNumber.js";
import type { SearchSpec } from "./SearchSpec.js";
import { satisfies, type SearchResult, type SearchState } from "./SearchState.js";

/**
 * The header and rows of pareto.csv: for each target in turn (column `target`, as
 * written), the Pareto front of the simulated designs on (mean cost, lower is better)
 * against (the target's metric mean, better in the target's direction: larger for ≥ and >,
 * smaller for ≤ and <) — a design is on it when no other design is at least as good on
 * both and better on one. Rows by cost, then point; `meets` compares the mean with the
 * bound, `feasible` is the search's verdict on every target.
 */
export function paretoCsvRows(state: SearchState, result: SearchResult, spec: SearchSpec, names: readonly string[]): { header: string[]; rows: string[][] } {
  const cost = spec.minimize;
  const header = [
    "target",
    "point",
    ...names,
    "replications",
    "value_mean",
    "value_ci95_low",
    "value_ci95_high",
    `${cost}_mean`,
    `${cost}_ci95_low`,
    `${cost}_ci95_high`,
    "meets",
    "feasible",
  ];
  const rows: string[][] = [];
  for (const t of spec.targets) {
    const larger = t.op === ">=" || t.op === ">";
    const seen = result.designs
      .filter((d) => d.replications > 0)
      .map((d) => ({ d, v: state.summary(d, t.metric), c: state.summary(d, cost) }))
      .filter((e) => Number.isFinite(e.v.mean) && Number.isFinite(e.c.mean));
    // By cost, then the better value first, then point: each design kept beats every kept one before it on the target.
    const better = (a: number, b: number) => (larger ? b - a : a - b);
    seen.sort((a, b) => a.c.mean - b.c.mean || better(a.v.mean, b.v.mean) || a.d.point.index - b.d.point.index);
    let bestValue = larger ? -Infinity : Infinity;
    for (const e of seen) {
      const improves = larger ? e.v.mean > bestValue : e.v.mean < bestValue;
      if (!improves) continue;
      bestValue = e.v.mean;
      rows.push([
        t.text,
        String(e.d.point.index),
        ...names.map((n) => String(e.d.point.values[n])),
        String(e.d.replications),
        csvNumber(e.v.mean),
        csvNumber(e.v.ciLow),
        csvNumber(e.v.ciHigh),
        csvNumber(e.c.mean),
        csvNumber(e.c.ciLow),
        csvNumber(e.c.ciHigh),
        satisfies(e.v.mean, t) ? "yes" : "no",
        e.d.feasible,
      ]);
    }
  }
  return { header, rows };
}

