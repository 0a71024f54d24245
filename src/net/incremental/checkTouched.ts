// checkTouched: check the touched resources that changed since their last check, and release the flows that break max-min there.
import { saturatedShare } from "../saturatedShare.js";
import type { ResourceLists } from "./ResourceLists.js";
import type { SharingState } from "./SharingState.js";
import { TIE } from "./TIE.js";

/** A filled resource whose residual exceeds this fraction of its capacity is unsaturated whatever the round-off (see {@link checkTouched}). */
const CLEAR = 2 ** -20;

/**
 * Check every touched resource r marked for recheck, and release every held flow on r
 * that violates feasibility (F) or the bottleneck condition (B) there: all of them if r
 * is overloaded; those with bottleneck r if r is not saturated or if some flow on r has
 * a larger share (they could gain); and those whose share is larger than that of a flow
 * with bottleneck r (they must give way). Returns how many flows it released. Each checked
 * resource's {@link SharingState.topShare} is set on the way (for the reported bottleneck).
 *
 * ## Resources the last fill left clearly unsaturated: no walk of their flows
 *
 * Most checked resources were filled (crossed by a released flow) but did not saturate:
 * their released flows froze elsewhere. When no flow has r as its bottleneck witness
 * (`fillInt[(r << 4) | 15]` = 0), the walk below can only find that r is overloaded (release every
 * held flow), saturated (`topShare[r << 3]` = the largest share) or neither (`topShare[r << 3]` = -1,
 * nothing released); it decides by the load L_f, the float sum of r's rates in list order,
 * against t = fl(c − fl(TIE·c)). The fill's own `fillNum[r << 3]` tells the third case without
 * the walk when it exceeds {@link CLEAR}·c, r was filled in the fill just made (complete,
 * since a check follows only such a fill), its capacity was not lowered since the last
 * solve (the lowered stamp, `fillInt[(r << 4) | 14]`); its list holds n ≤ 2²⁶ entries, as every list does
 * ({@link ResourceLists} refuses more, so the short path need not ask). Proof: in a complete fill every
 * released flow on r froze (or ended at rate 0) and was subtracted from `fillNum[r << 3]`, which
 * started as c − F (F: the held flows' rates summed, when r entered the fill) and got back
 * the former rate of each held flow that joined later; so in exact arithmetic
 * `fillNum[r << 3]` = c − L, L the exact sum of r's final rates. Each list entry contributes at
 * most one term to F, one addition (its join) and one subtraction (its freeze): at most 3n + 1
 * roundings, each off by at most u = 2⁻⁵³ of a partial result whose size is at most
 * A = c + F + (rates added back) + (rates subtracted) ≤ c + 2·L₀ + L, where L₀, the sum of
 * the former rates of r's flows, is at most the previous allocation's load on r: at most
 * (1 + 2⁻³⁰)·c (that allocation was feasible within TIE, the invariant the whole engine rests
 * on, and c did not fall since). With k = (3n + 1)·u < 2⁻²⁵ and `fillNum[r << 3]` > 2⁻²⁰·c:
 * c − L ≥ 2⁻²⁰·c − k·(3.01·c + L), so L < c·(1 − 2⁻²¹); the list-order float sum is within
 * n·u·L of L, so L_f < c·(1 − 2⁻²²) < t (t ≥ c·(1 − 10⁻¹² − 2⁻⁵²)). Hence the walk would find
 * r neither overloaded nor saturated, with no flow bound there: topShare −1, nothing released
 * — which is what the short path does.
 */
export function checkTouched(s: SharingState): number {
  const before = s.releasedCount;
  const { slotNum, slotInt } = s;
  const list = s.lists.slot;
  const epoch = s.epoch;
  const fe = s.fillEpoch;
  const { topShare, fillNum, fillInt } = s;
  const span = s.lists.span;
  const { touched, recheck } = s;
  const touchedNow = s.touchedCount;
  const fellNow = s.fellNow;
  let checked = 0;
  for (let i = 0; i < touchedNow; i++) {
    const r = touched[i];
    // Unchanged since it was last found valid (or since the previous solve): skip.
    if (recheck[r] === 0) continue;
    recheck[r] = 0;
    checked++;
    // Left clearly unsaturated by the fill, with no flow bound there: nothing to find (see above).
    if (fillInt[(r << 4) | 15] === 0 && fillInt[(r << 4) | 8] === fe && fillNum[r << 3] > CLEAR * fillNum[(r << 3) | 2] && (!fellNow || fillInt[(r << 4) | 14] !== epoch)) {
      topShare[r << 3] = -1;
      continue;
    }
    const base = span[r << 1];
    const end = base + span[(r << 1) | 1];
    let load = 0;
    let maxShare = 0;
    let minBottleneckShare = Infinity;
    for (let e = base; e < end; e++) {
      const g = list[e];
      const x = slotNum[g << 2] / slotNum[(g << 2) | 1];
      load += slotNum[g << 2];
      if (x > maxShare) maxShare = x;
      if (slotInt[(g << 3) | 5] === r && x < minBottleneckShare) minBottleneckShare = x;
    }
    const c = fillNum[(r << 3) | 2];
    topShare[r << 3] = saturatedShare(load, c, maxShare);
    const slack = TIE * (c > load ? c : load);
    if (load > c + slack) {
      for (let e = base; e < end; e++) {
        const g = list[e];
        if (slotInt[(g << 3) | 4] !== epoch) s.release(g);
      }
      continue;
    }
    if (minBottleneckShare === Infinity) continue;
    const shareSlack = TIE * maxShare;
    if (load < c - slack) {
      for (let e = base; e < end; e++) {
        const g = list[e];
        if (slotInt[(g << 3) | 5] === r && slotInt[(g << 3) | 4] !== epoch) s.release(g);
      }
      continue;
    }
    if (maxShare - minBottleneckShare <= shareSlack) continue;
    for (let e = base; e < end; e++) {
      const g = list[e];
      if (slotInt[(g << 3) | 4] === epoch) continue;
      const x = slotNum[g << 2] / slotNum[(g << 2) | 1];
      if (x > minBottleneckShare + shareSlack) s.release(g);
      else if (slotInt[(g << 3) | 5] === r && x < maxShare - shareSlack) s.release(g);
    }
  }
  s.stats.checkedResources += checked;
  return s.releasedCount - before;
}
