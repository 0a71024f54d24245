// summarizeByPoint (alias groupSummary): one row per sweep point (mean, sd, 95% CI of every metric over its ok runs), for sweep-summary.csv.
import { summarizeReplications } from "./summarizeReplications.js";

/** One row of sweep.csv as read back: every value a string. */
export type TidyRow = Readonly<Record<string, string>>;

/** One row of sweep-summary.csv: the key columns (strings) then counts and statistics (numbers). */
export type PointSummaryRow = Record<string, string | number>;

/** A metric cell as a number: "" (a failed or missing measurement) is NaN, not 0. */
function metricValue(text: string | undefined): number {
  return text === undefined || text.trim() === "" ? NaN : Number(text);
}

/**
 * Groups tidy per-run rows by their key columns and summarizes every metric per group.
 *
 * Groups appear in the order their first row appears. Each output row holds the key
 * columns as given, `n_ok` and `n_failed` (a run is ok when its `status` is exactly "ok";
 * any other status, e.g. "failed", counts as failed), then for every metric `m` the
 * columns `m_mean`, `m_sd`, `m_ci95_low`, `m_ci95_high` computed over the ok runs by
 * {@link summarizeReplications} (NaN where undefined: no ok run, or only one). A metric
 * cell that is empty or not a number in an ok run is left out of that metric only.
 *
 * @param rows tidy rows as read from sweep.csv (a `status` column, key and metric columns)
 * @param keyColumns the columns that identify a point, e.g. `["point"]` or the swept variables
 * @param metricColumns the numeric columns to summarize
 * @throws Error when a row lacks a key column or the `status` column
 */
export function summarizeByPoint(
  rows: readonly TidyRow[],
  keyColumns: readonly string[],
  metricColumns: readonly string[],
): PointSummaryRow[] {
  const groups = new Map<string, { keys: string[]; ok: TidyRow[]; failed: number }>();
  rows.forEach((row, index) => {
    const keys = keyColumns.map((column) => {
      const value = row[column];
      if (value === undefined) throw new Error(`summarizeByPoint: row ${index} has no column "${column}"`);
      return value;
    });
    const status = row.status;
    if (status === undefined) throw new Error(`summarizeByPoint: row ${index} has no column "status"`);
    const id = JSON.stringify(keys); // unambiguous even when values contain separators
    let group = groups.get(id);
    if (group === undefined) {
      group = { keys, ok: [], failed: 0 };
      groups.set(id, group);
    }
    if (status === "ok") group.ok.push(row);
    else group.failed++;
  });

  return [...groups.values()].map(({ keys, ok, failed }) => {
    const out: PointSummaryRow = {};
    keyColumns.forEach((column, i) => (out[column] = keys[i]));
    out.n_ok = ok.length;
    out.n_failed = failed;
    for (const metric of metricColumns) {
      const summary = summarizeReplications(ok.map((row) => metricValue(row[metric])));
      const [mean, sd, low, high] = statColumns(metric);
      out[mean] = summary.mean;
      out[sd] = summary.sd;
      out[low] = summary.ciLow;
      out[high] = summary.ciHigh;
    }
    return out;
  });
}

/**
 * The columns of {@link summarizeByPoint}'s rows, in order: the key columns, `n_ok`, `n_failed`,
 * then each metric's statistics — sweep-summary.csv's header, even when there is no row.
 */
export function pointSummaryColumns(keyColumns: readonly string[], metricColumns: readonly string[]): string[] {
  return [...keyColumns, "n_ok", "n_failed", ...metricColumns.flatMap(statColumns)];
}

/** A metric's statistic columns: mean, sd, and the 95 % interval's ends. */
function statColumns(metric: string): [mean: string, sd: string, low: string, high: string] {
  return [`${metric}_mean`, `${metric}_sd`, `${metric}_ci95_low`, `${metric}_ci95_high`];
}

/** The same function as {@link summarizeByPoint}, under the name issue 4's task gave it. */
export const groupSummary = summarizeByPoint;
