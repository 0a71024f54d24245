// Granularity: how finely a ring collective is decomposed into flows (one per step, or one per ring edge).

/**
 * `step`: one flow per ring step with the real data dependency (exact, 2(n−1)·n flows for
 * an all-reduce). `pipelined`: one flow per ring edge carrying all of its steps' bytes,
 * delayed by the steps' extra latencies (n flows; equal to `step` under symmetric load).
 */
export type Granularity = "step" | "pipelined";

/** The granularities, in the order the schema lists them. */
export const GRANULARITIES = ["step", "pipelined"] as const;
