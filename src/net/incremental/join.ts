// join: bring a held flow into the fill under way, rising from the current level with the unfrozen flows.
import type { SharingState } from "./SharingState.js";
import { TIE } from "./TIE.js";

/**
 * Whether held flow g can join fill `fe` exactly (see fillByScan): no resource on its route
 * has saturated in this fill, and none starts overloaded. Held flows fitted their
 * resources in the previous allocation, so only a resource whose capacity was lowered in
 * this solve can be overloaded: one not yet in the fill whose held flows exceed its
 * capacity, or one in it left with a negative residual. Joining there would give it a
 * level below the fill's, and the fill would go back down.
 */
export function joinable(s: SharingState, g: number, fe: number): boolean {
  const { routePool, fillNum, fillInt } = s;
  const epoch = s.epoch;
  for (let k = s.slotInt[8 * g + 6], end = k + s.slotInt[8 * g + 7]; k < end; k++) {
    const q = routePool[k];
    if (fillInt[16 * q + 13] === fe) return false;
    if (fillInt[16 * q + 14] !== epoch) continue;
    if (fillInt[16 * q + 8] === fe) {
      if (fillNum[8 * q] < -TIE * fillNum[8 * q + 2]) return false;
    } else if (s.fixedLoad(q) > fillNum[8 * q + 2] + TIE * fillNum[8 * q + 2]) return false;
  }
  return true;
}

/**
 * Release held flow g and bring it into the current fill (epoch `fe`), rising from the
 * current level with the other unfrozen flows: its resources get back its rate in their
 * residual and its weight among the unfrozen, and enter the fill if they were not in it
 * (in the heap when `inHeap`, else in fillByScan's resources in play). Returns false, with
 * g left released for the next fill, when g is not {@link joinable} (a resource on its
 * route has already saturated in this fill, or starts overloaded; see fillByScan for why
 * joining is exact otherwise). `known`: the caller has already found g joinable.
 */
export function join(s: SharingState, g: number, fe: number, inHeap: boolean, known = false): boolean {
  const { routePool, heap, handle, scanLevel, fillNum, fillInt } = s;
  // g crosses some resource (it is on a resource's list): counted among the fill's rising flows
  // whether it joins or is released for the next round (freeze may still meet it in this fill).
  s.rising++;
  if (!known && !joinable(s, g, fe)) {
    s.release(g);
    s.stats.restarts++;
    return false;
  }
  // Released as by s.release (its resources touched), in the same walk along the route that brings g into the fill.
  s.addReleased(g);
  s.stats.joinedFlows++;
  const start = s.slotInt[8 * g + 6];
  const end = start + s.slotInt[8 * g + 7];
  const w = s.slotNum[4 * g + 1];
  for (let k = start; k < end; k++) {
    const q = routePool[k];
    s.touch(q);
    if (fillInt[16 * q + 8] !== fe) {
      s.stats.filledResources++;
      fillInt[16 * q + 8] = fe;
      fillNum[8 * q] = s.fillNum[8 * q + 2] - s.fixedLoad(q);
      fillNum[8 * q + 1] = w;
      fillInt[16 * q + 9] = 1;
    } else {
      fillNum[8 * q] += s.slotNum[4 * g];
      fillNum[8 * q + 1] = fillInt[16 * q + 9] === 0 ? w : fillNum[8 * q + 1] + w;
      fillInt[16 * q + 9]++;
    }
    const res = fillNum[8 * q];
    const level = (res > 0 ? res : 0) / fillNum[8 * q + 1];
    if (inHeap) {
      const h = handle[q];
      if (h >= 0) heap.update(h, level);
      else handle[q] = heap.push(level, q);
    } else if (fillInt[16 * q + 10] === fe) {
      scanLevel[fillInt[16 * q + 11]] = level;
      s.nearLevel(q, level);
    } else {
      // New to the fill, or left the scan when its flows all froze elsewhere.
      const at = s.scanLive++;
      fillInt[16 * q + 10] = fe;
      fillInt[16 * q + 11] = at;
      scanLevel[at] = level;
      s.filled[at] = q;
      s.nearLevel(q, level);
    }
  }
  if (s.cap[g] < Infinity) {
    if (inHeap) heap.push(s.cap[g] / w, s.resourceCount + g);
    else s.cappedScratch[s.scanCapped++] = g;
  }
  return true;
}
