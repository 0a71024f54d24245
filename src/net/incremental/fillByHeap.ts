// fillByHeap: progressive filling of the released flows with every saturation level in an indexed heap.
import { freeze } from "./freeze.js";
import { freezeAtLevel, freezeListed } from "./freezeAtLevel.js";
import { INCOMPLETE, JOINED, joinLargerShares } from "./joinLargerShares.js";
import type { SharingState } from "./SharingState.js";

/**
 * The filling proper for large released sets: the resources `s.filled[0 … filledCount)`
 * and the capped released flows wait in a heap keyed by the level at which they
 * saturate, O((flows + resources) · log). Held flows that must give way join the fill as
 * in {@link fillByScan}.
 *
 * @returns false when the fill must be redone with the enlarged released set.
 */
export function fillByHeap(s: SharingState, filledCount: number, fe: number): boolean {
  const { heap, frozenIn, slotNum, cap, handle, fillNum } = s;
  let complete = true;
  s.joinMode = 2;
  s.heapFill = true;
  const R = s.resourceCount;
  heap.clear();
  for (let i = 0; i < filledCount; i++) {
    const r = s.filled[i];
    handle[r] = heap.push(Math.max(0, fillNum[r << 3]) / fillNum[(r << 3) | 1], r);
  }
  for (let i = 0; i < s.releasedCount; i++) {
    const f = s.released[i];
    if (cap[f] < Infinity) heap.push(cap[f] / slotNum[(f << 2) | 1], R + f);
  }
  while (heap.size > 0) {
    const level = heap.peekTime();
    const id = heap.pop();
    if (id >= R) {
      const f = id - R;
      if (frozenIn[f] !== fe) freeze(s, f, cap[f], -1, fe);
      continue;
    }
    handle[id] = -1;
    // Whether joinLargerShares walked id's list, listing the flows to freeze there (s.risingOn).
    const listed = complete;
    if (complete) {
      // As in fillByScan: held flows with a larger share than this level join the fill.
      const joined = joinLargerShares(s, id, level, fe, true);
      if (joined & INCOMPLETE) {
        complete = false;
        s.joinMode = 0;
      }
      // `id` gained the joined flows: it is back in the heap at its new, higher level.
      if (joined & JOINED) continue;
    }
    s.fillInt[(id << 4) | 13] = fe;
    if (listed) freezeListed(s, id, level, fe);
    else freezeAtLevel(s, id, level, fe);
  }
  s.joinMode = 0;
  s.heapFill = false;
  return complete;
}
