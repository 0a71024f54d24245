// fillByScan: progressive filling of a few released flows, finding the next saturation by a linear scan.
import { freeze } from "./freeze.js";
import { freezeAtLevel, freezeListed } from "./freezeAtLevel.js";
import type { joinable } from "./join.js";
import type { joinBottlenecked } from "./joinBottlenecked.js";
import { INCOMPLETE, JOINED, joinLargerShares } from "./joinLargerShares.js";
import { dropNear, lowestLevel } from "./lowestLevel.js";
import type { SharingState } from "./SharingState.js";

/**
 * The same filling as {@link fillByHeap} for small released sets, finding the lowest
 * level among the resources still in play (`s.filled[0 … live)`, their levels at the same
 * positions in `s.scanLevel`; a resource none of whose flows is unfrozen any more leaves
 * the list at the next search) by {@link lowestLevel}: a linear scan, read straight
 * through, that also lists the resources near the lowest level, so the searches that follow
 * read only those while the lowest stays below their bound. No heap traffic, which is
 * faster when bottlenecks and resources are a few dozen.
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
 * The last search of a fill, which found every level Infinity and took every resource out
 * of play, is not made: once `s.rising` is 0 the search is skipped and answers -1. Proof:
 * `fillInt[(r << 4) | 9]` counts the released flows that fillByScan started with or that joined on r,
 * less those that froze, and each of those flows crosses r, so it is counted in `s.rising`
 * (which also counts the flows a join could not take and released for the next round, and
 * loses each counted flow when it freezes — freeze meets a flow once a fill, and a flow with
 * no resource was never counted). So at 0 every resource in play has no unfrozen flow; its
 * level was set to Infinity by the freeze that took its last one (it entered the fill with
 * one, and only a join, which adds one, sets a finite level since), and the search would
 * find no level below Infinity: -1, as it answers now. What the search would also have done
 * — take every resource out of play, and empty the near and died lists — changes nothing
 * read afterwards: the arrangement (`filled`, `scanLevel`, `scanPos`, `s.scanLive`) and the
 * lists are read only within this fill, where no search follows, and the `inScan` marks left
 * at this fill's epoch never match a later fill's. The capped flows are still looked at.
 *
 * @returns false when the fill must be redone with the enlarged released set.
 */
export function fillByScan(s: SharingState, filledCount: number, fe: number): boolean {
  const { frozenIn, slotNum, cap, filled, scanLevel, fillNum, fillInt } = s;
  for (let i = 0; i < filledCount; i++) {
    const r = filled[i];
    const res = fillNum[r << 3];
    scanLevel[i] = (res > 0 ? res : 0) / fillNum[(r << 3) | 1];
    fillInt[(r << 4) | 11] = i;
    fillInt[(r << 4) | 10] = fe;
  }
  let live = filledCount;
  dropNear(s);
  s.clearDied();
  let capped = 0;
  const cappedFlows = s.cappedScratch;
  let rising = 0;
  for (let i = 0; i < s.releasedCount; i++) {
    const f = s.released[i];
    if (cap[f] < Infinity) cappedFlows[capped++] = f;
    if (s.slotInt[(f << 3) | 7] > 0) rising++;
  }
  s.rising = rising;
  let complete = true;
  s.joinMode = 1;
  for (;;) {
    // The lowest level (the first among ties), the resources whose flows all froze taken out
    // first; none once no released flow on a resource is rising (see below).
    let bestAt = -1;
    if (s.rising !== 0) {
      bestAt = lowestLevel(s, live, fe);
      live = s.scanLive;
    }
    let bestLevel = bestAt < 0 ? Infinity : scanLevel[bestAt];
    const best = bestAt < 0 ? -1 : filled[bestAt];
    let bestCapped = -1;
    for (let i = 0; i < capped; i++) {
      const f = cappedFlows[i];
      if (frozenIn[f] === fe) {
        cappedFlows[i--] = cappedFlows[--capped];
        continue;
      }
      const level = cap[f] / slotNum[(f << 2) | 1];
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
    // Whether joinLargerShares walked best's list, listing the flows to freeze there (s.risingOn).
    const listed = complete;
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
    fillInt[(best << 4) | 13] = fe;
    s.scanLive = live;
    s.scanCapped = capped;
    if (listed) freezeListed(s, best, bestLevel, fe);
    else freezeAtLevel(s, best, bestLevel, fe);
    live = s.scanLive;
    capped = s.scanCapped;
  }
  s.joinMode = 0;
  return complete;
}
