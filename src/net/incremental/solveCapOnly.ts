// solveCapOnly: the solve of a lone cap change that moves only its own flow, found without a fill — the same allocation, bit for bit, that refill and checkTouched would find.
import { saturatedShare } from "../saturatedShare.js";
import { CLEAR, MAX_LIST } from "./checkTouched.js";
import { REPORT } from "./REPORT.js";
import type { SharingState } from "./SharingState.js";
import { TIE } from "./TIE.js";

/** Each route resource's `topShare` as the check would set it, kept until the case is known to hold. */
let tops = new Float64Array(16);

/**
 * The next solve when the only change since the last one is flow slot `f`'s new cap
 * (`IncrementalSharing.setFlowCap` made it pending and marked its route dirty, nothing else),
 * in the case where that solve moves no other flow and needs no fill: `f` is at its cap (no
 * bottleneck witness), no flow is bound at any resource of its route, its route has no repeated
 * resource, and under the new cap every resource of the route keeps room. Returns how many flows
 * changed (0 or 1, `f` in `s.changed[0]`), or -1 — with nothing in `s` changed — when the case
 * does not hold and the ordinary solve must run.
 *
 * What the ordinary solve does in this case, step by step (the proof that this is the same):
 * its dirty loop releases no flow (none is bound on the route) and sets `recheck` on the route;
 * `f` is released alone, so no full solve (1 ≤ `fullFraction` × active flows); refill gives each
 * route resource r the residual c_r − F_r (F_r: the other flows' rates summed in list order, as
 * `fixedLoad`) and the weight w of `f` alone, so fillByScan's level there is max(c_r − F_r, 0)/w;
 * when the cap's level cap/w is below every one of them (the case), the capped flow freezes
 * first, at exactly its cap with bottleneck -1, leaving c_r − F_r − cap on each r, joining no held
 * flow (none is bound on the route), and the fill ends complete. The check then visits each route
 * resource: with no flow bound there it either takes the short path (`topShare` −1) or walks the
 * list, summing the rates in list order with `f`'s new one; it releases nothing unless r is
 * overloaded (not the case: checked here before anything is written), and it clears `recheck`.
 * The solve reports `f` if its rate moved beyond round-off. Every expression here is the one
 * those steps evaluate, on the same operands in the same order, so the rates, `topShare`,
 * `recheck`, the bottlenecks and the report are identical; the solve's epochs, stamps and fill
 * lists are per-solve scratch that no later solve reads without renewing. Only the work
 * counters differ (`stats.capOnly` counts these).
 */
export function solveCapOnly(s: SharingState, f: number, fullFraction: number): number {
  if (1 > fullFraction * s.activeCount || s.slotInt[8 * f + 5] !== -1) return -1;
  const c = s.cap[f];
  const w = s.slotNum[4 * f + 1];
  const capLevel = c / w;
  if (!(capLevel < Infinity)) return -1;
  const { slotNum, routePool, boundCount, capacity, fell } = s;
  const list = s.lists.slot;
  const span = s.lists.span;
  const start = s.slotInt[8 * f + 6];
  const len = s.slotInt[8 * f + 7];
  if (len > 4096 || s.dirtyCount !== len || s.pendingCount !== 1 || s.pending[0] !== f) return -1;
  if (tops.length < len) tops = new Float64Array(2 * len);
  for (let k = 0; k < len; k++) {
    const r = routePool[start + k];
    if (boundCount[r] !== 0 || fell[r] !== 0) return -1;
    for (let j = 0; j < k; j++) if (routePool[start + j] === r) return -1;
    const base = span[2 * r];
    const end = base + span[2 * r + 1];
    // refill's residual (capacity minus fixedLoad, f released) and fillByScan's level for f alone.
    let used = 0;
    for (let e = base; e < end; e++) {
      const g = list[e];
      if (g !== f) used += slotNum[4 * g];
    }
    const res = capacity[r] - used;
    const level = (res > 0 ? res : 0) / w;
    if (!(capLevel < level)) return -1;
    // checkTouched after the freeze at the cap: the short path, or the walk with f's new rate.
    const cr = capacity[r];
    if (res - c > CLEAR * cr && span[2 * r + 1] < MAX_LIST) {
      tops[k] = -1;
      continue;
    }
    let load = 0;
    let maxShare = 0;
    for (let e = base; e < end; e++) {
      const g = list[e];
      const xg = g === f ? c : slotNum[4 * g];
      const x = xg / slotNum[4 * g + 1];
      load += xg;
      if (x > maxShare) maxShare = x;
    }
    if (load > cr + TIE * (cr > load ? cr : load)) return -1;
    tops[k] = saturatedShare(load, cr, maxShare);
  }
  // The case holds: write what the solve would have left.
  for (let k = 0; k < len; k++) {
    const r = routePool[start + k];
    s.resDirty[r] = 0;
    s.recheck[r] = 0;
    s.topShare[r] = tops[k];
  }
  s.dirtyCount = 0;
  s.pendingMark[f] = 0;
  s.pendingCount = 0;
  slotNum[4 * f] = c;
  s.stats.capOnly++;
  const old = s.reported[f];
  if (Math.abs(c - old) > REPORT * Math.max(c, old) || (c === 0) !== (old === 0)) {
    s.reported[f] = c;
    s.changedSlots[0] = f;
    s.changed[0] = s.idOf[f];
    return 1;
  }
  return 0;
}
