// flowBottleneck: the two values a flow's bottleneck takes besides a resource id in the per-flow reports — never drained, bound by its own cap.

/** Bottleneck value of a flow that never drained (zero-size, or still in flight). */
export const NEVER_ACTIVE = -2;
/** Bottleneck value of a flow bound by its own rate cap (as reported by the engine). */
export const CAP_BOUND = -1;
