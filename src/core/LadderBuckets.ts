// LadderBuckets: a LadderQueue's unsorted buckets (Top, the list at +Infinity, the rungs') as lists linked through the handles' slots.
import { LadderBottom } from "./LadderBottom.js";

/** Bucket ids 0 and 1 are Top and the list of events at +Infinity; rung buckets follow. */
export const TOP = 0;
export const INFINITE = 1;
export const FIRST_RUNG_BUCKET = 2;

/**
 * The part of {@link LadderQueue} that holds events unsorted: buckets, each a doubly linked
 * list through the slots' `next`/`prev` fields with its count, so a handle is linked, unlinked
 * (by `remove` and `update`) and moved in O(1); Top's min and max, kept as events enter it and
 * reset when it empties; and the move of a whole bucket into Bottom ({@link LadderBottom}'s
 * heap). A linked handle's `loc` is -2 - bucket. Which bucket an event goes to (the rungs) is
 * LadderQueue's; LadderQueue extends this, which is not a queue on its own.
 */
export class LadderBuckets extends LadderBottom {
  // Buckets (Top, Infinity, then the rungs' in order).
  // Bucket b's list head at 2b (-1 when empty) and its number of events at 2b + 1.
  protected declare buckets: Int32Array;
  // Top's least and greatest time (Infinity and -Infinity when it is empty).
  protected declare topMin: number;
  protected declare topMax: number;

  /** Slots for `initialCapacity` handles, an empty Bottom, and Top and the list at +Infinity empty. */
  constructor(initialCapacity: number) {
    super(initialCapacity);
    // A placeholder first for each field that changes, as in LadderBottom (V8's const fields).
    this.buckets = new Int32Array(0);
    this.topMin = Number.NaN;
    this.topMax = Number.NaN;
    this.buckets = new Int32Array(2 * (FIRST_RUNG_BUCKET + this.capacity));
    // Only Top and the list at +Infinity: a rung's buckets are emptied when it is spread (LadderQueue.spread), and none is read before.
    this.emptyBuckets(TOP, FIRST_RUNG_BUCKET);
    this.topMin = Infinity;
    this.topMax = -Infinity;
  }

  /** Widen Top's range to take an event at `t`. */
  protected widenTop(t: number): void {
    if (t < this.topMin) this.topMin = t;
    if (t > this.topMax) this.topMax = t;
  }

  /** Put pending `slot` at the head of `bucket`'s list. */
  protected link(slot: number, bucket: number): void {
    const head = this.buckets[2 * bucket];
    this.slotI[4 * slot] = head;
    this.slotI[4 * slot + 1] = -1;
    if (head >= 0) this.slotI[4 * head + 1] = slot;
    this.buckets[2 * bucket] = slot;
    this.buckets[2 * bucket + 1]++;
    this.slotI[4 * slot + 2] = -2 - bucket;
  }

  /** Take `slot` out of `bucket`'s list (Top's range is reset when Top empties). */
  protected unlink(slot: number, bucket: number): void {
    const prev = this.slotI[4 * slot + 1];
    const next = this.slotI[4 * slot];
    if (prev >= 0) this.slotI[4 * prev] = next;
    else this.buckets[2 * bucket] = next;
    if (next >= 0) this.slotI[4 * next + 1] = prev;
    if (--this.buckets[2 * bucket + 1] === 0 && bucket === TOP) {
      this.topMin = Infinity;
      this.topMax = -Infinity;
    }
  }

  /** Move every event of `bucket` into Bottom. */
  protected drain(bucket: number): void {
    const f = this.slotF, iv = this.slotI;
    let s = this.buckets[2 * bucket];
    this.buckets[2 * bucket] = -1;
    this.buckets[2 * bucket + 1] = 0;
    while (s >= 0) {
      const after = iv[4 * s];
      this.heapPush(s, f[4 * s]);
      s = after;
    }
  }

  /** Empty buckets `from` to `to` (exclusive). */
  protected emptyBuckets(from: number, to: number): void {
    const bk = this.buckets;
    for (let b = from; b < to; b++) {
      bk[2 * b] = -1;
      bk[2 * b + 1] = 0;
    }
  }
}
