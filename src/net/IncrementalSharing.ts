// IncrementalSharing: an exact max-min SharingEngine that re-fills only the flows a change can affect.
import { grown } from "../core/grown.js";
import { EventQueue } from "../core/EventQueue.js";
import type { SharingEngine } from "./SharingEngine.js";

/** Relative slack below which two shares, or a load and a capacity, count as equal (float round-off). */
const TIE = 1e-12;
/** A flow's reported rate moves only when its exact rate differs from it by more than this (relative). */
const REPORT = 1e-13;
/** Fill by linear scans rather than a heap while (resources in play × released flows) is at most this. */
const SCAN_LIMIT = 4096;

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
 *     the released flows rates and bottlenecks. (On the way, a flow held fixed with a
 *     larger share than the level at which a resource it crosses saturates joins the fill:
 *     see {@link fillByScan} for why that is the same as releasing it beforehand.)
 *  2. *check* the touched resources r (all resources crossed by a released flow are
 *     touched) whose capacity, flows, or flows' rates or bottlenecks changed since they
 *     were last checked — any other is exactly as it was when last found valid. Release
 *     every not-released flow on r that violates (F) or (B) there:
 *     all of them if r is overloaded; those with bottleneck r if r is not saturated or if
 *     some flow on r has a larger share (they could gain); and those whose share is larger
 *     than that of a flow with bottleneck r (they must give way).
 * until a check releases nothing. Each round that does not stop releases at least one new
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
 * resources — not to the number of active flows. On a k=16 fat tree with 1,200 flows
 * churning (bench/solver.ts) a solve releases ~13 flows, of which ~11 change rate, in
 * ~1.9 fill rounds. Per-flow and per-resource state lives in
 * typed arrays (grown by doubling); each resource keeps a flat list of its flows, removed
 * from by swap-remove; routes live in one pool, compacted when half of it is garbage.
 * Rates reported by {@link rateBps} follow the exact internal rates, moving only when they
 * differ by more than 1e-13 (relative), so round-off never shows up as a rate change.
 */
export class IncrementalSharing implements SharingEngine {
  private readonly resourceCount: number;
  private readonly capacity: Float64Array;
  // Each resource's flows (slots) sit in one shared pool at resBase[r] … + resCount[r],
  // with room for resRoom[r]; a full list moves to the pool's end with twice the room.
  private resPool: Int32Array;
  private resPoolEnd: number;
  private resPoolGarbage = 0;
  private readonly resBase: Int32Array;
  private readonly resRoom: Int32Array;
  private readonly resCount: Int32Array;
  private readonly resTouched: Int32Array;
  private readonly resFilled: Int32Array;
  private readonly residual: Float64Array;
  private readonly weightSum: Float64Array;
  private readonly unfrozen: Int32Array;
  private readonly handle: Int32Array;
  private readonly levelOf: Float64Array;
  /** Fill epoch in which the resource saturated (its flows froze there). */
  private readonly popped: Int32Array;
  /** Fill epoch in which the resource is in the scan's list of resources in play. */
  private readonly inScan: Int32Array;
  /**
   * Set when the resource changed (capacity, flows, or a flow's rate or bottleneck) since
   * its last check; only such resources are checked. Cleared by the check itself, so a
   * change made by a fill that had to be redone is still checked after the redo.
   */
  private readonly recheck: Uint8Array;
  private readonly resDirty: Uint8Array;
  private readonly dirty: Int32Array;
  private dirtyCount = 0;

  // Flows live in dense slots, reused after removal, so per-flow arrays stay as small as
  // the number of concurrent flows however large the ids grow: the hot loops index them
  // at random, and small arrays stay in cache. Ids map to slots only at the API boundary.
  private slotOf = new Int32Array(0);
  private idOf = new Int32Array(0);
  private freeSlots = new Int32Array(0);
  private freeCount = 0;
  private slotsUsed = 0;
  private slotCapacity = 0;
  private active = new Uint8Array(0);
  private rate = new Float64Array(0);
  private reported = new Float64Array(0);
  private weight = new Float64Array(0);
  private cap = new Float64Array(0);
  private bneck = new Int32Array(0);
  private routeStart = new Int32Array(0);
  private routeLen = new Int32Array(0);
  private releasedIn = new Int32Array(0);
  private frozenIn = new Int32Array(0);
  private pendingMark = new Uint8Array(0);
  private activePos = new Int32Array(0);

  private activeList = new Int32Array(0);
  private activeCount = 0;
  private pending = new Int32Array(16);
  private pendingCount = 0;

  private routePool = new Int32Array(1024);
  private routePos = new Int32Array(1024);
  private poolEnd = 0;
  private poolGarbage = 0;

  private released = new Int32Array(16);
  private releasedCount = 0;
  private readonly touched: Int32Array;
  private touchedCount = 0;
  private readonly filled: Int32Array;
  private changed = new Int32Array(16);
  private cappedScratch = new Int32Array(0);
  /** Lengths of fillByScan's lists of resources in play and capped flows, shared with {@link join}. */
  private scanLive = 0;
  private scanCapped = 0;
  private readonly heap: EventQueue;
  private epoch = 0;
  private fillEpoch = 0;

  /**
   * Work counters, for benchmarks: solves, flows released, solves that fell back to
   * releasing every flow, refill rounds, resources filled over and resources checked.
   */
  readonly stats = { solves: 0, releasedFlows: 0, fullSolves: 0, rounds: 0, filledResources: 0, checkedResources: 0, joinedFlows: 0, restarts: 0 };

  /**
   * @param capacityBps capacity of every resource (copied).
   * @param fullFraction release every flow (a full solve) once more than this fraction of
   *   the active flows has been released.
   */
  constructor(
    capacityBps: Float64Array,
    private readonly fullFraction = 0.5,
  ) {
    const R = capacityBps.length;
    this.resourceCount = R;
    this.capacity = Float64Array.from(capacityBps);
    this.resPool = new Int32Array(Math.max(64, 4 * R));
    this.resBase = Int32Array.from({ length: R }, (_, r) => 2 * r);
    this.resRoom = new Int32Array(R).fill(2);
    this.resPoolEnd = 2 * R;
    this.resCount = new Int32Array(R);
    this.resTouched = new Int32Array(R);
    this.resFilled = new Int32Array(R);
    this.residual = new Float64Array(R);
    this.weightSum = new Float64Array(R);
    this.unfrozen = new Int32Array(R);
    this.handle = new Int32Array(R).fill(-1);
    this.levelOf = new Float64Array(R);
    this.popped = new Int32Array(R);
    this.inScan = new Int32Array(R);
    this.recheck = new Uint8Array(R);
    this.resDirty = new Uint8Array(R);
    this.dirty = new Int32Array(R);
    this.touched = new Int32Array(R);
    this.filled = new Int32Array(R);
    this.heap = new EventQueue(R + 64);
  }

  addFlow(flow: number, resources: Int32Array, weight: number, capBps: number): void {
    if (!(Number.isInteger(flow) && flow >= 0)) throw new Error(`IncrementalSharing.addFlow: flow id ${flow} is not an integer ≥ 0`);
    if (flow >= this.slotOf.length) this.slotOf = grown(this.slotOf, Math.max(flow + 1, 2 * this.slotOf.length, 64), -1);
    if (this.slotOf[flow] >= 0) throw new Error(`IncrementalSharing.addFlow: flow ${flow} is already active`);
    checkWeight("addFlow", weight);
    checkCap("addFlow", capBps);
    const len = resources.length;
    for (let i = 0; i < len; i++) {
      const r = resources[i];
      if (!(r >= 0 && r < this.resourceCount)) {
        throw new Error(`IncrementalSharing.addFlow: flow ${flow} crosses resource ${r}, expected 0 … ${this.resourceCount - 1}`);
      }
    }
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount];
    else {
      if (this.slotsUsed === this.slotCapacity) this.growSlots(Math.max(64, 2 * this.slotCapacity));
      slot = this.slotsUsed++;
    }
    this.slotOf[flow] = slot;
    this.idOf[slot] = flow;
    this.reservePool(len);
    const start = this.poolEnd;
    this.poolEnd += len;
    this.routeStart[slot] = start;
    this.routeLen[slot] = len;
    for (let i = 0; i < len; i++) {
      const r = resources[i];
      this.routePool[start + i] = r;
      const n = this.resCount[r];
      if (n === this.resRoom[r]) this.growResource(r);
      this.resPool[this.resBase[r] + n] = slot;
      this.routePos[start + i] = n;
      this.resCount[r] = n + 1;
      this.markDirty(r);
    }
    this.active[slot] = 1;
    this.activePos[slot] = this.activeCount;
    this.activeList[this.activeCount++] = slot;
    this.weight[slot] = weight;
    this.cap[slot] = capBps;
    this.rate[slot] = 0;
    this.reported[slot] = 0;
    this.bneck[slot] = -1;
    this.markPending(slot);
  }

  removeFlow(flow: number): void {
    const slot = this.slot("removeFlow", flow);
    const start = this.routeStart[slot];
    const len = this.routeLen[slot];
    for (let i = 0; i < len; i++) {
      const r = this.routePool[start + i];
      const p = this.routePos[start + i];
      const list = this.resPool;
      const base = this.resBase[r];
      const last = --this.resCount[r];
      if (p !== last) {
        const g = list[base + last];
        list[base + p] = g;
        // Point g's incidence on r (the one that sat at `last`) to its new place.
        const gs = this.routeStart[g];
        const ge = gs + this.routeLen[g];
        for (let j = gs; j < ge; j++) {
          if (this.routePool[j] === r && this.routePos[j] === last) {
            this.routePos[j] = p;
            break;
          }
        }
      }
      this.markDirty(r);
    }
    this.poolGarbage += len;
    this.active[slot] = 0;
    const ap = this.activePos[slot];
    const lastSlot = this.activeList[--this.activeCount];
    this.activeList[ap] = lastSlot;
    this.activePos[lastSlot] = ap;
    this.rate[slot] = 0;
    this.reported[slot] = 0;
    this.bneck[slot] = -1;
    this.slotOf[flow] = -1;
    this.freeSlots[this.freeCount++] = slot;
  }

  setCapacity(resource: number, capacityBps: number): void {
    if (!(resource >= 0 && resource < this.resourceCount)) {
      throw new Error(`IncrementalSharing.setCapacity: resource ${resource}, expected 0 … ${this.resourceCount - 1}`);
    }
    if (!(capacityBps >= 0)) throw new Error(`IncrementalSharing.setCapacity: capacity ${capacityBps} B/s, expected ≥ 0`);
    this.capacity[resource] = capacityBps;
    this.markDirty(resource);
  }

  capacityOf(resource: number): number {
    return this.capacity[resource];
  }

  setFlowCap(flow: number, capBps: number): void {
    const slot = this.slot("setFlowCap", flow);
    checkCap("setFlowCap", capBps);
    this.cap[slot] = capBps;
    this.markRouteDirty(slot);
    this.markPending(slot);
  }

  setFlowWeight(flow: number, weight: number): void {
    const slot = this.slot("setFlowWeight", flow);
    checkWeight("setFlowWeight", weight);
    this.weight[slot] = weight;
    this.markRouteDirty(slot);
    this.markPending(slot);
  }

  solve(): number {
    if (this.dirtyCount === 0 && this.pendingCount === 0) return 0;
    this.stats.solves++;
    this.nextEpoch();
    this.releasedCount = 0;
    this.touchedCount = 0;
    const { bneck, active } = this;
    for (let i = 0; i < this.dirtyCount; i++) {
      const r = this.dirty[i];
      this.resDirty[r] = 0;
      this.recheck[r] = 1;
      this.touch(r);
      const list = this.resPool;
      const base = this.resBase[r];
      for (let j = 0, n = this.resCount[r]; j < n; j++) {
        const g = list[base + j];
        if (bneck[g] === r) this.release(g);
      }
    }
    this.dirtyCount = 0;
    for (let i = 0; i < this.pendingCount; i++) {
      const f = this.pending[i];
      this.pendingMark[f] = 0;
      if (active[f]) this.release(f);
    }
    this.pendingCount = 0;

    for (;;) {
      this.stats.rounds++;
      if (this.releasedCount > this.fullFraction * this.activeCount) {
        for (let i = 0; i < this.activeCount; i++) this.release(this.activeList[i]);
        this.stats.fullSolves++;
        this.refill();
        break;
      }
      if (!this.refill()) continue;
      if (this.check() === 0) break;
    }
    this.stats.releasedFlows += this.releasedCount;

    // Report the released flows whose rate moved beyond round-off.
    if (this.changed.length < this.releasedCount) this.changed = new Int32Array(this.releasedCount * 2);
    let n = 0;
    for (let i = 0; i < this.releasedCount; i++) {
      const f = this.released[i];
      const x = this.rate[f];
      const old = this.reported[f];
      if (Math.abs(x - old) > REPORT * Math.max(x, old) || (x === 0) !== (old === 0)) {
        this.reported[f] = x;
        this.changed[n++] = this.idOf[f];
      }
    }
    return n;
  }

  changedFlows(): Int32Array {
    return this.changed;
  }

  rateBps(flow: number): number {
    const slot = flow >= 0 && flow < this.slotOf.length ? this.slotOf[flow] : -1;
    return slot >= 0 ? this.reported[slot] : 0;
  }

  bottleneck(flow: number): number {
    const slot = flow >= 0 && flow < this.slotOf.length ? this.slotOf[flow] : -1;
    return slot >= 0 ? this.bneck[slot] : -1;
  }

  /** Number of active flows. */
  get flowCount(): number {
    return this.activeCount;
  }

  /** Release flow f: its rate is recomputed by the next refill. */
  private release(f: number): void {
    if (this.releasedIn[f] === this.epoch) return;
    this.releasedIn[f] = this.epoch;
    this.released[this.releasedCount++] = f;
    const start = this.routeStart[f];
    const end = start + this.routeLen[f];
    for (let i = start; i < end; i++) this.touch(this.routePool[i]);
  }

  private touch(r: number): void {
    if (this.resTouched[r] === this.epoch) return;
    this.resTouched[r] = this.epoch;
    this.touched[this.touchedCount++] = r;
  }

  /**
   * Progressive filling of the released flows against the capacity the others leave.
   * Returns false when it released more flows on the way and must be run again.
   */
  private refill(): boolean {
    const fe = ++this.fillEpoch;
    const { frozenIn, rate, weight, routePool, residual, weightSum, unfrozen } = this;
    let filledCount = 0;
    for (let i = 0; i < this.releasedCount; i++) {
      const f = this.released[i];
      const w = weight[f];
      const start = this.routeStart[f];
      const end = start + this.routeLen[f];
      for (let k = start; k < end; k++) {
        const r = routePool[k];
        if (this.resFilled[r] !== fe) {
          this.resFilled[r] = fe;
          this.filled[filledCount++] = r;
          residual[r] = this.capacity[r] - this.fixedLoad(r);
          weightSum[r] = 0;
          unfrozen[r] = 0;
        }
        weightSum[r] += w;
        unfrozen[r]++;
      }
    }
    this.stats.filledResources += filledCount;
    let complete = true;
    if (filledCount * this.releasedCount <= SCAN_LIMIT) complete = this.fillByScan(filledCount, fe);
    else complete = this.fillByHeap(filledCount, fe);
    // A released flow crossing nothing and uncapped is unconstrained: rate 0, as in maxMinRates.
    for (let i = 0; i < this.releasedCount; i++) {
      const f = this.released[i];
      if (frozenIn[f] !== fe) {
        rate[f] = 0;
        this.bneck[f] = -1;
      }
    }
    return complete;
  }

  /**
   * The filling proper, with every level in an indexed heap: O((flows + resources) · log).
   * Held flows that must give way join the fill as in {@link fillByScan}.
   *
   * @returns false when the fill must be redone with the enlarged released set.
   */
  private fillByHeap(filledCount: number, fe: number): boolean {
    const { heap, releasedIn, frozenIn, weight, cap, rate, residual, weightSum, handle } = this;
    let complete = true;
    const epoch = this.epoch;
    const R = this.resourceCount;
    heap.clear();
    for (let i = 0; i < filledCount; i++) {
      const r = this.filled[i];
      handle[r] = heap.push(Math.max(0, residual[r]) / weightSum[r], r);
    }
    for (let i = 0; i < this.releasedCount; i++) {
      const f = this.released[i];
      if (cap[f] < Infinity) heap.push(cap[f] / weight[f], R + f);
    }
    while (heap.size > 0) {
      const level = heap.peekTime();
      const id = heap.pop();
      if (id >= R) {
        const f = id - R;
        if (frozenIn[f] !== fe) this.freeze(f, cap[f], -1, fe);
        continue;
      }
      handle[id] = -1;
      const list = this.resPool;
      const base = this.resBase[id];
      const n = this.resCount[id];
      if (complete) {
        // As in fillByScan: held flows with a larger share than this level join the fill.
        let joined = false;
        for (let j = 0; j < n; j++) {
          const g = list[base + j];
          if (releasedIn[g] === epoch) continue;
          const x = rate[g] / weight[g];
          if (x <= level + TIE * x) continue;
          if (this.join(g, fe, true)) joined = true;
          else complete = false;
        }
        if (joined) {
          // `id` gained the joined flows: it is back in the heap at its new, higher level.
          continue;
        }
      }
      this.popped[id] = fe;
      for (let j = 0; j < n; j++) {
        const g = list[base + j];
        if (releasedIn[g] === epoch && frozenIn[g] !== fe) this.freeze(g, weight[g] * level, id, fe);
      }
    }
    return complete;
  }

  /**
   * The same filling for small released sets, finding the lowest level by a linear scan
   * over the resources still in play: O(bottlenecks · resources) but no heap traffic,
   * which is faster when both are a few dozen.
   *
   * It also releases, during the fill, the not-released flows that must give way: when
   * resource r is about to saturate at level λ and a flow g held fixed on r has a larger
   * share, g joins the fill as if it had been released from the start. That is exact as
   * long as no resource on g's route has saturated yet in this fill: below λ, g rising
   * with the others consumes less on its resources than g held at its larger share did,
   * so none of them would have saturated earlier, and every other resource is unaffected.
   * Otherwise g is released for the next round and the fill reports that it must restart.
   *
   * @returns false when the fill must be redone with the enlarged released set.
   */
  private fillByScan(filledCount: number, fe: number): boolean {
    const { releasedIn, frozenIn, weight, cap, rate, residual, weightSum, unfrozen, filled, levelOf, popped, inScan } = this;
    const list = this.resPool;
    const epoch = this.epoch;
    for (let i = 0; i < filledCount; i++) {
      const r = filled[i];
      const res = residual[r];
      levelOf[r] = (res > 0 ? res : 0) / weightSum[r];
      inScan[r] = fe;
    }
    let live = filledCount;
    let capped = 0;
    const cappedFlows = this.cappedScratch;
    for (let i = 0; i < this.releasedCount; i++) {
      const f = this.released[i];
      if (cap[f] < Infinity) cappedFlows[capped++] = f;
    }
    let complete = true;
    for (;;) {
      let best = -1;
      let bestLevel = Infinity;
      for (let i = 0; i < live; i++) {
        const r = filled[i];
        if (unfrozen[r] === 0) {
          inScan[r] = 0;
          filled[i--] = filled[--live];
          continue;
        }
        const level = levelOf[r];
        if (level < bestLevel) {
          bestLevel = level;
          best = r;
        }
      }
      let bestCapped = -1;
      for (let i = 0; i < capped; i++) {
        const f = cappedFlows[i];
        if (frozenIn[f] === fe) {
          cappedFlows[i--] = cappedFlows[--capped];
          continue;
        }
        const level = cap[f] / weight[f];
        if (level < bestLevel) {
          bestLevel = level;
          bestCapped = f;
        }
      }
      if (bestCapped >= 0) {
        this.freeze(bestCapped, cap[bestCapped], -1, fe);
        continue;
      }
      if (best < 0) break;
      const base = this.resBase[best];
      const n = this.resCount[best];
      if (complete) {
        // Flows held fixed on `best` with a larger share than its level must give way.
        let joined = false;
        for (let j = 0; j < n; j++) {
          const g = list[base + j];
          if (releasedIn[g] === epoch) continue;
          const x = rate[g] / weight[g];
          if (x <= bestLevel + TIE * x) continue;
          this.scanLive = live;
          this.scanCapped = capped;
          if (this.join(g, fe, false)) joined = true;
          else complete = false;
          live = this.scanLive;
          capped = this.scanCapped;
        }
        if (joined) continue;
      }
      popped[best] = fe;
      for (let j = 0; j < n; j++) {
        const g = list[base + j];
        if (releasedIn[g] === epoch && frozenIn[g] !== fe) this.freeze(g, weight[g] * bestLevel, best, fe);
      }
    }
    return complete;
  }

  /**
   * Release held flow g and bring it into the current fill, rising from the current level
   * with the other unfrozen flows. Returns false (g stays released for the next fill) when
   * a resource on its route has already saturated in this fill.
   */
  private join(g: number, fe: number, inHeap: boolean): boolean {
    const { residual, weightSum, unfrozen, levelOf, routePool, heap, handle } = this;
    this.release(g);
    this.stats.joinedFlows++;
    const start = this.routeStart[g];
    const end = start + this.routeLen[g];
    for (let k = start; k < end; k++) {
      if (this.popped[routePool[k]] === fe) {
        this.stats.restarts++;
        return false;
      }
    }
    const w = this.weight[g];
    for (let k = start; k < end; k++) {
      const q = routePool[k];
      if (this.resFilled[q] !== fe) {
        this.resFilled[q] = fe;
        residual[q] = this.capacity[q] - this.fixedLoad(q);
        weightSum[q] = w;
        unfrozen[q] = 1;
      } else {
        residual[q] += this.rate[g];
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
      } else if (this.inScan[q] !== fe) {
        // New to the fill, or left the scan when its flows all froze elsewhere.
        this.inScan[q] = fe;
        this.filled[this.scanLive++] = q;
      }
    }
    if (this.cap[g] < Infinity) {
      if (inHeap) heap.push(this.cap[g] / w, this.resourceCount + g);
      else this.cappedScratch[this.scanCapped++] = g;
    }
    return true;
  }

  /** Total rate of the flows on r that are not released (held fixed in this solve). */
  private fixedLoad(r: number): number {
    const list = this.resPool;
    const base = this.resBase[r];
    const epoch = this.epoch;
    let used = 0;
    for (let j = 0, n = this.resCount[r]; j < n; j++) {
      const g = list[base + j];
      if (this.releasedIn[g] !== epoch) used += this.rate[g];
    }
    return used;
  }

  private freeze(f: number, rateBps: number, by: number, fe: number): void {
    const { residual, weightSum, unfrozen, handle, heap, routePool, levelOf, recheck } = this;
    this.frozenIn[f] = fe;
    // A flow whose rate and bottleneck come out as before changes nothing at its resources.
    const moved = this.rate[f] !== rateBps || this.bneck[f] !== by;
    this.rate[f] = rateBps;
    this.bneck[f] = by;
    const w = this.weight[f];
    const start = this.routeStart[f];
    const end = start + this.routeLen[f];
    for (let k = start; k < end; k++) {
      const r = routePool[k];
      if (moved) recheck[r] = 1;
      const res = (residual[r] -= rateBps);
      const ws = (weightSum[r] -= w);
      const left = --unfrozen[r];
      const level = left > 0 ? (res > 0 ? res : 0) / ws : Infinity;
      levelOf[r] = level;
      const h = handle[r];
      if (h < 0) continue;
      if (left > 0) heap.update(h, level);
      else {
        heap.remove(h);
        handle[r] = -1;
      }
    }
  }

  /** Check every touched resource; release the flows that break (F) or (B) there. Returns how many. */
  private check(): number {
    const before = this.releasedCount;
    const { rate, weight, bneck, releasedIn } = this;
    const epoch = this.epoch;
    const touchedNow = this.touchedCount;
    for (let i = 0; i < touchedNow; i++) {
      const r = this.touched[i];
      // Unchanged since it was last found valid (or since the previous solve): skip.
      if (this.recheck[r] === 0) continue;
      this.recheck[r] = 0;
      this.stats.checkedResources++;
      const list = this.resPool;
      const base = this.resBase[r];
      const n = this.resCount[r];
      let load = 0;
      let maxShare = 0;
      let minBottleneckShare = Infinity;
      for (let j = 0; j < n; j++) {
        const g = list[base + j];
        const x = rate[g] / weight[g];
        load += rate[g];
        if (x > maxShare) maxShare = x;
        if (bneck[g] === r && x < minBottleneckShare) minBottleneckShare = x;
      }
      const c = this.capacity[r];
      const slack = TIE * (c > load ? c : load);
      if (load > c + slack) {
        for (let j = 0; j < n; j++) {
          const g = list[base + j];
          if (releasedIn[g] !== epoch) this.release(g);
        }
        continue;
      }
      if (minBottleneckShare === Infinity) continue;
      const shareSlack = TIE * maxShare;
      if (load < c - slack) {
        for (let j = 0; j < n; j++) {
          const g = list[base + j];
          if (bneck[g] === r && releasedIn[g] !== epoch) this.release(g);
        }
        continue;
      }
      if (maxShare - minBottleneckShare <= shareSlack) continue;
      for (let j = 0; j < n; j++) {
        const g = list[base + j];
        if (releasedIn[g] === epoch) continue;
        const x = rate[g] / weight[g];
        if (x > minBottleneckShare + shareSlack) this.release(g);
        else if (bneck[g] === r && x < maxShare - shareSlack) this.release(g);
      }
    }
    return this.releasedCount - before;
  }

  private markDirty(r: number): void {
    if (this.resDirty[r]) return;
    this.resDirty[r] = 1;
    this.dirty[this.dirtyCount++] = r;
  }

  private markRouteDirty(f: number): void {
    const start = this.routeStart[f];
    const end = start + this.routeLen[f];
    for (let i = start; i < end; i++) this.markDirty(this.routePool[i]);
  }

  private markPending(f: number): void {
    if (this.pendingMark[f]) return;
    this.pendingMark[f] = 1;
    if (this.pendingCount === this.pending.length) this.pending = grown(this.pending, this.pendingCount * 2);
    this.pending[this.pendingCount++] = f;
  }

  /** The slot of an active flow; throws when the flow is not active. */
  private slot(op: string, flow: number): number {
    const slot = flow >= 0 && flow < this.slotOf.length ? this.slotOf[flow] : -1;
    if (slot < 0) throw new Error(`IncrementalSharing.${op}: flow ${flow} is not active`);
    return slot;
  }

  /** Advance the solve stamp; on wrap-around, clear the stamps so old values never match. */
  private nextEpoch(): void {
    if (this.epoch === 0x7fffffff) {
      this.epoch = 0;
      this.releasedIn.fill(0);
      this.resTouched.fill(0);
    }
    this.epoch++;
    if (this.fillEpoch > 0x7fff0000) {
      this.fillEpoch = 0;
      this.frozenIn.fill(0);
      this.resFilled.fill(0);
      this.popped.fill(0);
      this.inScan.fill(0);
    }
  }

  private growSlots(size: number): void {
    this.idOf = grown(this.idOf, size);
    this.freeSlots = grown(this.freeSlots, size);
    this.activeList = grown(this.activeList, size);
    this.active = grown(this.active, size);
    this.pendingMark = grown(this.pendingMark, size);
    this.rate = grown(this.rate, size);
    this.reported = grown(this.reported, size);
    this.weight = grown(this.weight, size);
    this.cap = grown(this.cap, size);
    this.bneck = grown(this.bneck, size);
    this.routeStart = grown(this.routeStart, size);
    this.routeLen = grown(this.routeLen, size);
    this.releasedIn = grown(this.releasedIn, size);
    this.frozenIn = grown(this.frozenIn, size);
    this.activePos = grown(this.activePos, size);
    if (this.released.length < size) this.released = grown(this.released, size);
    if (this.cappedScratch.length < size) this.cappedScratch = new Int32Array(size);
    this.slotCapacity = size;
  }

  /** Make room for `len` more route entries: compact the pool when half of it is garbage, else grow it. */
  private reservePool(len: number): void {
    if (this.poolEnd + len <= this.routePool.length) return;
    if (this.poolGarbage * 2 >= this.poolEnd) {
      this.compactPool(Math.max(this.routePool.length, 2 * (this.poolEnd - this.poolGarbage + len)));
    } else {
      this.compactPool(Math.max(2 * this.routePool.length, 2 * (this.poolEnd - this.poolGarbage + len)));
    }
  }

  /** Give resource r's list twice the room at the end of the pool (compacting the pool first if half of it is garbage). */
  private growResource(r: number): void {
    const room = 2 * this.resRoom[r];
    if (this.resPoolEnd + room > this.resPool.length) {
      const live = this.resPoolEnd - this.resPoolGarbage;
      const size = this.resPoolGarbage * 2 >= this.resPoolEnd ? Math.max(this.resPool.length, 2 * (live + room)) : Math.max(2 * this.resPool.length, 2 * (live + room));
      const pool = new Int32Array(size);
      let end = 0;
      for (let q = 0; q < this.resourceCount; q++) {
        const base = this.resBase[q];
        pool.set(this.resPool.subarray(base, base + this.resCount[q]), end);
        this.resBase[q] = end;
        end += this.resRoom[q];
      }
      this.resPool = pool;
      this.resPoolEnd = end;
      this.resPoolGarbage = 0;
    }
    const base = this.resBase[r];
    this.resPool.copyWithin(this.resPoolEnd, base, base + this.resCount[r]);
    this.resBase[r] = this.resPoolEnd;
    this.resPoolGarbage += this.resRoom[r];
    this.resRoom[r] = room;
    this.resPoolEnd += room;
  }

  private compactPool(size: number): void {
    const pool = new Int32Array(size);
    const pos = new Int32Array(size);
    let end = 0;
    for (let i = 0; i < this.activeCount; i++) {
      const f = this.activeList[i];
      const start = this.routeStart[f];
      const len = this.routeLen[f];
      pool.set(this.routePool.subarray(start, start + len), end);
      pos.set(this.routePos.subarray(start, start + len), end);
      this.routeStart[f] = end;
      end += len;
    }
    this.routePool = pool;
    this.routePos = pos;
    this.poolEnd = end;
    this.poolGarbage = 0;
  }
}

function checkWeight(op: string, weight: number): void {
  if (!(weight > 0 && weight < Infinity)) throw new Error(`IncrementalSharing.${op}: weight ${weight}, expected a finite number > 0`);
}

function checkCap(op: string, capBps: number): void {
  if (!(capBps >= 0)) throw new Error(`IncrementalSharing.${op}: cap ${capBps} B/s, expected ≥ 0 (Infinity for none)`);
}
