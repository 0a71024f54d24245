// LadderBottom: the per-handle slots of a LadderQueue and its Bottom, an indexed 4-ary heap over them ordered by (time, sequence).
import { grown } from "./grown.js";

/**
 * The part of {@link LadderQueue} that knows nothing of rungs or buckets: each handle's
 * slot (time, sequence, payload; list links and location) with a free list, and Bottom,
 * an indexed 4-ary min-heap of slots ordered by (time, then sequence) whose positions
 * are written into the slots' `loc` fields. LadderQueue extends it; it is not a queue on
 * its own (nothing here decides what enters Bottom).
 *
 * Its sift is the same walk as {@link EventQueue}'s, over another layout: here a slot's
 * sequence is `slotF[4h + 1]` and its heap position `slotI[4h + 2]`, beside the fields the
 * ladder's lists use, where EventQueue keeps them in arrays of their own. They are not
 * shared on purpose: EventQueue rebuilt on this class (its slots in this layout, these
 * sifts called from both queues' classes) ran 0.66-0.94× as fast in bench/hold.ts at 10^3,
 * 0.65-0.85× at 10^5 and 0.89-0.93× at 10^6 (docs/architecture.md, "Event loop and queue").
 */
export class LadderBottom {
  // `declare`d and set only in the constructor (see EventQueue: V8 types such fields tighter).
  // Per handle h: time, sequence and payload at slotF[4h + 0..2]; next, prev and loc at
  // slotI[4h + 0..2], so an operation touches a line of each (six separate arrays, or
  // one 64-byte record read through two views of a buffer, measured slower in the hold
  // model at 10^5).
  protected declare slotF: Float64Array;
  protected declare slotI: Int32Array;
  protected declare capacity: number;
  protected declare freeSlots: Int32Array;
  protected declare freeCount: number;
  protected declare slotsUsed: number;
  protected declare count: number;
  protected declare nextSeq: number;
  // Bottom.
  protected declare heapTime: Float64Array;
  protected declare heapSlot: Int32Array;
  protected declare heapCount: number;

  /** Slots for `initialCapacity` handles (at least 4) and an empty Bottom. */
  constructor(initialCapacity: number) {
    const n = Math.max(4, initialCapacity | 0);
    // Every field the queue changes is first given a placeholder (an empty array, -1) and
    // then its value: V8 tracks a field that has held one value as constant, and at its
    // first change drops every optimized function compiled on that (`node --trace-deopt`:
    // "code dependencies"), which the first grow, release or heap push did mid-run. So the
    // change happens here, before any code is optimized (docs/architecture.md, s46-deopt).
    this.slotF = new Float64Array(0);
    this.slotI = new Int32Array(0);
    this.capacity = 0;
    this.freeSlots = new Int32Array(0);
    this.resize(n);
    this.freeCount = -1;
    this.slotsUsed = -1;
    this.count = -1;
    this.nextSeq = -1;
    this.heapCount = -1;
    this.heapTime = new Float64Array(0);
    this.heapSlot = new Int32Array(0);
    this.freeCount = 0;
    this.slotsUsed = 0;
    this.count = 0;
    this.nextSeq = 0;
    // Bottom holds one bucket at a time (≤ 50 events unless ties or the rung limit keep it whole).
    this.heapTime = new Float64Array(Math.min(n, 256));
    this.heapSlot = new Int32Array(Math.min(n, 256));
    this.heapCount = 0;
  }

  /** Whether `handle` refers to a pending event. */
  has(handle: number): boolean {
    return handle >= 0 && handle < this.slotsUsed && this.slotI[4 * handle + 2] !== -1;
  }

  /** Time of a pending event. */
  timeOf(handle: number): number {
    return this.slotF[4 * handle];
  }

  /** Payload of a pending event. */
  payloadOf(handle: number): number {
    return this.slotF[4 * handle + 2];
  }

  /** Put pending `slot` (time `t`) into Bottom. */
  protected heapPush(slot: number, t: number): void {
    if (this.heapCount === this.heapTime.length) {
      this.heapTime = grown(this.heapTime, this.heapTime.length * 2);
      this.heapSlot = grown(this.heapSlot, this.heapSlot.length * 2);
    }
    this.siftUp(this.heapCount++, slot, t);
  }

  /** Take the slot at heap position `i` out of Bottom (its slot is left as it is). */
  protected heapRemoveAt(i: number): void {
    const last = --this.heapCount;
    if (i === last) return;
    const lastSlot = this.heapSlot[last];
    const lastTime = this.heapTime[last];
    if (i > 0) {
      const p = (i - 1) >> 2;
      const pt = this.heapTime[p];
      if (lastTime < pt || (lastTime === pt && this.slotF[4 * lastSlot + 1] < this.slotF[4 * (this.heapSlot[p]) + 1])) {
        this.siftUp(i, lastSlot, lastTime);
        return;
      }
    }
    this.siftDown(i, lastSlot, lastTime);
  }

  /** Place `slot` with time `t` at or above heap position `i`. */
  protected siftUp(i: number, slot: number, t: number): void {
    const ht = this.heapTime, hs = this.heapSlot, f = this.slotF, iv = this.slotI;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = ht[p];
      if (t > pt) break;
      const ps = hs[p];
      if (t === pt && f[4 * slot + 1] > f[4 * ps + 1]) break;
      ht[i] = pt;
      hs[i] = ps;
      iv[4 * ps + 2] = i;
      i = p;
    }
    ht[i] = t;
    hs[i] = slot;
    iv[4 * slot + 2] = i;
  }

  /** Place `slot` with time `t` at or below heap position `i`. */
  protected siftDown(i: number, slot: number, t: number): void {
    const ht = this.heapTime, hs = this.heapSlot, f = this.slotF, iv = this.slotI;
    const n = this.heapCount;
    for (;;) {
      const first = (i << 2) + 1;
      if (first >= n) break;
      let best = first;
      let bt = ht[first];
      const end = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < end; c++) {
        const ct = ht[c];
        if (ct < bt || (ct === bt && f[4 * hs[c] + 1] < f[4 * hs[best] + 1])) {
          best = c;
          bt = ct;
        }
      }
      if (t < bt) break;
      const bs = hs[best];
      if (t === bt && f[4 * slot + 1] < f[4 * bs + 1]) break;
      ht[i] = bt;
      hs[i] = bs;
      iv[4 * bs + 2] = i;
      i = best;
    }
    ht[i] = t;
    hs[i] = slot;
    iv[4 * slot + 2] = i;
  }

  /** Double the number of slots. */
  protected grow(): void {
    this.resize(this.capacity * 2);
  }

  /** Room for `n` slots, the current ones kept. */
  private resize(n: number): void {
    this.slotF = grown(this.slotF, 4 * n);
    this.slotI = grown(this.slotI, 4 * n);
    this.capacity = n;
    this.freeSlots = grown(this.freeSlots, n);
  }

  /** Mark `slot` not pending and free it (its fields stay readable until reused). */
  protected release(slot: number): void {
    this.slotI[4 * slot + 2] = -1;
    this.freeSlots[this.freeCount++] = slot;
    this.count--;
  }
}
