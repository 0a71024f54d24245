// freeze: fix a released flow's rate in the current fill and take it out of the levels of the resources it crosses.
import { joinBottlenecked } from "./joinBottlenecked.js";
import type { SharingState } from "./SharingState.js";
import { TIE } from "./TIE.js";

/**
 * Freeze flow f at `rateBps` with bottleneck `by` (-1: its own cap) in fill epoch `fe`:
 * each resource on its route loses f's rate from its residual and f's weight from its
 * unfrozen weight, and its saturation level moves (in the heap, when the fill uses one).
 * A resource is marked for recheck only when f's rate or bottleneck actually changed.
 * When f froze below its former rate, held flows bottlenecked on its route join the fill
 * (if the fill lets them: `s.joinMode`; {@link joinBottlenecked}).
 */
export function freeze(s: SharingState, f: number, rateBps: number, by: number, fe: number): void {
  const { handle, heap, routePool, scanLevel, recheck, fillNum, fillInt } = s;
  const heapFill = s.heapFill;
  s.frozenIn[f] = fe;
  // A flow whose rate and bottleneck come out as before changes nothing at its resources.
  const before = s.slotNum[f << 2];
  const moved = before !== rateBps || s.slotInt[(f << 3) | 5] !== by;
  s.slotNum[f << 2] = rateBps;
  s.setBottleneck(f, by);
  const w = s.slotNum[(f << 2) | 1];
  const start = s.slotInt[(f << 3) | 6];
  const end = start + s.slotInt[(f << 3) | 7];
  if (end > start) s.rising--;
  // A level set below the near bound puts the resource in the near list; a resource left with no unfrozen flow gets its
  // position's died mark (lowestLevel). The bound, generation, count and marks' top are read once: nothing in this loop changes them.
  const { nearIn, nearList, diedBits } = s;
  const bound = s.nearBound;
  const gen = s.nearGen;
  let nearCount = s.nearCount;
  let diedTop = s.diedTop;
  // In a scan fill that lets flows join (joinMode 1: complete so far), every resource on f's route is in play, so its
  // in-play stamp need not be read: f was counted on each when it entered the fill (refill, or join), which put the
  // resource in play, and a resource leaves play only with no unfrozen flow counted, while f is one. (Once a join has
  // failed, joinMode is 0 and a flow released for the next round, never counted, may be frozen: then the stamp decides.)
  const inPlay = s.joinMode === 1;
  for (let k = start; k < end; k++) {
    const r = routePool[k];
    if (moved) recheck[r] = 1;
    const res = (fillNum[r << 3] -= rateBps);
    const ws = (fillNum[(r << 3) | 1] -= w);
    const left = --fillInt[(r << 4) | 9];
    const level = left > 0 ? (res > 0 ? res : 0) / ws : Infinity;
    if (inPlay || fillInt[(r << 4) | 10] === fe) {
      const at = fillInt[(r << 4) | 11];
      scanLevel[at] = level;
      if (left > 0) {
        if (level < bound && nearIn[r] !== gen) {
          nearIn[r] = gen;
          nearList[nearCount++] = r;
        }
      } else {
        const word = at >> 5;
        diedBits[word] |= 1 << (at & 31);
        if (word >= diedTop) diedTop = word + 1;
      }
    }
    if (!heapFill) continue;
    const h = handle[r];
    if (h < 0) continue;
    if (left > 0) heap.update(h, level);
    else {
      heap.remove(h);
      handle[r] = -1;
    }
  }
  s.nearCount = nearCount;
  s.diedTop = diedTop;
  // Capacity f gave up may let held flows bottlenecked on its route rise: they join now.
  if (s.joinMode !== 0 && rateBps < before - TIE * before) joinBottlenecked(s, f, rateBps / w, fe, s.joinMode === 2);
}
