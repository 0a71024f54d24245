// refill: progressive filling of the released flows against the capacity the held flows leave.
import { fillByHeap } from "./fillByHeap.js";
import { fillByScan } from "./fillByScan.js";
import type { SharingState } from "./SharingState.js";

/** Fill by linear scans rather than a heap while (resources in play × released flows) is at most this. */
const SCAN_LIMIT = 4096;

/**
 * Give every released flow a rate and a bottleneck by progressive filling over the
 * resources they cross, each starting from its capacity minus the rates of its held flows.
 * A released flow that crosses nothing and has no cap is unconstrained: rate 0, as in maxMinRates.
 *
 * @returns false when held flows joined the fill too late and it must be run again.
 */
export function refill(s: SharingState): boolean {
  const fe = ++s.fillEpoch;
  const { frozenIn, slotNum, routePool, filled, fillNum, fillInt } = s;
  let filledCount = 0;
  for (let i = 0; i < s.releasedCount; i++) {
    const f = s.released[i];
    const w = slotNum[(f << 2) | 1];
    const end = s.slotInt[(f << 3) | 6] + s.slotInt[(f << 3) | 7];
    for (let k = s.slotInt[(f << 3) | 6]; k < end; k++) {
      const r = routePool[k];
      if (fillInt[(r << 4) | 8] !== fe) {
        fillInt[(r << 4) | 8] = fe;
        filled[filledCount++] = r;
        fillNum[r << 3] = s.fillNum[(r << 3) | 2] - s.fixedLoad(r);
        fillNum[(r << 3) | 1] = 0;
        fillInt[(r << 4) | 9] = 0;
      }
      fillNum[(r << 3) | 1] += w;
      fillInt[(r << 4) | 9]++;
    }
  }
  s.stats.filledResources += filledCount;
  const complete = filledCount * s.releasedCount <= SCAN_LIMIT ? fillByScan(s, filledCount, fe) : fillByHeap(s, filledCount, fe);
  for (let i = 0; i < s.releasedCount; i++) {
    const f = s.released[i];
    if (frozenIn[f] !== fe) {
      s.slotNum[f << 2] = 0;
      s.setBottleneck(f, -1);
    }
  }
  return complete;
}
