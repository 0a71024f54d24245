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
    const base = s.lists.span[2 * r];
    let load = 0;
    let maxShare = 0;
    for (let e = base, end = base + s.lists.span[2 * r + 1]; e < end; e++) {
      const g = list[e];
      const x = slotNum[4 * g] / slotNum[4 * g + 1];
      load += slotNum[4 * g];
      if (x > maxShare) maxShare = x;
    }
    s.topShare[8 * r] = saturatedShare(load, s.fillNum[8 * r + 2], maxShare);
  }
}
