// searchCsvRows: search.csv — every design the search simulated: its variables, replications, each metric's mean and 95 % interval, feasibility, why it stopped.
import { csvNumber } from "../report/csvNumber.js";
import type { SearchResult, SearchState } from "./SearchState.js";

/** The header and rows of search.csv for a finished search over variables `names`. */
export function searchCsvRows(state: SearchState, result: SearchResult, names: readonly string[]): { header: string[]; rows: string[][] } {
  const metrics = state.metricNames;
  const header = ["point", ...names, "replications", "feasible", "decision", ...metrics.flatMap((m) => [`${m}_mean`, `${m}_ci95_low`, `${m}_ci95_high`])];
  const rows: string[][] = [];
  for (const d of result.designs) {
    if (d.replications === 0) continue;
    const decision = d === result.chosen ? "chosen" : (d.stopped ?? (result.budgetReached ? "undecided: the budget ran out" : ""));
    const stats = metrics.flatMap((m) => {
      const s = state.summary(d, m);
      return [csvNumber(s.mean), csvNumber(s.ciLow), csvNumber(s.ciHigh)];
    });
    rows.push([String(d.point.index), ...names.map((n) => String(d.point.values[n])), String(d.replications), d.feasible, decision, ...stats]);
  }
  return { header, rows };
}
