// REPORT: the relative change beyond which the incremental solver reports a flow's rate as moved.

/** A flow's reported rate moves only when its exact rate differs from it by more than this (relative). */
export const REPORT = 1e-13;
