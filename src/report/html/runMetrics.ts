// runMetrics: the numbers of one run a comparison sets side by side — summary.csv, cost.csv, tiers.csv and workloads.csv, each under one metric name.
import type { CsvTable } from "./parseCsvText.js";
import { readCsvTable } from "./readCsvTable.js";
import { tableColumns } from "./tableColumns.js";

/**
 * The run's metrics in a fixed order, each with the cell as its CSV writes it:
 * - every column of summary.csv, under its own name (`fct_p99_s`, `gpu_utilization`, …);
 * - cost.csv's rows of `all`: `cost_<item>_usd` (`cost_total_usd`, `cost_gpu_idle_network_usd`, …);
 * - tiers.csv's rows of `all`: `tier_share:<tier>` (its `bottleneck_share`);
 * - workloads.csv's rows of group `all`: `<workload>:<metric>_mean`, `_p50`, `_p99`
 *   (`bots:total_s_p99`, `llm:iteration_s_mean`).
 */
export function runMetrics(dir: string): Array<[metric: string, value: string]> {
  const out: Array<[string, string]> = [];
  const summary = readCsvTable(dir, "summary.csv");
  if (summary) summary.header.forEach((h, i) => out.push([h, summary.rows[0]?.[i] ?? ""]));
  const rowsOf = (table: CsvTable | undefined, fn: (cell: (name: string) => string) => void) => {
    if (!table) return;
    const c = tableColumns(table);
    for (const r of table.rows) fn((name) => c.text(r, name));
  };
  rowsOf(readCsvTable(dir, "cost.csv"), (cell) => {
    if (cell("workload") === "all") out.push([`cost_${cell("item")}_usd`, cell("usd")]);
  });
  rowsOf(readCsvTable(dir, "tiers.csv"), (cell) => {
    if (cell("workload") === "all") out.push([`tier_share:${cell("tier")}`, cell("bottleneck_share")]);
  });
  rowsOf(readCsvTable(dir, "workloads.csv"), (cell) => {
    if (cell("group") !== "all") return;
    const name = `${cell("workload")}:${cell("metric")}`;
    out.push([`${name}_mean`, cell("mean")], [`${name}_p50`, cell("p50")], [`${name}_p99`, cell("p99")]);
  });
  return out;
}
