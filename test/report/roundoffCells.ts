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
/** Columns computed from the difference of two instants of a run (a duration, a sum of spans, or a rate over one: throughput_gbps is bytes over an interval or the makespan). */
export const ELAPSED_COLUMNS = new Set(["fct_s", "slow_start_s", "mean_rate_gbps", "throughput_gbps", "bottleneck_flow_s", "queueing_flow_s"]);
/** Twelve significant digits ending in a run of five or more zeros or nines and then one to three digits: a shorter decimal with round-off in its last places (0.00000231999999989). */
const NOISE_TAIL = /^\d+?(0{5,}|9{5,})\d{1,3}$/;
const BYTES = /(^|_)bytes$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The kinds of round-off counted: see {@link roundoffCells}. */
export type RoundoffKind = "fraction>1" | "slowdown<1" | "slowdown<1-1e-9" | "bytes-frac" | "digits>12" | "integer-digits>12" | "elapsed-noise";

/** One offending cell. */
export interface RoundoffCell {
  kind: RoundoffKind;
  file: string;
  column: string;
  cell: string;
}

/** Significant digits of a decimal literal ("0.0012300" → 3, "54160000000" → 4). */
export function significantDigits(cell: string): number {
  return mantissaDigits(cell).length;
}

/**
 * Every numeric cell of the CSV files under `dir` (recursively) that shows round-off:
 * `fraction>1` a fraction column outside [0, 1]; `slowdown<1` a slowdown below 1 by at most
 * 1e-9 (`slowdown<1-1e-9` below that: not round-off); `bytes-frac` a byte column that is not a
 * whole number; `digits>12` a non-integer with more than 12 significant digits
 * (`integer-digits>12`: a whole number written in more than 12 digits, which is exact);
 * `elapsed-noise` a cell of {@link ELAPSED_COLUMNS} whose 12 significant digits are a shorter
 * decimal followed by round-off ({@link NOISE_TAIL}): a difference of two instants that kept
 * their magnitude's last bits (8.46399999987e-6 for 8.464e-6).
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
        const mantissa = mantissaDigits(cell);
        if (mantissa.length > 12) hit(/[.e]/i.test(cell) ? "digits>12" : "integer-digits>12");
        if (mantissa.length === 12 && ELAPSED_COLUMNS.has(column) && NOISE_TAIL.test(mantissa)) hit("elapsed-noise");
      }
    }
  }
  return found;
}

/** The significant digits of a decimal literal, without sign, point, exponent or leading and trailing zeros ("0.00000231999999989" → "231999999989"). */
function mantissaDigits(cell: string): string {
  return cell.replace(/^[+-]/, "").replace(/e.*$/i, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
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
