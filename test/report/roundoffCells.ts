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
  return scan(dir).found;
}

/**
 * How often {@link NOISE_TAIL} matches twelve digits that are not round-off: 5.9e-5 of
 * 12-digit mantissas of random digits (the last not 0). Derivation: the run of five equal
 * digits, 0 or 9, can end 1, 2 or 3 digits before the last, so 3 × 2 × 10⁻⁵ less the
 * overlaps; counted over 2,000,000 random mantissas, 5.3e-5 of all, 5.9e-5 of those whose
 * last digit is not 0 (a trailing 0 is dropped, leaving 11 digits, which the check skips).
 * A report's elapsed cells are such values where the time they state is not a short
 * decimal (rates under a transport's windows, queue-dependent round trips): in
 * queues-agents-surge-dctcp.yaml's flows.csv the 15,300 twelve-digit elapsed cells hold runs
 * of four 0s or 9s (and a tail) 5 times and runs of three about 100 times, as random digits do.
 */
export const NOISE_TAIL_CHANCE = 5.9e-5;

/**
 * {@link roundoffCells} without the `elapsed-noise` cells that chance explains: in a file of n
 * twelve-digit elapsed cells, genuine values match {@link NOISE_TAIL} about Poisson(n ×
 * {@link NOISE_TAIL_CHANCE}) times (0.9 expected in queues-agents-surge-dctcp.yaml's
 * flows.csv), so a file's h such cells are kept as round-off only when P(X ≥ h) < `alpha`
 * (1e-3: any one in a file of up to 16 such cells, as every one before; a flows.csv of
 * 15,000 needs 6). A noise tail cannot be told from a genuine value by its digits: flow
 * bulk-6836's mean rate there, 2.61430000017 Gb/s, is its exact rate over its drain
 * (2.614300000174857, the finish within 0.12 ulp of the exact solution of its 7 rate
 * changes; session 43), where round-off of its instants would have to be 1,000 ulps.
 * Round-off that a report makes everywhere (an unrounded difference) still shows in every
 * file where the times are short decimals.
 */
export function roundoffBeyondChance(dir: string, alpha = 1e-3): RoundoffCell[] {
  const { found, elapsed12 } = scan(dir);
  const noiseIn = new Map<string, number>();
  for (const c of found) if (c.kind === "elapsed-noise") noiseIn.set(c.file, (noiseIn.get(c.file) ?? 0) + 1);
  return found.filter((c) => c.kind !== "elapsed-noise" || poissonTail((elapsed12.get(c.file) ?? 0) * NOISE_TAIL_CHANCE, noiseIn.get(c.file) ?? 0) < alpha);
}

/** P(X ≥ h) for X ~ Poisson(lambda), summed from the h-th term up (exact for the small tails tested). */
export function poissonTail(lambda: number, h: number): number {
  if (h <= 0) return 1;
  if (!(lambda > 0)) return 0;
  let logTerm = -lambda;
  for (let i = 1; i <= h; i++) logTerm += Math.log(lambda / i);
  let term = Math.exp(logTerm);
  let sum = 0;
  for (let i = h; term > 1e-18 * sum || i === h; i++) {
    sum += term;
    term *= lambda / (i + 1);
  }
  return Math.min(1, sum);
}

/** The offending cells of every CSV under `dir`, and per file the number of twelve-digit cells of {@link ELAPSED_COLUMNS} (where `elapsed-noise` is looked for). */
function scan(dir: string): { found: RoundoffCell[]; elapsed12: Map<string, number> } {
  const found: RoundoffCell[] = [];
  const elapsed12 = new Map<string, number>();
  for (const file of csvFiles(dir)) {
    const lines = readFileSync(file, "utf8").split("\n");
    const header = lines[0].split(",");
    let n12 = 0;
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
        if (mantissa.length === 12 && ELAPSED_COLUMNS.has(column)) {
          n12++;
          if (NOISE_TAIL.test(mantissa)) hit("elapsed-noise");
        }
      }
    }
    elapsed12.set(file, n12);
  }
  return { found, elapsed12 };
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
