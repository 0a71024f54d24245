// IncrementalSharing: an exact max-min SharingEngine that re-fills only the flows a change can affect.
import { grown } from "../core/grown.js";
import { bottleneckAmongTies } from "./bottleneckAmongTies.js";
import { checkTouched } from "./incremental/checkTouched.js";
import type { fillByHeap } from "./incremental/fillByHeap.js";
import type { fillByScan } from "./incremental/fillByScan.js";
import type { lowestLevel } from "./incremental/lowestLevel.js";
import type { freeze } from "./incremental/freeze.js";
import type { join, joinable } from "./incremental/join.js";
import type { joinBottlenecked } from "./incremental/joinBottlenecked.js";
import type { ResourceLists } from "./incremental/ResourceLists.js";
import { refill } from "./incremental/refill.js";
import { SharingState } from "./incremental/SharingState.js";
import { TIE } from "./incremental/TIE.js";
import { topShares } from "./incremental/topShares.js";
import { reportedRateMoved } from "./reportedRateMoved.js";
import type { SharingEngine } from "./SharingEngine.js";

/**
 * Weighted max-min fair rates with caps, kept up to date incrementally: after a change,
 * only the flows that the change can affect are released and re-filled; every other flow
 * keeps its rate without being looked at.
 *
 * ## Why the result is the exact max-min allocation
 *
 * Write x_f = rate_f / weight_f (the flow's share). An allocation is the unique weighted
 * max-min fair one iff (Bertsekas & Gallager, *Data Networks*, §6.5.2):
 *  (F) no resource carries more than its capacity and no flow exceeds its cap, and
 *  (B) every flow is at its cap, or has a *bottleneck*: a saturated resource on its route
 *      on which no flow has a larger share.
 * The engine stores, with each flow, a bottleneck witnessing (B) (or -1 for its cap).
 *
 * `solve()` starts from the previous (valid) allocation, marks as *touched* every resource
 * whose capacity or flow set changed, and *releases* the changed flows and the flows whose
 * bottleneck is touched. Then it repeats:
 *  1. *refill*: progressive filling over the released flows only, against each resource's
 *     residual capacity (capacity minus the rates of the flows not released), which gives
 *     the released flows rates and bottlenecks. On the way, held flows *join* the fill —
 *     are released and rise from the current level λ with the unfrozen flows — where the
 *     check would otherwise release them for a second round: a held flow with a larger
 *     share than the level at which a resource it crosses saturates (it must give way),
 *     and, when a released flow freezes below its former rate, a held flow bottlenecked
 *     on that flow's route (it may have to rise; {@link joinBottlenecked}). A join is
 *     the same as releasing the flow g before the fill began, provided that (i) g's share
 *     is at least λ, (ii) no resource on g's route has saturated in this fill, and (iii)
 *     none of them is overloaded by the held flows (possible only where a capacity was
 *     lowered in this solve; {@link joinable}): below λ, g rising with the others would
 *     have used no more on its resources than g held did, and those resources neither
 *     saturated nor were overloaded, so the fill up to λ would have gone exactly as it
 *     did; every resource off g's route is unaffected. A held flow that fails (ii) or (iii)
 *     stays held (or, when it had to give way, is released for the next round). Which
 *     flows join decides only how much work the fill does, never what it finds: the fill
 *     is the progressive filling of its final released set.
 *  2. *check* the touched resources r (all resources crossed by a released flow are
 *     touched) whose capacity, flows, or flows' rates or bottlenecks changed since they
 *     were last checked — any other is exactly as it was when last found valid. Release
 *     every not-released flow on r that violates (F) or (B) there:
 *     all of them if r is overloaded; those with bottleneck r if r is not saturated or if
 *     some flow on r has a larger share (they could gain); and those whose share is larger
 *     than that of a flow with bottleneck r (they must give way).
 * until a check releases nothing. (The check sees every violation whatever the fill
 * released; with the joins it seldom finds one: on the benchmark below, never.) Each round that does not stop releases at least one new
 * flow, so the loop ends (at worst with every flow released: a full solve). When it stops:
 *  - at a touched resource, (F) holds and every flow bottlenecked there satisfies (B):
 *    for not-released flows by the check; for released ones by the filling (their
 *    bottleneck is saturated by the fill and no released flow there has a larger share)
 *    together with the check (no other flow there has a larger share);
 *  - an untouched resource has the same capacity, the same flows and (none of them being
 *    released) the same rates as in the previous valid allocation, so (F) holds there and
 *    every flow bottlenecked there still satisfies (B); flows at their cap keep it.
 * So every flow satisfies (B) and every resource (F): the allocation is the max-min one.
 *
 * Shares are compared with a relative slack of 1e-12 to absorb round-off. If more than
 * `fullFraction` of the active flows get released, all are released at once (a full
 * progressive filling, with no check needed since no rate is held fixed).
 *
 * ## Cost
 *
 * Proportional to the released flows, the resources they cross, and the flows on those
 * resources — not to the number of active flows. On a k=16 fat tree with 100,000
 * web-search flows at 50 % load (at most 2,629 at once; `bench:solver-trace`) a solve
 * releases ~21 flows, 18 of them by joining, in one fill round. Per-flow and per-resource state lives in typed arrays grown by
 * doubling ({@link SharingState}); each resource keeps a flat list of its flows
 * ({@link ResourceLists}), removed from by swap-remove; routes live in one pool, compacted
 * when half of it is garbage. The parts of a solve: {@link refill} (with
 * {@link fillByScan} — its search for the lowest level is {@link lowestLevel} — or {@link fillByHeap}, {@link join}, {@link joinBottlenecked} and {@link freeze}) and
 * {@link checkTouched}.
 * Rates reported by {@link rateBps} follow the exact internal rates, moving only when they
 * differ by more than 1e-13 (relative), so round-off never shows up as a rate change.
 */
export class IncrementalSharing implements SharingEngine {
  private readonly s: SharingState;

  /**
   * @param capacityBps capacity of every resource (copied).
   * @param fullFraction release every flow (a full solve) once more than this fraction of
   *   the active flows has been released.
   */
  constructor(
    capacityBps: Float64Array,
    private readonly fullFraction = 0.5,
  ) {
    this.s = new SharingState(capacityBps);
  }

  /**
   * Work counters, for benchmarks: solves, flows released, solves that fell back to
   * releasing every flow, refill rounds, resources filled over and resources checked,
   * held flows that joined a fill, and joins that made a fill start again.
   */
  get stats(): SharingState["stats"] {
    return this.s.stats;
  }

  addFlow(flow: number, resources: Int32Array, weight: number, capBps: number): void {
    const s = this.s;
    if (!(Number.isInteger(flow) && flow >= 0)) throw new Error(`IncrementalSharing.addFlow: flow id ${flow} is not an integer ≥ 0`);
    if (flow >= s.slotOf.length) s.slotOf = grown(s.slotOf, Math.max(flow + 1, 2 * s.slotOf.length, 64), -1);
    if (s.slotOf[flow] >= 0) throw new Error(`IncrementalSharing.addFlow: flow ${flow} is already active`);
    checkWeight("addFlow", weight);
    checkCap("addFlow", capBps);
    const len = resources.length;
    for (let i = 0; i < len; i++) {
      const r = resources[i];
      if (!(r >= 0 && r < s.resourceCount)) {
        throw new Error(`IncrementalSharing.addFlow: flow ${flow} crosses resource ${r}, expected 0 … ${s.resourceCount - 1}`);
      }
    }
    let slot: number;
    if (s.freeCount > 0) slot = s.freeSlots[--s.freeCount];
    else {
      if (s.slotsUsed === s.slotCapacity) s.growSlots(Math.max(64, 2 * s.slotCapacity));
      slot = s.slotsUsed++;
    }
    s.slotOf[flow] = slot;
    s.idOf[slot] = flow;
    s.reservePool(len);
    const start = s.poolEnd;
    s.poolEnd += len;
    s.slotInt[(slot << 3) | 6] = start;
    s.slotInt[(slot << 3) | 7] = len;
    for (let i = 0; i < len; i++) {
      const r = resources[i];
      s.routePool[start + i] = r;
      s.routePos[start + i] = s.lists.append(r, slot);
      s.markDirty(r);
    }
    s.active[slot] = 1;
    s.activePos[slot] = s.activeCount;
    s.activeList[s.activeCount++] = slot;
    s.slotNum[(slot << 2) | 1] = weight;
    s.cap[slot] = capBps;
    s.slotNum[slot << 2] = 0;
    s.reported[slot] = 0;
    s.slotInt[(slot << 3) | 5] = -1;
    s.markPending(slot);
  }

  removeFlow(flow: number): void {
    const s = this.s;
    const slot = this.slot("removeFlow", flow);
    const start = s.slotInt[(slot << 3) | 6];
    const len = s.slotInt[(slot << 3) | 7];
    for (let i = 0; i < len; i++) {
      const r = s.routePool[start + i];
      const p = s.routePos[start + i];
      const g = s.lists.remove(r, p);
      if (g >= 0) {
        // Point g's incidence on r (the one that sat last, at the list's new length) to its new place.
        const last = s.lists.span[(r << 1) | 1];
        const gs = s.slotInt[(g << 3) | 6];
        const ge = gs + s.slotInt[(g << 3) | 7];
        for (let j = gs; j < ge; j++) {
          if (s.routePool[j] === r && s.routePos[j] === last) {
            s.routePos[j] = p;
            break;
          }
        }
      }
      s.markDirty(r);
    }
    s.poolGarbage += len;
    s.active[slot] = 0;
    const ap = s.activePos[slot];
    const lastSlot = s.activeList[--s.activeCount];
    s.activeList[ap] = lastSlot;
    s.activePos[lastSlot] = ap;
    s.slotNum[slot << 2] = 0;
    s.reported[slot] = 0;
    s.setBottleneck(slot, -1);
    s.slotOf[flow] = -1;
    s.freeSlots[s.freeCount++] = slot;
  }

  setCapacity(resource: number, capacityBps: number): void {
    const s = this.s;
    if (!(resource >= 0 && resource < s.resourceCount)) {
      throw new Error(`IncrementalSharing.setCapacity: resource ${resource}, expected 0 … ${s.resourceCount - 1}`);
    }
    if (!(capacityBps >= 0)) throw new Error(`IncrementalSharing.setCapacity: capacity ${capacityBps} B/s, expected ≥ 0`);
    if (capacityBps < s.fillNum[(resource << 3) | 2]) s.fell[resource] = 1;
    s.fillNum[(resource << 3) | 2] = capacityBps;
    s.markDirty(resource);
  }

  capacityOf(resource: number): number {
    return this.s.fillNum[(resource << 3) | 2];
  }

  /**
   * Stores the cap, and asks for nothing more (returns false) when it cannot move the
   * allocation: the same cap as before; a flow already pending (added or changed since the
   * last solve, so re-filled by the next one with whatever cap it has then); or a flow bound by
   * a saturated resource (its bottleneck witness) whose rate is below the new cap by more than
   * {@link TIE} (relative). In the last case the last solve's allocation still satisfies (F)
   * (the flow is below its cap, nothing else moved) and (B) (the same witness), so it is the
   * max-min allocation under the new cap too, and any other change since that solve is
   * handled from it as before. Otherwise the flow is released at the next solve with the
   * flows bound on its route.
   */
  setFlowCap(flow: number, capBps: number): boolean {
    const s = this.s;
    const slot = this.slot("setFlowCap", flow);
    checkCap("setFlowCap", capBps);
    const old = s.cap[slot];
    s.cap[slot] = capBps;
    if (capBps === old || s.pendingMark[slot] !== 0) return false;
    if (s.slotInt[(slot << 3) | 5] >= 0 && s.slotNum[slot << 2] < capBps * (1 - TIE)) return false;
    s.markRouteDirty(slot);
    s.markPending(slot);
    return true;
  }

  setFlowWeight(flow: number, weight: number): void {
    const slot = this.slot("setFlowWeight", flow);
    checkWeight("setFlowWeight", weight);
    this.s.slotNum[(slot << 2) | 1] = weight;
    this.s.markRouteDirty(slot);
    this.s.markPending(slot);
  }

  solve(): number {
    const s = this.s;
    if (s.dirtyCount === 0 && s.pendingCount === 0) return 0;
    s.stats.solves++;
    s.nextEpoch();
    s.releasedCount = 0;
    s.touchedCount = 0;
    // Release the flows bottlenecked at a changed resource, and the added or changed flows.
    const { slotInt } = s;
    const list = s.lists.slot;
    let fellNow = false;
    for (let i = 0; i < s.dirtyCount; i++) {
      const r = s.dirty[i];
      s.resDirty[r] = 0;
      if (s.fell[r] !== 0) {
        s.fell[r] = 0;
        s.fillInt[(r << 4) | 14] = s.epoch;
        fellNow = true;
      }
      s.recheck[r] = 1;
      s.touch(r);
      if (s.fillInt[(r << 4) | 15] === 0) continue;
      const base = s.lists.span[r << 1];
      for (let e = base, end = base + s.lists.span[(r << 1) | 1]; e < end; e++) {
        const g = list[e];
        if (slotInt[(g << 3) | 5] === r) s.release(g);
      }
    }
    s.dirtyCount = 0;
    s.fellNow = fellNow;
    for (let i = 0; i < s.pendingCount; i++) {
      const f = s.pending[i];
      s.pendingMark[f] = 0;
      if (s.active[f]) s.release(f);
    }
    s.pendingCount = 0;

    for (;;) {
      s.stats.rounds++;
      if (s.releasedCount > this.fullFraction * s.activeCount) {
        for (let i = 0; i < s.activeCount; i++) s.release(s.activeList[i]);
        s.stats.fullSolves++;
        refill(s);
        topShares(s);
        break;
      }
      if (!refill(s)) continue;
      if (checkTouched(s) === 0) break;
    }
    s.stats.releasedFlows += s.releasedCount;

    // Report the released flows whose rate moved beyond round-off (s.changed has room for every slot).
    let n = 0;
    for (let i = 0; i < s.releasedCount; i++) {
      const f = s.released[i];
      const x = s.slotNum[f << 2];
      const old = s.reported[f];
      if (reportedRateMoved(old, x)) {
        s.reported[f] = x;
        s.changedSlots[n] = f;
        s.changed[n++] = s.idOf[f];
      }
    }
    return n;
  }

  changedFlows(): Int32Array {
    return this.s.changed;
  }

  changedRateBps(i: number): number {
    return this.s.reported[this.s.changedSlots[i]];
  }

  changedBottleneck(i: number): number {
    return this.bottleneckOfSlot(this.s.changedSlots[i]);
  }

  rateBps(flow: number): number {
    const s = this.s;
    const slot = flow >= 0 && flow < s.slotOf.length ? s.slotOf[flow] : -1;
    return slot >= 0 ? s.reported[slot] : 0;
  }

  /**
   * The flow's bottleneck as of the last solve: among tied ones, the first along its route
   * ({@link bottleneckAmongTies}), not the one the fill met first (the engine's own witness,
   * which depends on which flows a solve released and stays internal).
   */
  bottleneck(flow: number): number {
    const s = this.s;
    const slot = flow >= 0 && flow < s.slotOf.length ? s.slotOf[flow] : -1;
    return slot < 0 ? -1 : this.bottleneckOfSlot(slot);
  }

  /** {@link bottleneck} of the flow in `slot`. */
  private bottleneckOfSlot(slot: number): number {
    const s = this.s;
    const x = s.slotNum[slot << 2];
    return bottleneckAmongTies(s.routePool, s.slotInt[(slot << 3) | 6], s.slotInt[(slot << 3) | 7], x / s.slotNum[(slot << 2) | 1], x, s.cap[slot], s.topShare, s.slotInt[(slot << 3) | 5], 8);
  }

  /** Number of active flows. */
  get flowCount(): number {
    return this.s.activeCount;
  }

  /** The slot of an active flow; throws when the flow is not active. */
  private slot(op: string, flow: number): number {
    const slotOf = this.s.slotOf;
    const slot = flow >= 0 && flow < slotOf.length ? slotOf[flow] : -1;
    if (slot < 0) throw new Error(`IncrementalSharing.${op}: flow ${flow} is not active`);
    return slot;
  }
}

function checkWeight(op: string, weight: number): void {
  if (!(weight > 0 && weight < Infinity)) throw new Error(`IncrementalSharing.${op}: weight ${weight}, expected a finite number > 0`);
}

function checkCap(op: string, capBps: number): void {
  if (!(capBps >= 0)) throw new Error(`IncrementalSharing.${op}: cap ${capBps} B/s, expected ≥ 0 (Infinity for none)`);
}
