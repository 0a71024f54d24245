// topShares: after a full fill (no check follows), each touched resource's largest share if saturated, for the reported bottleneck.
import { saturatedShare } from "../saturatedShare.js";
import type { SharingState } from "./SharingState.js";

/**
 * Set {@link SharingState.topShare} of every resource touched in this solve from its
 * flows' rates, summed in list order as {@link checkTouched} does. Used after a full
 * fill, which no check follows; otherwise the check sets it for each resource it looks at.
 */
export function topShares(s: SharingState): void {
  const { slotNum } = s;
  const list = s.lists.slot;
  for (let i = 0; i < s.touchedCount; i++) {
    const r = s.touched[i];
    const base = s.lists.span[r << 1];
    let load = 0;
    let maxShare = 0;
    for (let e = base, end = base + s.lists.span[(r << 1) | 1]; e < end; e++) {
      const g = list[e];
      const x = slotNum[g << 2] / slotNum[(g << 2) | 1];
      load += slotNum[g << 2];
      if (x > maxShare) maxShare = x;
    }
    s.topShare[r << 3] = saturatedShare(load, s.fillNum[(r << 3) | 2], maxShare);
  }
}
