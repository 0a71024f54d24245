// capMove: a cap change of a flow bound by its cap, applied in place when the re-fill it would ask for provably moves that flow alone.
import { saturatedShare } from "../saturatedShare.js";
import { CLEAR } from "./checkTouched.js";
import type { SharingState } from "./SharingState.js";
import { TIE } from "./TIE.js";

/**
 * Set flow f's rate to its new cap `capBps` in place, with no solve, when that is exactly what
 * the next solve would do; returns false, changing nothing, otherwise. The caller has stored the
 * cap and found f active, not pending, bound by its cap (witness -1) and the cap changed.
 *
 * ## When (each tested in one walk of each resource's list on f's route)
 *
 *  1. no resource on f's route is dirty (changed since the last solve) and none is the
 *     bottleneck witness of any flow (its bound count is 0), and f is on each list once;
 *  2. for every resource r on the route, `capBps / w < max(0, c_r − F_r) / w`, where F_r is the
 *     rates of r's other flows summed in list order (fixedLoad's sum with f released) and w f's
 *     weight: the cap is strictly below every level at which the re-fill would start;
 *  3. on every r the check would walk (see below), its load is not above its capacity by more
 *     than {@link TIE} (the check's overload test).
 *
 * ## Why the result is what the solve would give, bit for bit
 *
 * The solve this change asks for, with nothing else changed, releases f alone: the dirty
 * resources are f's route (1), and a solve releases there only the flows bound at them — none.
 * The fill (fillByScan: f's route, so few resources) starts each r at residual c_r − F_r and
 * unfrozen weight 0 + w = w, so at level max(0, c_r − F_r)/w; the cap's level wins over the
 * lowest of them only when strictly below it (2), and f freezes at exactly `capBps` with witness
 * -1. Nothing joins: no resource saturated in the fill, and a flow frozen below its former rate
 * lets only held flows bound on its route join (none, 1). The check then looks at each r of the
 * route (each is dirty, so marked): with no flow bound there it can only find r
 * overloaded (3 excludes it: that would release r's flows and start a second round) or set
 * r's largest share when saturated — `topShare` −1 without a walk when the fill's residual
 * (c_r − F_r) − capBps is above CLEAR·c_r, else saturatedShare of the load summed in list order
 * with f at its new rate. That is the whole solve: no other flow's rate or witness moves, f's
 * rate becomes `capBps`, each r's `topShare` and recheck mark are set as the check sets them;
 * the next solve reports f's rate as that solve's report would. The floats above are computed
 * by the same operations in the same order as the fill and the check, so the decisions and
 * values are equal, not merely close.
 *
 * That the allocation is max-min (Bertsekas & Gallager's (F) and (B), as in IncrementalSharing):
 * f is at its cap; every other flow is at its cap or has a witness off f's route (1), whose
 * capacity, flows and rates are unchanged; on f's route, the load is below the capacity (2:
 * `capBps` < c_r − F_r), or, lowering, no more than before.
 *
 * On the k=16 20,000-flow tcp run it takes 5,978 of the 38,566 cap changes that asked for a
 * solve (session 51, bench/ns3/README.md: the engine's work it spares is about what it costs).
 */
export function capMove(s: SharingState, f: number, capBps: number): boolean {
  const { slotNum, slotInt, routePool, fillNum, fillInt, resDirty } = s;
  const w = slotNum[(f << 2) | 1];
  const capLevel = capBps / w;
  // No cap (a route of no resources would get it): the fill would leave f unfrozen.
  if (!(capLevel < Infinity)) return false;
  const start = slotInt[(f << 3) | 6];
  const len = slotInt[(f << 3) | 7];
  for (let k = start; k < start + len; k++) {
    const r = routePool[k];
    if (resDirty[r] !== 0 || fillInt[(r << 4) | 15] !== 0) return false;
  }
  if (s.capMoveTop.length < len) s.capMoveTop = new Float64Array(Math.max(len, 2 * s.capMoveTop.length));
  const top = s.capMoveTop;
  const list = s.lists.slot;
  for (let k = 0; k < len; k++) {
    const r = routePool[start + k];
    const base = s.lists.span[r << 1];
    const end = base + s.lists.span[(r << 1) | 1];
    // F_r: fixedLoad's sum with f released (f's entries counted, to find it once).
    let others = 0;
    let mine = 0;
    for (let e = base; e < end; e++) {
      const g = list[e];
      if (g === f) mine++;
      else others += slotNum[g << 2];
    }
    if (mine !== 1) return false;
    const c = fillNum[(r << 3) | 2];
    const res = c - others;
    if (!(capLevel < (res > 0 ? res : 0) / w)) return false;
    if (res - capBps > CLEAR * c) {
      top[k] = -1;
      continue;
    }
    // The check's walk: the load with f at its new rate and the largest share, in list order.
    let load = 0;
    let maxShare = 0;
    for (let e = base; e < end; e++) {
      const g = list[e];
      const rate = g === f ? capBps : slotNum[g << 2];
      load += rate;
      const x = rate / slotNum[(g << 2) | 1];
      if (x > maxShare) maxShare = x;
    }
    if (load > c + TIE * (c > load ? c : load)) return false;
    top[k] = saturatedShare(load, c, maxShare);
  }
  slotNum[f << 2] = capBps;
  for (let k = 0; k < len; k++) {
    const r = routePool[start + k];
    s.topShare[r << 3] = top[k];
    s.recheck[r] = 0;
  }
  if (s.capMovedMark[f] === 0) {
    s.capMovedMark[f] = 1;
    s.capMoved[s.capMovedCount++] = f;
  }
  s.stats.capMoves++;
  return true;
}
