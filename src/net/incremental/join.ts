// join: bring a held flow into the fill under way, rising from the current level with the unfrozen flows.
import type { SharingState } from "./SharingState.js";

/**
 * Release held flow g and bring it into the current fill (epoch `fe`), rising from the
 * current level with the other unfrozen flows: its resources get back its rate in their
 * residual and its weight among the unfrozen, and enter the fill if they were not in it
 * (in the heap when `inHeap`, else in fillByScan's resources in play). Returns false, with
 * g left released for the next fill, when a resource on its route has already saturated
 * in this fill (see fillByScan for why joining is exact otherwise).
 */
export function join(s: SharingState, g: number, fe: number, inHeap: boolean): boolean {
  const { residual, weightSum, unfrozen, levelOf, routePool, heap, handle } = s;
  s.release(g);
  s.stats.joinedFlows++;
  const start = s.routeStart[g];
  const end = start + s.routeLen[g];
  for (let k = start; k < end; k++) {
    if (s.popped[routePool[k]] === fe) {
      s.stats.restarts++;
      return false;
    }
  }
  const w = s.weight[g];
  for (let k = start; k < end; k++) {
    const q = routePool[k];
    if (s.resFilled[q] !== fe) {
      s.resFilled[q] = fe;
      residual[q] = s.capacity[q] - s.fixedLoad(q);
      weightSum[q] = w;
      unfrozen[q] = 1;
    } else {
      residual[q] += s.rate[g];
      weightSum[q] = unfrozen[q] === 0 ? w : weightSum[q] + w;
      unfrozen[q]++;
    }
    const res = residual[q];
    const level = (res > 0 ? res : 0) / weightSum[q];
    levelOf[q] = level;
    if (inHeap) {
      const h = handle[q];
      if (h >= 0) heap.update(h, level);
      else handle[q] = heap.push(level, q);
    } else if (s.inScan[q] !== fe) {
      // New to the fill, or left the scan when its flows all froze elsewhere.
      s.inScan[q] = fe;
      s.filled[s.scanLive++] = q;
    }
  }
  if (s.cap[g] < Infinity) {
    if (inHeap) heap.push(s.cap[g] / w, s.resourceCount + g);
    else s.cappedScratch[s.scanCapped++] = g;
  }
  return true;
}
