// SharingState: the incremental max-min solver's state in typed arrays (flows in dense slots, resources, routes, the current solve's lists) and its bookkeeping.
import { EventQueue } from "../../core/EventQueue.js";
import { grown } from "../../core/grown.js";
import { lineAlignedBuffer } from "../../core/lineAlignedBuffer.js";
import type { saturatedShare } from "../saturatedShare.js";
import { MAX_INDEXED, checkIndexable } from "./checkIndexable.js";
import { ResourceLists } from "./ResourceLists.js";
import type { lowestLevel } from "./lowestLevel.js";

/**
 * Everything {@link IncrementalSharing} keeps, shared with the functions of one solve
 * (refill, fillByScan, fillByHeap, join, freeze, checkTouched). Per-resource arrays are
 * indexed by resource, per-flow arrays by slot: flows live in dense slots, reused after
 * removal, so per-flow arrays stay as small as the number of concurrent flows however
 * large the ids grow; ids map to slots only at the engine's API. Arrays are replaced when
 * they grow, which happens only when a flow is added, never during a solve.
 */
export class SharingState {
  readonly resourceCount: number;
  readonly lists: ResourceLists;
  /**
   * Each resource's record, 64 bytes (one line of the cache) at byte `64 * r` of one buffer
   * that starts on a line ({@link lineAlignedBuffer}), read through two views: the doubles
   * `fillNum[r << 3]`, the current fill's capacity left for its unfrozen flows (the residual),
   * `fillNum[(r << 3) | 1]`, the total weight of those flows, `fillNum[(r << 3) | 2]`, the resource's
   * capacity, and `fillNum[(r << 3) | 3]`, its {@link topShare}; the integers {@link fillInt}. What
   * a visit to a resource reads together — join its capacity, touched stamp, fill fields and,
   * for {@link joinable}, its saturated and lowered stamps; freeze the fill fields; the check the
   * bound count, fill fields, capacity and lowered stamp, and writes the top share — from one
   * line, where up to eight arrays made up to eight (session 43; the records of session 40 were
   * two of 16 bytes).
   */
  readonly fillNum: Float64Array;
  /**
   * The integers of the resource's record ({@link fillNum}), eight at `(r << 4) | 8`: the fill
   * epoch in which it joined the fill (`(r << 4) | 8`: it is in `filled`, or was added by a join);
   * its unfrozen flows in the fill (`(r << 4) | 9`); the fill epoch in which it is in fillByScan's
   * resources in play (`(r << 4) | 10`); its position there, in `filled` and {@link scanLevel}
   * (`(r << 4) | 11`, valid while `(r << 4) | 10` is the fill's epoch); the solve epoch in which it
   * was touched (`(r << 4) | 12`: it is in `touched`); the fill epoch in which it saturated (its
   * flows froze there, `(r << 4) | 13`); the solve epoch in which its capacity had been lowered
   * (`(r << 4) | 14`: only then can its held flows exceed it, as they had fitted the former
   * capacity, see {@link joinable}); and how many active flows have it as their bottleneck
   * witness (`(r << 4) | 15`, `slotInt[(f << 3) | 5]`: a resource with none has no flow to release
   * or let rise for being bound there, so its list is not walked for them; {@link setBottleneck}
   * keeps it).
   */
  readonly fillInt: Int32Array;
  /**
   * The resource's largest share if it is saturated, else -1 ({@link saturatedShare}), as
   * of its last check (or full fill): what `bottleneck()` reads to break ties. A view of the
   * resources' records from their fourth double: resource r's is `topShare[r << 3]`
   * (`fillNum[(r << 3) | 3]`), in the line the check has just read.
   */
  readonly topShare: Float64Array;
  /**
   * The resource's handle in the heap of fillByHeap, or -1: always -1 outside a heap fill
   * (every entry pushed in one leaves before it ends: popped, or removed by freeze, each clearing
   * its handle), so freeze reads it only while {@link heapFill} is set.
   */
  readonly handle: Int32Array;
  /** Set while fillByHeap runs (see {@link handle}). */
  heapFill = false;
  /**
   * fillByScan's resources in play, by position (`filled[i]`'s entry is `scanLevel[i]`): the
   * share at which each saturates if nothing else freezes first, Infinity once none of its
   * flows is unfrozen. Kept by position so the scan for the lowest reads one array straight
   * through; {@link fillInt}'s `(r << 4) | 11` finds a resource's entry (valid while `(r << 4) | 10` is the fill's epoch).
   */
  readonly scanLevel: Float64Array;
  /**
   * fillByScan's near resources ({@link lowestLevel}): every resource in play whose level is
   * below `nearBound` is in `nearList[0 … nearCount)`, marked by `nearIn[r] === nearGen`.
   */
  readonly nearList: Int32Array;
  readonly nearIn: Int32Array;
  nearCount = 0;
  nearBound = -Infinity;
  nearGen = 0;
  /**
   * The positions (in `filled` and {@link scanLevel}) of the resources in play whose flows have all
   * frozen since fillByScan last looked for the lowest level (it takes them out), one bit a
   * position: bit `p & 31` of word `p >> 5`. A position stays the resource's until that search,
   * the only place where entries move. Bits, rather than a list of resources, give the positions
   * in increasing order without a sort and without reading each resource's record again
   * (session 45).
   */
  readonly diedBits: Int32Array;
  /** Words of {@link diedBits} that may hold a bit (those below it); 0 when none does. */
  diedTop = 0;
  /**
   * Set when the resource changed (capacity, flows, or a flow's rate or bottleneck) since
   * its last check; only such resources are checked. Cleared by the check itself, so a
   * change made by a fill that had to be redone is still checked after the redo.
   */
  readonly recheck: Uint8Array;
  /**
   * The fill epoch in which {@link joinBottlenecked} last walked the resource's list, and the
   * level of that walk (`walkedLevel[r]`, valid while `walkedIn[r]` is the fill's epoch): a later
   * walk in the same fill at a level not below it would join nothing, so it is not made.
   */
  readonly walkedIn: Int32Array;
  readonly walkedLevel: Float64Array;
  /** Set when the resource's capacity was lowered since the last solve. */
  readonly fell: Uint8Array;
  /** Whether some resource's capacity was lowered before this solve (its stamp `fillInt[(r << 4) | 14]` is the solve's epoch); written every solve. */
  fellNow = false;
  /** Whether the resource changed since the last solve (is in `dirty`). */
  readonly resDirty: Uint8Array;
  readonly dirty: Int32Array;
  dirtyCount = 0;

  slotOf = new Int32Array(0);
  idOf = new Int32Array(0);
  freeSlots = new Int32Array(0);
  freeCount = 0;
  slotsUsed = 0;
  slotCapacity = 0;
  active = new Uint8Array(0);
  /**
   * Each slot's record, 32 bytes at byte `32 * f`, read through two views of one buffer that
   * starts on a cache line ({@link lineAlignedBuffer}, so no record straddles two lines):
   * `slotNum[f << 2]` the flow's exact rate (bytes/s), `slotNum[(f << 2) | 1]` its weight;
   * `slotInt[(f << 3) | 4]` the solve epoch in which it was released, `slotInt[(f << 3) | 5]` its
   * bottleneck resource (-1 at its cap), `slotInt[(f << 3) | 6]` and `slotInt[(f << 3) | 7]` where
   * its route starts in {@link routePool} and its length. The fields a solve reads of a flow
   * together (a list walk reads the released stamp and the rate, the checks the weight and
   * bottleneck too, a freeze or join the route): one line of the cache a flow, where six
   * arrays made up to six (session 41). Indices are literal shifts and ors, as in {@link fillInt}
   * (the bundle makes module constants mutable `var`s, which V8 would load at each use).
   */
  slotNum = new Float64Array(0);
  slotInt = new Int32Array(0);
  /** The rate last reported for the flow (moves only beyond round-off). */
  reported = new Float64Array(0);
  cap = new Float64Array(0);
  /** Fill epoch in which the flow froze. */
  frozenIn = new Int32Array(0);
  pendingMark = new Uint8Array(0);
  activePos = new Int32Array(0);
  activeList = new Int32Array(0);
  activeCount = 0;
  /** Flows added or changed since the last solve. */
  pending = new Int32Array(16);
  pendingCount = 0;

  /** Every active flow's resources, where its record's route start and length say; compacted when half of it is garbage (sized in the constructor). */
  routePool = new Int32Array(0);
  /** For each route entry, the flow's position in that resource's list (sized in the constructor). */
  routePos = new Int32Array(0);
  poolEnd = 0;
  poolGarbage = 0;

  /** The flows released in this solve. */
  released = new Int32Array(16);
  releasedCount = 0;
  /** The resources touched in this solve. */
  readonly touched: Int32Array;
  touchedCount = 0;
  /** The resources of the current fill (fillByScan keeps its resources in play at the front). */
  readonly filled: Int32Array;
  /** Ids of the flows whose reported rate moved in the last solve (room for every slot: grown with them, never in a solve). */
  changed = new Int32Array(16);
  /** The slots of {@link changed}'s flows, at the same places. */
  changedSlots = new Int32Array(16);
  cappedScratch = new Int32Array(0);
  /**
   * The released flows not yet frozen on the resource that {@link joinLargerShares} last walked, in list order
   * (`risingOn[0 … risingOnCount)`): the flows {@link freezeAtLevel} would freeze there if the resource saturates
   * (room for every slot: a list holds each slot at most once).
   */
  risingOn = new Int32Array(0);
  risingOnCount = 0;
  /**
   * How the fill under way lets held flows join ({@link joinBottlenecked}): 0 not at all
   * (no fill, or one that must be redone anyway), 1 into fillByScan's lists, 2 into the heap.
   */
  joinMode = 0;
  /**
   * Released flows of the fill under way that cross some resource and have not frozen yet:
   * fillByScan counts those released when it starts, join adds each flow it brings in or
   * releases for the next round, freeze takes out each one it freezes. At 0 no resource in
   * play has an unfrozen flow left, so fillByScan needs no search for the lowest level.
   */
  rising = 0;
  /** Lengths of fillByScan's lists of resources in play and capped flows, shared with join. */
  scanLive = 0;
  scanCapped = 0;
  readonly heap: EventQueue;
  epoch = 0;
  fillEpoch = 0;

  /**
   * Work counters, for benchmarks: solves, flows released, solves that fell back to
   * releasing every flow, refill rounds, resources filled over and resources checked,
   * held flows that joined a fill, and joins that made a fill start again.
   */
  readonly stats = { solves: 0, releasedFlows: 0, fullSolves: 0, rounds: 0, filledResources: 0, checkedResources: 0, joinedFlows: 0, restarts: 0 };

  /** State for resources of these capacities (copied) and no flows. */
  constructor(capacityBps: Float64Array) {
    const R = capacityBps.length;
    checkIndexable(R, "channels and capacities to share");
    // A second value for the pool's arrays, which compactPool replaces: V8 would otherwise
    // track them as constants and, at the first compaction, drop the optimized solve, join,
    // release, refill and freeze (docs/architecture.md, s46-deopt).
    this.routePool = new Int32Array(1024);
    this.routePos = new Int32Array(1024);
    this.resourceCount = R;
    this.lists = new ResourceLists(R);
    const record = lineAlignedBuffer(64 * R);
    this.fillNum = new Float64Array(record, 0, 8 * R);
    this.fillInt = new Int32Array(record, 0, 16 * R);
    this.topShare = new Float64Array(record, 24, Math.max(0, 8 * R - 3));
    for (let r = 0; r < R; r++) {
      this.fillNum[(r << 3) | 2] = capacityBps[r];
      this.topShare[r << 3] = -1;
    }
    this.handle = new Int32Array(R).fill(-1);
    this.scanLevel = new Float64Array(R);
    this.nearList = new Int32Array(R);
    this.nearIn = new Int32Array(R);
    this.diedBits = new Int32Array((R >> 5) + 1);
    this.recheck = new Uint8Array(R);
    this.walkedIn = new Int32Array(R);
    this.walkedLevel = new Float64Array(R);
    this.resDirty = new Uint8Array(R);
    this.fell = new Uint8Array(R);
    this.dirty = new Int32Array(R);
    this.touched = new Int32Array(R);
    this.filled = new Int32Array(R);
    this.heap = new EventQueue(R + 64);
  }

  /** Release flow f: its rate is recomputed by the next refill. */
  release(f: number): void {
    if (this.slotInt[(f << 3) | 4] === this.epoch) return;
    this.addReleased(f);
    const end = this.slotInt[(f << 3) | 6] + this.slotInt[(f << 3) | 7];
    for (let k = this.slotInt[(f << 3) | 6]; k < end; k++) this.touch(this.routePool[k]);
  }

  /** Put not-released flow f in this solve's released flows; {@link touch} must follow for each resource of its route. */
  addReleased(f: number): void {
    this.slotInt[(f << 3) | 4] = this.epoch;
    this.released[this.releasedCount++] = f;
  }

  /** Make resource r (-1: its cap) flow f's bottleneck witness, keeping its bound count (`fillInt[(r << 4) | 15]`). */
  setBottleneck(f: number, r: number): void {
    const old = this.slotInt[(f << 3) | 5];
    if (old === r) return;
    if (old >= 0) this.fillInt[(old << 4) | 15]--;
    if (r >= 0) this.fillInt[(r << 4) | 15]++;
    this.slotInt[(f << 3) | 5] = r;
  }

  /** Forget every died position ({@link diedBits}). */
  clearDied(): void {
    const bits = this.diedBits;
    for (let w = 0, top = this.diedTop; w < top; w++) bits[w] = 0;
    this.diedTop = 0;
  }

  /** Add r to this solve's touched resources. */
  touch(r: number): void {
    if (this.fillInt[(r << 4) | 12] === this.epoch) return;
    this.fillInt[(r << 4) | 12] = this.epoch;
    this.touched[this.touchedCount++] = r;
  }

  /**
   * Total rate of the flows on r that are not released (held fixed in this solve), summed
   * in list order. Not kept between calls (session 41): every call but a rare one follows a
   * release of a flow on r in the same solve (refill's resources are on a released flow's
   * route, join's on the route of the flow it has just released), so a stamped sum was never
   * reused on the web-search runs, and keeping it cost two per-resource arrays and a store
   * at every release.
   */
  fixedLoad(r: number): number {
    const epoch = this.epoch;
    const { slotNum, slotInt } = this;
    const list = this.lists.slot;
    const base = this.lists.span[r << 1];
    let used = 0;
    for (let e = base, end = base + this.lists.span[(r << 1) | 1]; e < end; e++) {
      const g = list[e];
      if (slotInt[(g << 3) | 4] !== epoch) used += slotNum[g << 2];
    }
    return used;
  }

  markDirty(r: number): void {
    if (this.resDirty[r]) return;
    this.resDirty[r] = 1;
    this.dirty[this.dirtyCount++] = r;
  }

  markRouteDirty(f: number): void {
    const start = this.slotInt[(f << 3) | 6];
    const end = start + this.slotInt[(f << 3) | 7];
    for (let i = start; i < end; i++) this.markDirty(this.routePool[i]);
  }

  markPending(f: number): void {
    if (this.pendingMark[f]) return;
    this.pendingMark[f] = 1;
    if (this.pendingCount === this.pending.length) this.pending = grown(this.pending, this.pendingCount * 2);
    this.pending[this.pendingCount++] = f;
  }

  /** Advance the solve stamp; on wrap-around, clear the stamps so old values never match. */
  nextEpoch(): void {
    if (this.epoch === 0x7fffffff) {
      this.epoch = 0;
      for (let f = 0; f < this.slotCapacity; f++) this.slotInt[(f << 3) | 4] = 0;
      for (let r = 0; r < this.resourceCount; r++) {
        this.fillInt[(r << 4) | 12] = 0;
        this.fillInt[(r << 4) | 14] = 0;
      }
    }
    this.epoch++;
    if (this.fillEpoch > 0x7fff0000) {
      this.fillEpoch = 0;
      this.frozenIn.fill(0);
      this.walkedIn.fill(0);
      for (let r = 0; r < this.resourceCount; r++) {
        this.fillInt[(r << 4) | 8] = 0;
        this.fillInt[(r << 4) | 10] = 0;
        this.fillInt[(r << 4) | 13] = 0;
      }
    }
    if (this.nearGen > 0x7fff0000) {
      this.nearGen = 0;
      this.nearIn.fill(0);
    }
  }

  /**
   * Room for `size` flow slots, at most {@link MAX_INDEXED}: a request beyond it is cut to it,
   * and once the slots are that many the next growth refuses the run (one sentence,
   * {@link checkIndexable}).
   */
  growSlots(size: number): void {
    checkIndexable(this.slotCapacity + 1, "flows sharing the network at once");
    size = Math.min(size, MAX_INDEXED);
    this.idOf = grown(this.idOf, size);
    this.freeSlots = grown(this.freeSlots, size);
    this.activeList = grown(this.activeList, size);
    this.active = grown(this.active, size);
    this.pendingMark = grown(this.pendingMark, size);
    this.reported = grown(this.reported, size);
    this.cap = grown(this.cap, size);
    if (size > this.slotCapacity) {
      // Copied as bytes: the int fields read as doubles may be NaN patterns a float copy could change.
      const buffer = lineAlignedBuffer(32 * size);
      new Uint8Array(buffer).set(new Uint8Array(this.slotInt.buffer, 0, 32 * this.slotCapacity));
      this.slotNum = new Float64Array(buffer, 0, 4 * size);
      this.slotInt = new Int32Array(buffer, 0, 8 * size);
    }
    this.frozenIn = grown(this.frozenIn, size);
    this.activePos = grown(this.activePos, size);
    if (this.released.length < size) this.released = grown(this.released, size);
    if (this.cappedScratch.length < size) this.cappedScratch = new Int32Array(size);
    if (this.risingOn.length < size) this.risingOn = new Int32Array(size);
    if (this.changed.length < size) this.changed = new Int32Array(size);
    if (this.changedSlots.length < size) this.changedSlots = new Int32Array(size);
    this.slotCapacity = size;
  }

  /** Make room for `len` more route entries: compact the pool when half of it is garbage, else grow it. */
  reservePool(len: number): void {
    if (this.poolEnd + len <= this.routePool.length) return;
    if (this.poolGarbage * 2 >= this.poolEnd) {
      this.compactPool(Math.max(this.routePool.length, 2 * (this.poolEnd - this.poolGarbage + len)));
    } else {
      this.compactPool(Math.max(2 * this.routePool.length, 2 * (this.poolEnd - this.poolGarbage + len)));
    }
  }

  private compactPool(size: number): void {
    const pool = new Int32Array(size);
    const pos = new Int32Array(size);
    let end = 0;
    for (let i = 0; i < this.activeCount; i++) {
      const f = this.activeList[i];
      const start = this.slotInt[(f << 3) | 6];
      const len = this.slotInt[(f << 3) | 7];
      pool.set(this.routePool.subarray(start, start + len), end);
      pos.set(this.routePos.subarray(start, start + len), end);
      this.slotInt[(f << 3) | 6] = end;
      end += len;
    }
    this.routePool = pool;
    this.routePos = pos;
    this.poolEnd = end;
    this.poolGarbage = 0;
  }
}
