// reportedRateMoved: whether a sharing engine reports a flow's rate as changed — the one rule both engines use, so they report the same bottlenecks.

/** A flow's reported rate moves only when its exact rate differs from it by more than this (relative). */
const REPORT = 1e-13;

/**
 * Whether a flow whose reported rate is `old` (bytes/s) has moved to `rate`: by more than 1e-13
 * relative, or to or from 0. Below that the engine keeps reporting `old` and hands FlowNetwork no
 * new bottleneck, so round-off in a re-solve changes no report ({@link IncrementalSharing} and
 * {@link FullSharing} both ask this).
 */
export function reportedRateMoved(old: number, rate: number): boolean {
  return Math.abs(rate - old) > REPORT * Math.max(rate, old) || (rate === 0) !== (old === 0);
}
