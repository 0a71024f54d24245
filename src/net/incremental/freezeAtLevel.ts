// freezeAtLevel: a saturated resource fixes the rate of every released flow on it still rising (both fills share it).
import { freeze } from "./freeze.js";
import type { joinLargerShares } from "./joinLargerShares.js";
import type { SharingState } from "./SharingState.js";

/** Freeze every released, not yet frozen flow on resource `r` at weight × `level`, bound by `r`. */
export function freezeAtLevel(s: SharingState, r: number, level: number, fe: number): void {
  const { slotNum, slotInt, frozenIn } = s;
  const list = s.lists.slot;
  const epoch = s.epoch;
  const end = s.lists.span[r << 1] + s.lists.span[(r << 1) | 1];
  for (let e = s.lists.span[r << 1]; e < end; e++) {
    const g = list[e];
    if (slotInt[(g << 3) | 4] === epoch && frozenIn[g] !== fe) freeze(s, g, slotNum[(g << 2) | 1] * level, r, fe);
  }
}

/**
 * Freeze the flows {@link joinLargerShares} listed on resource `r` ({@link SharingState.risingOn}) at weight ×
 * `level`, bound by `r`, in their order: what {@link freezeAtLevel} does when the walk that listed them joined no
 * flow (see there).
 */
export function freezeListed(s: SharingState, r: number, level: number, fe: number): void {
  const { slotNum, risingOn } = s;
  for (let i = 0, n = s.risingOnCount; i < n; i++) {
    const g = risingOn[i];
    freeze(s, g, slotNum[(g << 2) | 1] * level, r, fe);
  }
}
