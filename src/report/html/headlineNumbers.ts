// headlineNumbers: the cells of summary.csv the page leads with, labelled and with the unit they are read in.
import type { CsvTable } from "./parseCsvText.js";
import type { HeadlineNumber } from "./RunReportData.js";

/** Label and unit of each summary.csv column (docs/reports.md, summary.csv), in the order the page shows them. */
const COLUMNS: ReadonlyArray<[column: string, label: string, unit: HeadlineNumber["unit"]]> = [
  ["finished", "flows finished", "count"],
  ["flows", "flows started", "count"],
  ["bytes", "bytes", "bytes"],
  ["makespan_s", "makespan", "s"],
  ["throughput_gbps", "throughput", "gbps"],
  ["fct_p50_s", "FCT p50", "s"],
  ["fct_p95_s", "FCT p95", "s"],
  ["fct_p99_s", "FCT p99", "s"],
  ["slowdown_p50", "slowdown p50", "ratio"],
  ["slowdown_p95", "slowdown p95", "ratio"],
  ["slowdown_p99", "slowdown p99", "ratio"],
  ["iterations", "iterations", "count"],
  ["iteration_mean_s", "iteration mean", "s"],
  ["iteration_p99_s", "iteration p99", "s"],
  ["gpu_utilization", "GPU utilisation", "share"],
  ["network_wait_share", "waiting on the network", "share"],
  ["queueing_share", "flow time in queues", "share"],
  ["requests", "requests", "count"],
  ["request_p50_s", "request p50", "s"],
  ["request_p95_s", "request p95", "s"],
  ["request_p99_s", "request p99", "s"],
  ["ttft_p50_s", "TTFT p50", "s"],
  ["ttft_p99_s", "TTFT p99", "s"],
  ["tpot_p50_s", "TPOT p50", "s"],
  ["events", "events", "count"],
];

/**
 * Every cell of summary.csv's row as a headline number: the known columns first, in the
 * order above, then any other column under its own name. Values are the cells exactly as
 * written, so the page shows the CSV's numbers.
 */
export function headlineNumbers(summary: CsvTable): HeadlineNumber[] {
  const row = summary.rows[0] ?? [];
  const cells = new Map(summary.header.map((h, i) => [h, row[i] ?? ""] as const));
  const out: HeadlineNumber[] = [];
  for (const [column, label, unit] of COLUMNS) {
    if (cells.has(column)) out.push({ column, label, value: cells.get(column)!, unit });
  }
  for (const [column, value] of cells) {
    if (!COLUMNS.some(([c]) => c === column)) out.push({ column, label: column, value, unit: column.endsWith("_s") ? "s" : "ratio" });
  }
  return out;
}
