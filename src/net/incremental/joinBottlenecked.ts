// joinBottlenecked: when a released flow freezes below its former rate, the held flows bottlenecked where it gave up capacity join the fill (both fills share it).
import { join, joinable } from "./join.js";
import type { SharingState } from "./SharingState.js";

/**
 * Released flow `f` has just frozen at share `level`, below its former rate: on each
 * resource q of its route that has not saturated in this fill, q may end with spare
 * capacity, and a held flow bottlenecked at q would then have to rise (the check would
 * release it and a second round would follow). Each such held flow h joins the fill now
 * instead, when that is exact: its share is at least `level` (so below `level` it consumes
 * no more than it did held) and no resource on its route has saturated in this fill — the
 * conditions of {@link join}, checked before h is released, so a flow that cannot join is
 * left held (the check still sees it). Joining a flow that did not have to move costs work,
 * never exactness: the fill is then the progressive filling of a larger released set.
 *
 * A resource's list is walked once a fill unless the level falls below that of its last walk
 * ({@link SharingState.walkedIn}); the walks skipped would join nothing. After a walk of q at
 * level λ, every held flow h bound at q with rate ≥ weight × λ was a candidate: it joined
 * (and is released), or was not {@link joinable} — and stays so for the rest of the fill
 * while joins are allowed: a resource saturated in the fill stays so; one whose capacity fell
 * and that its held flows overload stays overloaded (its residual only loses frozen rates, and
 * only a join onto it, which joinable refuses, or a release, which ends the joins for the
 * fill, could lower its held load). Held flows keep their bottleneck witness during a fill,
 * so no flow becomes bound at q; and a walk at λ' ≥ λ takes only flows with rate ≥ weight ×
 * λ' ≥ weight × λ (the rounded product is monotone). So it would find every candidate released
 * or refused, and join nothing. On the Valiant dragonfly of session 51 the skipped walks were
 * 12.3 M of 13.5 M (926 M of 997 M list entries).
 */
export function joinBottlenecked(s: SharingState, f: number, level: number, fe: number, inHeap: boolean): void {
  const { routePool, slotNum, slotInt, fillInt, walkedIn, walkedLevel } = s;
  const list = s.lists.slot;
  const epoch = s.epoch;
  const end = s.slotInt[(f << 3) | 6] + s.slotInt[(f << 3) | 7];
  for (let k = s.slotInt[(f << 3) | 6]; k < end; k++) {
    const q = routePool[k];
    // No held flow is bound at q (f itself, released, may be the only one bound there).
    if (fillInt[(q << 4) | 13] === fe || fillInt[(q << 4) | 15] === (slotInt[(f << 3) | 5] === q ? 1 : 0)) continue;
    // Walked in this fill at a level not above this one: this walk would join nothing (see above). Both tests are
    // made every time, so that V8 has feedback for both at once (with `&&`, the second one, first met later,
    // deoptimized freeze, into which this is inlined, once more: +42 M instructions on the k=16 20,000-flow run).
    const again = walkedIn[q] === fe;
    const notBelow = level >= walkedLevel[q];
    if (again && notBelow) continue;
    walkedIn[q] = fe;
    walkedLevel[q] = level;
    const lend = s.lists.span[q << 1] + s.lists.span[(q << 1) | 1];
    for (let e = s.lists.span[q << 1]; e < lend; e++) {
      const h = list[e];
      if (slotInt[(h << 3) | 5] !== q || slotInt[(h << 3) | 4] === epoch || slotNum[h << 2] < slotNum[(h << 2) | 1] * level) continue;
      if (joinable(s, h, fe)) join(s, h, fe, inHeap, true);
    }
  }
}
