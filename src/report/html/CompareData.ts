// CompareData: what a comparison page and compare.csv hold — the runs, every metric of each against the first, and the targets.
import type { Target } from "./parseTargets.js";
import type { RunReportData } from "./RunReportData.js";

/** One row of compare.csv: a metric of a run, against the first run. */
export interface CompareRow {
  metric: string;
  /** The run's label (its scenario name, or its directory's name when names repeat). */
  run: string;
  dir: string;
  seed: number;
  /** The cell as the run's CSV writes it ("" when the run lacks the metric). */
  cell: string;
  value: number;
  /** value − the first run's value. */
  diff: number;
  /** value ÷ the first run's value (NaN when that is 0). */
  ratio: number;
  /** `diff` when the run has the first run's seed (a paired difference: the same random streams), else NaN. */
  pairedDiff: number;
  /** The target on this metric, if any, and whether the run meets it. */
  target?: string;
  meets?: boolean;
}

/** A compared run. */
export interface ComparedRun {
  label: string;
  dir: string;
  seed: number;
  report: RunReportData;
}

/** Everything a comparison shows. */
export interface CompareData {
  runs: ComparedRun[];
  /** Metric names in order (the first run's, then any others'). */
  metrics: string[];
  rows: CompareRow[];
  targets: Target[];
  /** The verdict, in sentences built from the rows. */
  sentences: string[];
}
