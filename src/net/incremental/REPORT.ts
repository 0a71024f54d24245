// REPORT: the relative change below which a sharing engine does not report a flow's rate as changed.

/** A flow's reported rate moves only when its exact rate differs from it by more than this (relative); both engines use it. */
export const REPORT = 1e-13;
