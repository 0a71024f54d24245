// compareCsvRows: the header and rows of compare.csv, numbers by the report rules.
import { csvNumber } from "../csvNumber.js";
import type { CompareRow } from "./CompareData.js";

/** Columns of compare.csv, in order. */
export const COMPARE_CSV_HEADERS = ["metric", "run", "dir", "seed", "value", "diff", "ratio", "paired_diff", "target", "meets"] as const;

/** compare.csv rows: metric by metric, each run in the order given; `value` is the run's cell as written, an undefined number an empty cell. */
export function compareCsvRows(rows: readonly CompareRow[]): string[][] {
  return rows.map((r) => [
    r.metric,
    r.run,
    r.dir,
    Number.isFinite(r.seed) ? String(r.seed) : "",
    r.cell,
    csvNumber(r.diff),
    csvNumber(r.ratio),
    csvNumber(r.pairedDiff),
    r.target ?? "",
    r.meets === undefined ? "" : r.meets ? "yes" : "no",
  ]);
}
