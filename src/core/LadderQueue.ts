// LadderQueue: a ladder queue (Tang, Goh & Thng 2005) over typed arrays, with a heap for its bottom and handles.
import { grown } from "./grown.js";
import { FIRST_RUNG_BUCKET, INFINITE, LadderBuckets, TOP } from "./LadderBuckets.js";

/** A bucket holding more events than this is split into a finer rung instead of sorted (the paper's THRES). */
const THRESHOLD = 50;
/** At most this many rungs (the paper's choice); a bucket still too full at the last one is sorted whole. */
const MAX_RUNGS = 8;
/** Destinations that are not buckets (see destination). */
const BOTTOM = -1;
const RETURN_INFINITE = -2;

/**
 * A priority queue of events keyed by time with the interface and pop order of an
 * indexed heap — (time, then a sequence number taken at every push and update) — at a
 * cost per event that does not grow with the number pending. Measured in the hold model
 * (bench/hold.ts); `Simulation`'s queue (docs/architecture.md, "Why runs with the ladder
 * were slower, and the fix").
 *
 * Layout (the ladder queue of Tang, Goh & Thng, ACM TOMACS 15(3), 2005):
 * - Top: an unsorted list of the events at or after `topStart`, with their min and max.
 * - Rungs: up to 8 arrays of buckets, each an unsorted list of the events whose
 *   bucket index `floor((t - start) · inverseWidth)` (clamped to the rung) it is; rung
 *   r + 1 splits one bucket of rung r. Buckets before a rung's `cur` have been emptied.
 * - Bottom: an indexed 4-ary heap ordered by (time, sequence) holding every event that
 *   sorts before all of the rungs' and Top's; pops come from it only.
 * When Bottom is empty, the lowest rung's next non-empty bucket moves into it (or, with
 * more than 50 events, is split into a new rung); with no rungs left, Top is spread over
 * a new first rung of as many buckets as it has events. An event moves at most once per
 * level, and every move is a list operation, so push, pop, update and remove cost O(1)
 * amortized for the hold model's distributions (the paper's claim; bench/hold.ts).
 *
 * Exactness: a bucket index is a monotone function of time, so an event in a lower
 * bucket (or rung, or Bottom) is strictly earlier than one in a higher one and equal times
 * always share a bucket; ties are ordered by the heap, which sees every event of a bucket
 * at once. Events at +Infinity wait in a list of their own, so they do not stretch a
 * rung over an infinite range. Times must not be NaN.
 *
 * Where this departs from the paper: Bottom is a heap, not a sorted list, so it needs no
 * spawning when it grows (a bucket of equal times, or one still crowded at the eighth
 * rung, is simply heaped whole); a split bucket's rung spans the bucket's own min..max
 * with one bucket per event (the paper: THRES buckets of 1/THRES of the parent's width).
 *
 * The handles' slots and Bottom are {@link LadderBottom}'s. Lists are doubly linked
 * through per-handle `next`/`prev` fields so that `remove` and `update` unlink in O(1);
 * a handle's `loc` is its heap position (≥ 0), -1 when not pending, or -2 - bucket (the
 * buckets and their lists are {@link LadderBuckets}').
 */
export class LadderQueue extends LadderBuckets {
  // Top: the events at or after topStart (its min and max are LadderBuckets').
  private declare topStart: number;
  // Rungs.
  private declare rungs: number;
  private declare rungStart: Float64Array;
  private declare rungInverseWidth: Float64Array;
  private declare rungBuckets: Int32Array;
  private declare rungCur: Int32Array;
  private declare rungBase: Int32Array;

  constructor(initialCapacity = 1024) {
    super(initialCapacity);
    // A placeholder first for each field that changes, as in LadderBottom (V8's const fields).
    this.topStart = Number.NaN;
    this.rungs = -1;
    this.topStart = -Infinity;
    this.rungs = 0;
    this.rungStart = new Float64Array(MAX_RUNGS);
    this.rungInverseWidth = new Float64Array(MAX_RUNGS);
    this.rungBuckets = new Int32Array(MAX_RUNGS);
    this.rungCur = new Int32Array(MAX_RUNGS);
    this.rungBase = new Int32Array(MAX_RUNGS);
  }

  /** Number of pending events. */
  get size(): number {
    return this.count;
  }

  /** Schedule an event at `timeS` carrying `payload`; returns its handle. */
  push(timeS: number, payload: number): number {
    let slot: number;
    if (this.freeCount > 0) slot = this.freeSlots[--this.freeCount];
    else {
      if (this.slotsUsed === this.capacity) this.grow();
      slot = this.slotsUsed++;
    }
    this.slotF[4 * slot + 2] = payload;
    this.slotF[4 * slot + 1] = this.nextSeq++;
    this.slotF[4 * slot] = timeS;
    this.count++;
    this.place(slot, timeS);
    return slot;
  }

  /** Time of the earliest event, or +Infinity when empty. */
  peekTime(): number {
    if (this.heapCount === 0) {
      // 1 / 0, not the global Infinity: Simulation.run inlines this and the branch is taken
      // only at the end, so V8 compiled that load without feedback and kept the time of every
      // event as a heap number (about 100,000 allocated in the k=16 20,000-flow run).
      if (this.count === 0) return 1 / 0;
      this.refill();
    }
    return this.heapTime[0];
  }

  /** Payload of the earliest event (undefined behaviour when empty). */
  peekPayload(): number {
    if (this.heapCount === 0 && this.count > 0) this.refill();
    return this.slotF[4 * (this.heapSlot[0]) + 2];
  }

  /** Handle of the earliest event, or -1 when empty. */
  peekHandle(): number {
    if (this.heapCount === 0) {
      if (this.count === 0) return -1;
      this.refill();
    }
    return this.heapSlot[0];
  }

  /** Remove the earliest event and return its payload (throws when empty). */
  pop(): number {
    if (this.heapCount === 0) {
      if (this.count === 0) throw new Error("LadderQueue.pop: queue is empty");
      this.refill();
    }
    const slot = this.heapSlot[0];
    const payload = this.slotF[4 * slot + 2];
    this.release(slot);
    this.heapRemoveAt(0);
    return payload;
  }

  /**
   * Move a pending event to `timeS`. It takes a fresh sequence number, exactly as if it
   * had been removed and pushed again now. Throws if `handle` is not pending.
   */
  update(handle: number, timeS: number): void {
    if (!this.has(handle)) throw notPending(handle);
    this.slotF[4 * handle + 1] = this.nextSeq++;
    this.slotF[4 * handle] = timeS;
    this.moved(handle);
  }

  /**
   * Move pending `handle`, whose time {@link update} has just set, to where that time belongs.
   * It takes no time argument: `update` is small enough for V8 to inline where it is hot
   * (FlowNetwork.solve, at every rate change), and a double passed to a call that is not
   * inlined is allocated as a heap number (4 MB in the k=16 20,000-flow run).
   */
  private moved(handle: number): void {
    const timeS = this.slotF[4 * handle];
    const loc = this.slotI[4 * handle + 2];
    const to = this.destination(timeS);
    if (loc >= 0) {
      if (to === BOTTOM) {
        // Bottom still holds the old time at loc. With a fresh (largest) sequence, an equal time can only move the event down.
        if (timeS < this.heapTime[loc]) this.siftUp(loc, handle, timeS);
        else this.siftDown(loc, handle, timeS);
        return;
      }
      this.heapRemoveAt(loc);
    } else {
      const from = -2 - loc;
      if (from === to) {
        // A bucket is unsorted: the new time and sequence are all that change.
        if (to === TOP) this.widenTop(timeS);
        return;
      }
      this.unlink(handle, from);
    }
    this.placeAt(handle, timeS, to);
  }

  /** Cancel a pending event; returns false if it was not pending. */
  remove(handle: number): boolean {
    if (!this.has(handle)) return false;
    const loc = this.slotI[4 * handle + 2];
    this.release(handle);
    if (loc >= 0) this.heapRemoveAt(loc);
    else this.unlink(handle, -2 - loc);
    return true;
  }

  /** Drop every pending event. */
  clear(): void {
    for (let h = 0; h < this.slotsUsed; h++) this.slotI[4 * h + 2] = -1;
    // The rungs go (rungs = 0): their buckets are emptied again when spread.
    this.emptyBuckets(TOP, FIRST_RUNG_BUCKET);
    this.count = 0;
    this.heapCount = 0;
    this.freeCount = 0;
    this.slotsUsed = 0;
    this.rungs = 0;
    this.topStart = -Infinity;
    this.topMin = Infinity;
    this.topMax = -Infinity;
  }

  /**
   * Where an event at `t` goes: Top, the list at +Infinity, a rung's bucket, BOTTOM, or
   * RETURN_INFINITE when Bottom holds only events at +Infinity (see refill), which must
   * go back to their list before a finite time is placed.
   */
  private destination(t: number): number {
    if (t >= this.topStart) return t === Infinity ? INFINITE : TOP;
    for (let r = 0; r < this.rungs; r++) {
      const k = this.indexIn(r, t);
      if (k >= this.rungCur[r]) return this.rungBase[r] + k;
    }
    return this.topStart === Infinity ? RETURN_INFINITE : BOTTOM;
  }

  /** Put pending `slot` (time `t`, already counted) where it belongs. */
  private place(slot: number, t: number): void {
    this.placeAt(slot, t, this.destination(t));
  }

  /** Put pending `slot` (time `t`) at `to`, its destination. */
  private placeAt(slot: number, t: number, to: number): void {
    if (to >= 0) {
      if (to === TOP) this.widenTop(t);
      this.link(slot, to);
    } else if (to === BOTTOM) this.heapPush(slot, t);
    else {
      this.returnInfinite();
      this.place(slot, t);
    }
  }

  /** Move Bottom's events, all at +Infinity, back to their list, and reopen Top below them. */
  private returnInfinite(): void {
    const hs = this.heapSlot;
    for (let i = 0; i < this.heapCount; i++) this.link(hs[i], INFINITE);
    this.heapCount = 0;
    this.topStart = -Infinity;
  }

  /**
   * Rung `r`'s bucket for time `t`: floor((t - start) · inverseWidth), at most the rung's
   * last (negative before its start). Monotone in `t`, which is all the order rests on;
   * a time past the last bucket's range belongs to that bucket, so it is compared with
   * `cur` clamped — once the last bucket is emptied such a time goes below the rung.
   */
  private indexIn(r: number, t: number): number {
    const k = Math.floor((t - this.rungStart[r]) * this.rungInverseWidth[r]);
    const last = this.rungBuckets[r] - 1;
    return k < last ? k : last;
  }

  /** Fill the empty Bottom from the rungs, Top or the events at +Infinity (the queue is not empty). */
  private refill(): void {
    for (;;) {
      if (this.rungs === 0) {
        const inTop = this.buckets[2 * TOP + 1];
        if (inTop === 0) {
          // Only events at +Infinity are left: they sort by sequence alone, in Bottom, until
          // a finite time is pushed (place).
          this.drain(INFINITE);
          this.topStart = Infinity;
          return;
        }
        const min = this.topMin, max = this.topMax;
        this.topStart = max;
        const inverseWidth = inTop / (max - min);
        if (inTop <= THRESHOLD || !(inverseWidth < Infinity)) {
          this.drain(TOP);
        } else {
          this.spread(TOP, inTop, min, inverseWidth);
        }
        this.topMin = Infinity;
        this.topMax = -Infinity;
        if (this.heapCount > 0) return;
        continue;
      }
      const r = this.rungs - 1;
      const base = this.rungBase[r];
      const n = this.rungBuckets[r];
      let cur = this.rungCur[r];
      const bk = this.buckets;
      while (cur < n && bk[2 * (base + cur) + 1] === 0) cur++;
      if (cur === n) {
        this.rungs = r;
        continue;
      }
      const bucket = base + cur;
      this.rungCur[r] = cur + 1;
      const inBucket = bk[2 * bucket + 1];
      if (inBucket > THRESHOLD && r + 1 < MAX_RUNGS) {
        // Split the bucket over a finer rung spanning its events' own range.
        let min = Infinity, max = -Infinity;
        const f = this.slotF, iv = this.slotI;
        for (let s = this.buckets[2 * bucket]; s >= 0; s = iv[4 * s]) {
          const t = f[4 * s];
          if (t < min) min = t;
          if (t > max) max = t;
        }
        const inverseWidth = inBucket / (max - min);
        if (inverseWidth < Infinity) {
          this.spread(bucket, inBucket, min, inverseWidth);
          continue;
        }
      }
      this.drain(bucket);
      return;
    }
  }

  /** Move every event of `bucket` into a new rung of `buckets` buckets starting at `start`. */
  private spread(bucket: number, n: number, start: number, inverseWidth: number): void {
    const r = this.rungs++;
    const base = r === 0 ? FIRST_RUNG_BUCKET : this.rungBase[r - 1] + this.rungBuckets[r - 1];
    if (2 * (base + n) > this.buckets.length) {
      this.buckets = grown(this.buckets, Math.max(2 * (base + n), this.buckets.length * 2));
    }
    this.emptyBuckets(base, base + n);
    this.rungStart[r] = start;
    this.rungInverseWidth[r] = inverseWidth;
    this.rungBuckets[r] = n;
    this.rungCur[r] = 0;
    this.rungBase[r] = base;
    const f = this.slotF, iv = this.slotI;
    const last = n - 1;
    let s = this.buckets[2 * bucket];
    this.buckets[2 * bucket] = -1;
    this.buckets[2 * bucket + 1] = 0;
    while (s >= 0) {
      const after = iv[4 * s];
      const k = Math.floor((f[4 * s] - start) * inverseWidth); // indexIn(r, time), inlined
      this.link(s, base + (k < last ? k : last));
      s = after;
    }
  }
}

/** The error of an update of a handle that is not pending (made here, not in a template literal at the throw, which V8 may evaluate where update is inlined). */
function notPending(handle: number): Error {
  return new Error(`LadderQueue.update: handle ${handle} is not pending`);
}
