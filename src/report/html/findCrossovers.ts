// findCrossovers: where two lines of a study chart (a metric against a variable, one line per value of the others) swap order.
import type { Crossover } from "./StudyReportData.js";

/** A line of a study chart: its label and its mean at each x, in the variable's order (NaN where the point is missing). */
export interface StudyLine {
  label: string;
  means: number[];
  /** The other variables' values that make the line (same order on every line of a chart), when there are any. */
  values?: readonly string[];
  /** The 95 % interval at each x (NaN where unknown: one repetition), when the study has them. */
  low?: number[];
  high?: number[];
}

/** Whether the two lines' intervals at x `i` overlap (then their order there is not decided); false when either is unknown. */
function overlap(a: StudyLine, b: StudyLine, i: number): boolean {
  if (!a.low || !a.high || !b.low || !b.high) return false;
  const [al, ah, bl, bh] = [a.low[i], a.high[i], b.low[i], b.high[i]];
  if (![al, ah, bl, bh].every(Number.isFinite)) return false;
  return al <= bh && bl <= ah;
}

/** Whether two lines differ in exactly one of the other variables (or carry no values to compare). */
function oneApart(a: StudyLine, b: StudyLine): boolean {
  if (!a.values || !b.values) return true;
  let apart = 0;
  for (let i = 0; i < a.values.length; i++) if (a.values[i] !== b.values[i]) apart++;
  return apart === 1;
}

/**
 * Every pair of lines whose difference changes sign between two x values where both have a
 * mean and differ (skipping x values where one is missing or where they touch: a touch
 * without a change of order is no crossing). `mean` is the metric where they meet — at the
 * touch if there was one, else where the straight segments cross — and, with numeric `xs`,
 * `at` the variable's value there (else null). Pairs are taken in line order, the
 * crossings of a pair from left to right. Only lines that differ in one other variable are
 * compared: with two or more others, "a=1, b=2 crosses a=3, b=4" mixes two changes and
 * answers no question (the pairs that differ in one variable say which one flips it). An x
 * where the two lines' 95 % intervals overlap does not decide their order and is skipped
 * like a missing point: a crossing is reported only between two x values where the order is
 * decided both times (when intervals are known), not for lines wandering inside each
 * other's noise.
 */
export function findCrossovers(metric: string, variable: string, xs: readonly string[], numeric: boolean, lines: readonly StudyLine[]): Crossover[] {
  const out: Crossover[] = [];
  for (let a = 0; a < lines.length; a++) {
    for (let b = a + 1; b < lines.length; b++) {
      if (!oneApart(lines[a], lines[b])) continue;
      // The last x where the difference was not 0, and the first x since then where it was (a touch).
      let prev = -1;
      let touch = -1;
      for (let i = 0; i < xs.length; i++) {
        const d = lines[a].means[i] - lines[b].means[i];
        if (Number.isNaN(d) || overlap(lines[a], lines[b], i)) continue;
        if (d === 0) {
          if (touch < 0) touch = i;
          continue;
        }
        if (prev >= 0) {
          const d0 = lines[a].means[prev] - lines[b].means[prev];
          if ((d0 < 0) !== (d < 0)) {
            // They meet at the touch if there was one, else where the straight segments cross.
            const t = d0 / (d0 - d);
            const x0 = Number(xs[prev]);
            const x1 = Number(xs[i]);
            const y0 = lines[a].means[prev];
            const at = touch >= 0 ? Number(xs[touch]) : x0 + (x1 - x0) * t;
            const mean = touch >= 0 ? lines[a].means[touch] : y0 + (lines[a].means[i] - y0) * t;
            out.push({ metric, variable, lines: [lines[a].label, lines[b].label], at: numeric ? at : null, mean, between: [xs[prev], xs[i]] });
          }
        }
        prev = i;
        touch = -1;
      }
    }
  }
  return out;
}
