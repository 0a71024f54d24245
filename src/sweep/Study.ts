// Study: the types of a parameter study (the `sweep` block of a scenario file) and of its expansion.

/** A value a swept variable may take, as written in the study file. */
export type SweepValue = string | number | boolean;

/** An inclusive numeric range `{ from, to, step }`: from, from + step, … up to and including `to`. */
export interface SweepRange {
  from: number;
  to: number;
  /** Distance between consecutive values, > 0. */
  step: number;
}

/**
 * A `sweep` block as written in a scenario file (already parsed from YAML/JSON, validated
 * by `parseSweep`).
 */
export interface SweepSpec {
  /** Each variable's values (a list or an inclusive range), in declaration order. */
  vars: Record<string, SweepValue[] | SweepRange>;
  /** Groups of variables that vary together (equal lengths) instead of being crossed. */
  zip: string[][];
  /** A boolean expression over the variables; points where it is false are dropped. */
  where?: string;
  /** Replications of every point, ≥ 1 (default 1). */
  repeat: number;
  /**
   * Metrics recorded for every run besides summary.csv's, by the names compare.csv uses
   * (report/html/runMetrics): `cost_<item>_usd`, `tier_share:<tier>`,
   * `<workload>:<metric>_mean|_p50|_p99`. Default none.
   */
  metrics?: string[];
}

/** One combination of variable values that survived `where`. */
export interface StudyPoint {
  /** Position among the points kept, from 0. */
  index: number;
  /** The value of every variable, keys in declaration order. */
  values: Record<string, SweepValue>;
}

/** One simulation to run: a point at one repetition. */
export interface StudyRun {
  /** Stable id such as `p03-r7` (see `expandStudy` for the padding rule). */
  runId: string;
  /** Index of the point. */
  point: number;
  /** Replication number, from 0. */
  repetition: number;
  /** The run's seed: the same for every point of one repetition (common random numbers). */
  seed: number;
  /** The point's values (shared with the point, do not mutate). */
  values: Record<string, SweepValue>;
}
