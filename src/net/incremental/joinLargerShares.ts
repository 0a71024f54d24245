// joinLargerShares: held flows of a resource about to saturate whose share is above its level join the fill (both fills share it).
import type { freezeAtLevel, freezeListed } from "./freezeAtLevel.js";
import { join, type joinable } from "./join.js";
import type { joinBottlenecked } from "./joinBottlenecked.js";
import type { SharingState } from "./SharingState.js";
import { TIE } from "./TIE.js";

/** Bit of {@link joinLargerShares}' result: at least one held flow joined the fill. */
export const JOINED = 1;
/** Bit of {@link joinLargerShares}' result: a held flow could not join, so the fill must be redone. */
export const INCOMPLETE = 2;

/**
 * Resource `r` is about to saturate at `level`: every flow on it that is not released and
 * holds a larger share than `level` joins the fill (see fillByScan for why that is exact),
 * through `join` in heap or scan mode. In scan mode the caller keeps `s.scanLive` and
 * `s.scanCapped` current around the call.
 *
 * On the same walk it lists, in list order, the released flows on `r` not yet frozen in this
 * fill, those a failed join has just released among them ({@link SharingState.risingOn}): when
 * no flow joined, `r` saturates and {@link freezeListed} freezes exactly the flows
 * {@link freezeAtLevel} would, in the same order, without walking the list again. No flow on `r`
 * is released or frozen between the two: freezing one lets only held flows join
 * ({@link joinBottlenecked}), and none that crosses `r`, which has saturated ({@link joinable}).
 *
 * @returns {@link JOINED} and/or {@link INCOMPLETE}, or 0.
 */
export function joinLargerShares(s: SharingState, r: number, level: number, fe: number, heap: boolean): number {
  const { slotNum, slotInt, frozenIn, risingOn } = s;
  const list = s.lists.slot;
  const epoch = s.epoch;
  const end = s.lists.span[r << 1] + s.lists.span[(r << 1) | 1];
  let result = 0;
  let n = 0;
  for (let e = s.lists.span[r << 1]; e < end; e++) {
    const g = list[e];
    if (slotInt[(g << 3) | 4] === epoch) {
      if (frozenIn[g] !== fe) risingOn[n++] = g;
      continue;
    }
    const x = slotNum[g << 2] / slotNum[(g << 2) | 1];
    if (x <= level + TIE * x) continue;
    if (join(s, g, fe, heap)) result |= JOINED;
    else {
      // Released for the next round: freezeAtLevel would meet it here, released and not frozen.
      result |= INCOMPLETE;
      risingOn[n++] = g;
    }
  }
  s.risingOnCount = n;
  return result;
}
