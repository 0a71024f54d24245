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
  if (!s.fellNow) {
    // No capacity was lowered in this solve: only a saturated resource can refuse g.
    for (let k = s.slotInt[(g << 3) | 6], end = k + s.slotInt[(g << 3) | 7]; k < end; k++) {
      if (fillInt[(routePool[k] << 4) | 13] === fe) return false;
    }
    return true;
  }
  for (let k = s.slotInt[(g << 3) | 6], end = k + s.slotInt[(g << 3) | 7]; k < end; k++) {
    const q = routePool[k];
    if (fillInt[(q << 4) | 13] === fe) return false;
    if (fillInt[(q << 4) | 14] !== epoch) continue;
    if (fillInt[(q << 4) | 8] === fe) {
      if (fillNum[q << 3] < -TIE * fillNum[(q << 3) | 2]) return false;
    } else if (s.fixedLoad(q) > fillNum[(q << 3) | 2] + TIE * fillNum[(q << 3) | 2]) return false;
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
  const { touched, filled } = s;
  const epoch = s.epoch;
  let touchedCount = s.touchedCount;
  let live = s.scanLive;
  let newResources = 0;
  const start = s.slotInt[(g << 3) | 6];
  const end = start + s.slotInt[(g << 3) | 7];
  const rate = s.slotNum[g << 2];
  const w = s.slotNum[(g << 2) | 1];
  // A level set below the near bound puts the resource in the near list (as in freeze); the bound, generation and count
  // are read once: nothing in this loop changes them.
  const { nearIn, nearList } = s;
  const bound = s.nearBound;
  const gen = s.nearGen;
  let nearCount = s.nearCount;
  // What s.fixedLoad reads, at hand for the resources new to the fill.
  const { slotNum, slotInt } = s;
  const list = s.lists.slot;
  const span = s.lists.span;
  for (let k = start; k < end; k++) {
    const q = routePool[k];
    // s.touch(q), with the count kept at hand.
    if (fillInt[(q << 4) | 12] !== epoch) {
      fillInt[(q << 4) | 12] = epoch;
      touched[touchedCount++] = q;
    }
    let res: number;
    let ws: number;
    // A resource new to the fill is not among fillByScan's resources in play (those are in the fill).
    let fresh = false;
    if (fillInt[(q << 4) | 8] !== fe) {
      newResources++;
      fresh = true;
      // s.fixedLoad(q): the rates of q's flows not released, summed in list order.
      let used = 0;
      for (let e = span[q << 1], lend = e + span[(q << 1) | 1]; e < lend; e++) {
        const h = list[e];
        if (slotInt[(h << 3) | 4] !== epoch) used += slotNum[h << 2];
      }
      res = fillNum[(q << 3) | 2] - used;
      ws = w;
      fillInt[(q << 4) | 8] = fe;
      fillInt[(q << 4) | 9] = 1;
    } else {
      res = fillNum[q << 3] + rate;
      ws = fillInt[(q << 4) | 9] === 0 ? w : fillNum[(q << 3) | 1] + w;
      fillInt[(q << 4) | 9]++;
    }
    fillNum[q << 3] = res;
    fillNum[(q << 3) | 1] = ws;
    const level = (res > 0 ? res : 0) / ws;
    if (inHeap) {
      const h = handle[q];
      if (h >= 0) heap.update(h, level);
      else handle[q] = heap.push(level, q);
    } else {
      let at: number;
      if (!fresh && fillInt[(q << 4) | 10] === fe) at = fillInt[(q << 4) | 11];
      else {
        // New to the fill, or left the scan when its flows all froze elsewhere.
        at = live++;
        fillInt[(q << 4) | 10] = fe;
        fillInt[(q << 4) | 11] = at;
        filled[at] = q;
      }
      scanLevel[at] = level;
      if (level < bound && nearIn[q] !== gen) {
        nearIn[q] = gen;
        nearList[nearCount++] = q;
      }
    }
  }
  s.touchedCount = touchedCount;
  s.scanLive = live;
  s.nearCount = nearCount;
  s.stats.filledResources += newResources;
  if (s.cap[g] < Infinity) {
    if (inHeap) heap.push(s.cap[g] / w, s.resourceCount + g);
    else s.cappedScratch[s.scanCapped++] = g;
  }
  return true;
}
