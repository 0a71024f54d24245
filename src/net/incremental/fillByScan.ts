// fillByScan: progressive filling of a few released flows, finding the next saturation by a linear scan.
import { freeze } from "./freeze.js";
import { freezeAtLevel } from "./freezeAtLevel.js";
import type { joinable } from "./join.js";
import type { joinBottlenecked } from "./joinBottlenecked.js";
import { INCOMPLETE, JOINED, joinLargerShares } from "./joinLargerShares.js";
import type { SharingState } from "./SharingState.js";

/**
 * The same filling as {@link fillByHeap} for small released sets, finding the lowest
 * level by a linear scan over the resources still in play (`s.filled[0 … live)`, their
 * levels at the same positions in `s.scanLevel`, read straight through; a resource none of
 * whose flows is unfrozen any more leaves the list when the scan meets it, so later scans
 * skip it): O(bottlenecks · resources) but no heap traffic, which is faster when both are a
 * few dozen.
 *
 * It also releases, during the fill, the not-released flows that must give way: when
 * resource r is about to saturate at level λ and a flow g held fixed on r has a larger
 * share, g joins the fill as if it had been released from the start. That is exact as
 * long as no resource on g's route has saturated yet in this fill: below λ, g rising
 * with the others consumes less on its resources than g held at its larger share did,
 * so none of them would have saturated earlier, and every other resource is unaffected.
 * That needs g's resources not to be overloaded by their held flows from the start either
 * ({@link joinable}: only a lowered capacity can do that), or the fill would go back
 * below λ on them. Otherwise g is released for the next round and the fill reports that
 * it must restart. A released flow frozen below its former rate makes held flows
 * bottlenecked on its route join in the same way ({@link joinBottlenecked}).
 *
 * @returns false when the fill must be redone with the enlarged released set.
 */
export function fillByScan(s: SharingState, filledCount: number, fe: number): boolean {
  const { frozenIn, weight, cap, residual, weightSum, unfrozen, filled, scanLevel, scanPos, popped, inScan } = s;
  for (let i = 0; i < filledCount; i++) {
    const r = filled[i];
    const res = residual[r];
    scanLevel[i] = (res > 0 ? res : 0) / weightSum[r];
    scanPos[r] = i;
    inScan[r] = fe;
  }
  let live = filledCount;
  let capped = 0;
  const cappedFlows = s.cappedScratch;
  for (let i = 0; i < s.releasedCount; i++) {
    const f = s.released[i];
    if (cap[f] < Infinity) cappedFlows[capped++] = f;
  }
  let complete = true;
  s.joinMode = 1;
  for (;;) {
    let bestAt = -1;
    let bestLevel = Infinity;
    for (let i = 0; i < live; i++) {
      const level = scanLevel[i];
      if (level < bestLevel) {
        bestLevel = level;
        bestAt = i;
      } else if (level === Infinity && unfrozen[filled[i]] === 0) {
        // Every flow on it froze elsewhere: out of play, the last entry takes its place (and is looked at next).
        inScan[filled[i]] = 0;
        const moved = filled[--live];
        filled[i] = moved;
        scanLevel[i] = scanLevel[live];
        scanPos[moved] = i;
        i--;
      }
    }
    const best = bestAt < 0 ? -1 : filled[bestAt];
    let bestCapped = -1;
    for (let i = 0; i < capped; i++) {
      const f = cappedFlows[i];
      if (frozenIn[f] === fe) {
        cappedFlows[i--] = cappedFlows[--capped];
        continue;
      }
      const level = cap[f] / weight[f];
      if (level < bestLevel) {
        bestLevel = level;
        bestCapped = f;
      }
    }
    if (bestCapped >= 0) {
      s.scanLive = live;
      s.scanCapped = capped;
      freeze(s, bestCapped, cap[bestCapped], -1, fe);
      live = s.scanLive;
      capped = s.scanCapped;
      continue;
    }
    if (best < 0) break;
    if (complete) {
      // Flows held fixed on `best` with a larger share than its level must give way.
      s.scanLive = live;
      s.scanCapped = capped;
      const joined = joinLargerShares(s, best, bestLevel, fe, false);
      live = s.scanLive;
      capped = s.scanCapped;
      if (joined & INCOMPLETE) {
        complete = false;
        s.joinMode = 0;
      }
      if (joined & JOINED) continue;
    }
    popped[best] = fe;
    s.scanLive = live;
    s.scanCapped = capped;
    freezeAtLevel(s, best, bestLevel, fe);
    live = s.scanLive;
    capped = s.scanCapped;
  }
  s.joinMode = 0;
  return complete;
}
