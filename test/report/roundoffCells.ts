// roundoffCells: the report cells of a run directory that show float round-off (shared by the example-scenario test and scripts/countRoundoff.ts).
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Columns holding a fraction in [0, 1]. */
export const FRACTION_COLUMNS = new Set([
  "mean_util",
  "peak_util",
  "p95_util",
  "saturated_frac",
  "utilization",
  "share",
  "bottleneck_share",
  "gpu_utilization",
  "network_wait_share",
]);
const SLOWDOWN = /^slowdown(_p\d+)?$/;
const BYTES = /(^|_)bytes$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The kinds of round-off counted: see {@link roundoffCells}. */
export type RoundoffKind = "fraction>1" | "slowdown<1" | "slowdown<1-1e-9" | "bytes-frac" | "digits>12" | "integer-digits>12";

/** One offending cell. */
export interface RoundoffCell {
  kind: RoundoffKind;
  file: string;
  column: string;
  cell: string;
}

/** Significant digits of a decimal literal ("0.0012300" → 3, "54160000000" → 4). */
export function significantDigits(cell: string): number {
  const mantissa = cell.replace(/^[+-]/, "").replace(/e.*$/i, "").replace(".", "");
  return mantissa.replace(/^0+/, "").replace(/0+$/, "").length;
}

/**
 * Every numeric cell of the CSV files under `dir` (recursively) that shows round-off:
 * `fraction>1` a fraction column outside [0, 1]; `slowdown<1` a slowdown below 1 by at most
 * 1e-9 (`slowdown<1-1e-9` below that: not round-off); `bytes-frac` a byte column that is not a
 * whole number; `digits>12` a non-integer with more than 12 significant digits
 * (`integer-digits>12`: a whole number written in more than 12 digits, which is exact).
 * Reads the files as plain comma-separated text: report cells hold no quoted commas.
 */
export function roundoffCells(dir: string): RoundoffCell[] {
  const found: RoundoffCell[] = [];
  for (const file of csvFiles(dir)) {
    const lines = readFileSync(file, "utf8").split("\n");
    const header = lines[0].split(",");
    for (let i = 1; i < lines.length; i++) {
      if (lines[i] === "") continue;
      const cells = lines[i].split(",");
      for (let j = 0; j < cells.length; j++) {
        const cell = cells[j];
        const column = header[j];
        if (!NUMBER.test(cell)) continue;
        const x = Number(cell);
        const hit = (kind: RoundoffKind) => found.push({ kind, file, column, cell });
        if (FRACTION_COLUMNS.has(column) && (x < 0 || x > 1)) hit("fraction>1");
        if (SLOWDOWN.test(column) && x < 1) hit(x >= 1 - 1e-9 ? "slowdown<1" : "slowdown<1-1e-9");
        if (BYTES.test(column) && !Number.isInteger(x)) hit("bytes-frac");
        if (significantDigits(cell) > 12) hit(/[.e]/i.test(cell) ? "digits>12" : "integer-digits>12");
      }
    }
  }
  return found;
}

function csvFiles(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => {
      const p = join(dir, n);
      if (statSync(p).isDirectory()) return csvFiles(p);
      return n.endsWith(".csv") ? [p] : [];
    });
}
