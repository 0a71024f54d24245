// StudyReportData: what a study's page shows — each metric against each swept variable, with its confidence band, per value of the other variables.

/** A metric's statistics at one point (sweep-summary.csv's `<m>_mean`, `_ci95_low`, `_ci95_high`, as numbers; NaN when empty). */
export interface PointStat {
  mean: number;
  low: number;
  high: number;
}

/** One point of the study: its variables' values as written and its metrics. */
export interface StudyPointData {
  point: string;
  values: Record<string, string>;
  nOk: number;
  nFailed: number;
  /** By metric name; `cells` holds the `_mean` cell exactly as sweep-summary.csv writes it. */
  stats: Record<string, PointStat>;
  cells: Record<string, string>;
}

/** Where two lines of a chart swap order between two values of the variable. */
export interface Crossover {
  metric: string;
  variable: string;
  /** The two lines (labels of the other variables' values). */
  lines: [string, string];
  /** Where the means cross (linear interpolation between the two points, numeric variables), or the two values it lies between. */
  at: number | null;
  /** The metric's value where they cross. */
  mean: number;
  between: [string, string];
}

/** Everything a study's page shows. */
export interface StudyReportData {
  name: string;
  /**
   * Swept variables in order, each with its values in point order, whether all are
   * numbers, and the variables tied to it (`zip`: each value of one goes with one value of
   * the other at every point) — a chart against it draws no line per value of those, and
   * a variable tied to an earlier one gets no chart of its own.
   */
  variables: Array<{ name: string; values: string[]; numeric: boolean; tied: string[] }>;
  /** Metrics with a `_mean` column, in sweep-summary.csv's order; `charted` are those drawn. */
  metrics: string[];
  charted: string[];
  points: StudyPointData[];
  crossovers: Crossover[];
  /** Runs in the study (sweep.csv rows) and how many were ok. */
  runs: number;
  ok: number;
}
