// checkTouched: check the touched resources that changed since their last check, and release the flows that break max-min there.
import { saturatedShare } from "../saturatedShare.js";
import type { SharingState } from "./SharingState.js";
import { TIE } from "./TIE.js";

/**
 * Check every touched resource r marked for recheck, and release every held flow on r
 * that violates feasibility (F) or the bottleneck condition (B) there: all of them if r
 * is overloaded; those with bottleneck r if r is not saturated or if some flow on r has
 * a larger share (they could gain); and those whose share is larger than that of a flow
 * with bottleneck r (they must give way). Returns how many flows it released. Each checked
 * resource's {@link SharingState.topShare} is set on the way (for the reported bottleneck).
 */
export function checkTouched(s: SharingState): number {
  const before = s.releasedCount;
  const { rate, weight, bneck, releasedIn } = s;
  const list = s.lists.slot;
  const epoch = s.epoch;
  const touchedNow = s.touchedCount;
  for (let i = 0; i < touchedNow; i++) {
    const r = s.touched[i];
    // Unchanged since it was last found valid (or since the previous solve): skip.
    if (s.recheck[r] === 0) continue;
    s.recheck[r] = 0;
    s.stats.checkedResources++;
    const base = s.lists.base[r];
    const end = base + s.lists.count[r];
    let load = 0;
    let maxShare = 0;
    let minBottleneckShare = Infinity;
    for (let e = base; e < end; e++) {
      const g = list[e];
      const x = rate[g] / weight[g];
      load += rate[g];
      if (x > maxShare) maxShare = x;
      if (bneck[g] === r && x < minBottleneckShare) minBottleneckShare = x;
    }
    const c = s.capacity[r];
    s.topShare[r] = saturatedShare(load, c, maxShare);
    const slack = TIE * (c > load ? c : load);
    if (load > c + slack) {
      for (let e = base; e < end; e++) {
        const g = list[e];
        if (releasedIn[g] !== epoch) s.release(g);
      }
      continue;
    }
    if (minBottleneckShare === Infinity) continue;
    const shareSlack = TIE * maxShare;
    if (load < c - slack) {
      for (let e = base; e < end; e++) {
        const g = list[e];
        if (bneck[g] === r && releasedIn[g] !== epoch) s.release(g);
      }
      continue;
    }
    if (maxShare - minBottleneckShare <= shareSlack) continue;
    for (let e = base; e < end; e++) {
      const g = list[e];
      if (releasedIn[g] === epoch) continue;
      const x = rate[g] / weight[g];
      if (x > minBottleneckShare + shareSlack) s.release(g);
      else if (bneck[g] === r && x < maxShare - shareSlack) s.release(g);
    }
  }
  return s.releasedCount - before;
}
