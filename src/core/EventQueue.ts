// EventQueue: an indexed 4-ary min-heap over typed arrays, ordered by (time, sequence).
import { grown } from "./grown.js";

/**
 * A priority queue of events keyed by time: the max-min solver's and Dijkstra's queue. The
 * simulation loop's is LadderQueue, with the same interface and pop order.
 *
 * - Times are float64 seconds; events with equal times pop in insertion order (each push
 *   or update takes the next value of a sequence counter), which makes runs deterministic.
 * - Each event carries an integer payload (any integer up to 2^53).
 * - `push` returns a handle with which the event can be moved (`update`) or `remove`d —
 *   a flow's completion event moves every time its rate changes. A handle is valid until
 *   its event is popped or removed; after that it may be reused by a later push.
 *
 * Layout, chosen by the hold benchmark (bench/hold.ts): the heap holds only what sifting
 * reads on every level — times in one Float64Array and handles in one Int32Array. The
 * tie-breaking sequence number, the payload and the heap position live per handle and
 * never move; the sequence is read only when two times are equal, which is rare except
 * in deliberately tied schedules. A 4-ary heap halves the depth of a binary one and
 * its four children share one or two cache lines.
 */
export class EventQueue {
  // `declare`d and set only in the constructor: emitted class fields would start as
  // undefined, and V8 would then type these fields loosely (~5-15% slower in bench/hold.ts).
  private declare heapTime: Float64Array;
  private declare heapSlot: Int32Array;
  private declare slotSeq: Float64Array;
  private declare slotPayload: Float64Array;
  private declare slotPos: Int32Array;
  private declare freeSlots: Int32Array;
  private declare freeCount: number;
  private declare slotsUsed: number;
  private declare count: number;
  private declare nextSeq: number;

  constructor(initialCapacity = 1024) {
    const n = Math.max(4, initialCapacity | 0);
    this.heapTime = new Float64Array(n);
    this.heapSlot = new Int32Array(n);
    this.slotSeq = new Float64Array(n);
    this.slotPayload = new Float64Array(n);
    this.slotPos = new Int32Array(n).fill(-1);
    this.freeSlots = new Int32Array(n);
    this.freeCount = 0;
    this.slotsUsed = 0;
    this.count = 0;
    this.nextSeq = 0;
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
      if (this.slotsUsed === this.slotPos.length) this.grow();
      slot = this.slotsUsed++;
    }
    this.slotPayload[slot] = payload;
    this.slotSeq[slot] = this.nextSeq++;
    this.siftUp(this.count++, slot, timeS);
    return slot;
  }

  /** Time of the earliest event, or +Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? this.heapTime[0] : Infinity;
  }

  /** Payload of the earliest event (undefined behaviour when empty). */
  peekPayload(): number {
    return this.slotPayload[this.heapSlot[0]];
  }

  /** Handle of the earliest event, or -1 when empty. */
  peekHandle(): number {
    return this.count > 0 ? this.heapSlot[0] : -1;
  }

  /** Remove the earliest event and return its payload (throws when empty). */
  pop(): number {
    if (this.count === 0) throw new Error("EventQueue.pop: queue is empty");
    const payload = this.slotPayload[this.heapSlot[0]];
    this.removeAt(0);
    return payload;
  }

  /** Whether `handle` refers to a pending event. */
  has(handle: number): boolean {
    return handle >= 0 && handle < this.slotsUsed && this.slotPos[handle] >= 0;
  }

  /** Time of a pending event. */
  timeOf(handle: number): number {
    return this.heapTime[this.slotPos[handle]];
  }

  /** Payload of a pending event. */
  payloadOf(handle: number): number {
    return this.slotPayload[handle];
  }

  /**
   * Move a pending event to `timeS`. It takes a fresh sequence number, exactly as if it
   * had been removed and pushed again now. Throws if `handle` is not pending.
   */
  update(handle: number, timeS: number): void {
    if (!this.has(handle)) throw new Error(`EventQueue.update: handle ${handle} is not pending`);
    const i = this.slotPos[handle];
    this.slotSeq[handle] = this.nextSeq++;
    // With a fresh (largest) sequence, an equal time can only move the event down.
    if (timeS < this.heapTime[i]) this.siftUp(i, handle, timeS);
    else this.siftDown(i, handle, timeS);
  }

  /** Cancel a pending event; returns false if it was not pending. */
  remove(handle: number): boolean {
    if (!this.has(handle)) return false;
    this.removeAt(this.slotPos[handle]);
    return true;
  }

  /** Drop every pending event. */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.slotPos[this.heapSlot[i]] = -1;
    this.count = 0;
    this.freeCount = 0;
    this.slotsUsed = 0;
  }

  private removeAt(i: number): void {
    const slot = this.heapSlot[i];
    this.slotPos[slot] = -1;
    this.freeSlots[this.freeCount++] = slot;
    const last = --this.count;
    if (i === last) return;
    const lastSlot = this.heapSlot[last];
    const lastTime = this.heapTime[last];
    // The moved element may need to go either way relative to position i.
    if (i > 0) {
      const p = (i - 1) >> 2;
      const pt = this.heapTime[p];
      if (lastTime < pt || (lastTime === pt && this.slotSeq[lastSlot] < this.slotSeq[this.heapSlot[p]])) {
        this.siftUp(i, lastSlot, lastTime);
        return;
      }
    }
    this.siftDown(i, lastSlot, lastTime);
  }

  /** Place `slot` with time `t` at or above position `i`. */
  private siftUp(i: number, slot: number, t: number): void {
    const ht = this.heapTime, hs = this.heapSlot, pos = this.slotPos, seq = this.slotSeq;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = ht[p];
      if (t > pt) break;
      const ps = hs[p];
      if (t === pt && seq[slot] > seq[ps]) break;
      ht[i] = pt;
      hs[i] = ps;
      pos[ps] = i;
      i = p;
    }
    ht[i] = t;
    hs[i] = slot;
    pos[slot] = i;
  }

  /** Place `slot` with time `t` at or below position `i`. */
  private siftDown(i: number, slot: number, t: number): void {
    const ht = this.heapTime, hs = this.heapSlot, pos = this.slotPos, seq = this.slotSeq;
    const n = this.count;
    for (;;) {
      const first = (i << 2) + 1;
      if (first >= n) break;
      let best = first;
      let bt = ht[first];
      const end = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < end; c++) {
        const ct = ht[c];
        if (ct < bt || (ct === bt && seq[hs[c]] < seq[hs[best]])) {
          best = c;
          bt = ct;
        }
      }
      if (t < bt) break;
      const bs = hs[best];
      if (t === bt && seq[slot] < seq[bs]) break;
      ht[i] = bt;
      hs[i] = bs;
      pos[bs] = i;
      i = best;
    }
    ht[i] = t;
    hs[i] = slot;
    pos[slot] = i;
  }

  private grow(): void {
    const n = this.slotPos.length * 2;
    this.heapTime = grown(this.heapTime, n);
    this.heapSlot = grown(this.heapSlot, n);
    this.slotSeq = grown(this.slotSeq, n);
    this.slotPayload = grown(this.slotPayload, n);
    this.slotPos = grown(this.slotPos, n, -1);
    this.freeSlots = grown(this.freeSlots, n);
  }
}
