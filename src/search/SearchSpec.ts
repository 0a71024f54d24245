// SearchSpec: the `search` block of a study file — targets, the metric to minimise, monotone variables, the simulation budget.

/** A target on one metric: a design meets it when the metric's mean over its replications satisfies `mean op bound`. */
export interface SearchTarget {
  /** A run metric as compare.csv names it (summary.csv's columns, `cost_<item>_usd`, `tier_share:<tier>`, `<workload>:<metric>_p99`, …). */
  metric: string;
  op: "<=" | "<" | ">=" | ">";
  bound: number;
  /** As written, normalised: `gpu_utilization>=0.9`. */
  text: string;
}

/** How a variable orders designs: `up` when a larger value means more resources (every target no worse, cost no lower), `down` when a smaller one does. */
export type Monotone = "up" | "down";

/** A validated `search` block (see parseSearch). */
export interface SearchSpec {
  /** What a design must meet, every one of them. */
  targets: SearchTarget[];
  /** The metric to minimise among the designs that meet the targets (a cost, e.g. `cost_total_usd`). */
  minimize: string;
  /** Variables declared monotone, in the study's declaration order. */
  monotone: Record<string, Monotone>;
  /** Most simulations the search may run (default: the full grid, points × repeat). */
  budget?: number;
}
