// EventQueue: an indexed 4-ary min-heap over typed arrays, ordered by (time, sequence).

/**
 * A priority queue of events keyed by time, for the simulation loop.
 *
 * - Times are float64 seconds; events with equal times pop in insertion order (each push
 *   or update takes the next value of a sequence counter), which makes runs deterministic.
 * - Each event carries an integer payload (any integer up to 2^53).
 * - `push` returns a handle with which the event can be moved (`update`) or `remove`d —
 *   a flow's completion event moves every time its rate changes. A handle is valid until
 *   its event is popped or removed; after that it may be reused by a later push.
 *
 * The heap stores its keys (time, sequence) in parallel typed arrays beside the slot ids,
 * so sifting compares contiguous numbers without chasing per-event objects.
 */
export class EventQueue {
  private heapSlot: Int32Array;
  private heapTime: Float64Array;
  private heapSeq: Float64Array;
  private slotPayload: Float64Array;
  private slotPos: Int32Array;
  private freeSlots: Int32Array;
  private freeCount = 0;
  private slotsUsed = 0;
  private count = 0;
  private nextSeq = 0;

  constructor(initialCapacity = 1024) {
    const n = Math.max(4, initialCapacity | 0);
    this.heapSlot = new Int32Array(n);
    this.heapTime = new Float64Array(n);
    this.heapSeq = new Float64Array(n);
    this.slotPayload = new Float64Array(n);
    this.slotPos = new Int32Array(n).fill(-1);
    this.freeSlots = new Int32Array(n);
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
    const i = this.count++;
    this.siftUp(i, slot, timeS, this.nextSeq++);
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
    const slot = this.heapSlot[0];
    const payload = this.slotPayload[slot];
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
   * had been removed and pushed again now.
   */
  update(handle: number, timeS: number): void {
    const i = this.slotPos[handle];
    if (i < 0) throw new Error(`EventQueue.update: handle ${handle} is not pending`);
    const seq = this.nextSeq++;
    const oldTime = this.heapTime[i];
    if (timeS < oldTime) this.siftUp(i, handle, timeS, seq);
    else this.siftDown(i, handle, timeS, seq);
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
    const lastSeq = this.heapSeq[last];
    // The moved element may need to go either way relative to position i.
    if (i > 0 && this.less(lastTime, lastSeq, this.heapTime[(i - 1) >> 2], this.heapSeq[(i - 1) >> 2])) {
      this.siftUp(i, lastSlot, lastTime, lastSeq);
    } else {
      this.siftDown(i, lastSlot, lastTime, lastSeq);
    }
  }

  private less(t1: number, s1: number, t2: number, s2: number): boolean {
    return t1 < t2 || (t1 === t2 && s1 < s2);
  }

  private siftUp(i: number, slot: number, t: number, s: number): void {
    const hs = this.heapSlot, ht = this.heapTime, hq = this.heapSeq, pos = this.slotPos;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pt = ht[p];
      if (t > pt || (t === pt && s > hq[p])) break;
      hs[i] = hs[p];
      ht[i] = pt;
      hq[i] = hq[p];
      pos[hs[i]] = i;
      i = p;
    }
    hs[i] = slot;
    ht[i] = t;
    hq[i] = s;
    pos[slot] = i;
  }

  private siftDown(i: number, slot: number, t: number, s: number): void {
    const hs = this.heapSlot, ht = this.heapTime, hq = this.heapSeq, pos = this.slotPos;
    const n = this.count;
    for (;;) {
      const first = (i << 2) + 1;
      if (first >= n) break;
      let best = first;
      let bt = ht[first];
      let bq = hq[first];
      const end = first + 4 < n ? first + 4 : n;
      for (let c = first + 1; c < end; c++) {
        const ct = ht[c];
        if (ct < bt || (ct === bt && hq[c] < bq)) {
          best = c;
          bt = ct;
          bq = hq[c];
        }
      }
      if (t < bt || (t === bt && s < bq)) break;
      hs[i] = hs[best];
      ht[i] = bt;
      hq[i] = bq;
      pos[hs[i]] = i;
      i = best;
    }
    hs[i] = slot;
    ht[i] = t;
    hq[i] = s;
    pos[slot] = i;
  }

  private grow(): void {
    const n = this.slotPos.length * 2;
    const grow64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    const grow32 = (a: Int32Array, fill = 0) => {
      const b = new Int32Array(n);
      if (fill !== 0) b.fill(fill);
      b.set(a);
      return b;
    };
    this.heapSlot = grow32(this.heapSlot);
    this.heapTime = grow64(this.heapTime);
    this.heapSeq = grow64(this.heapSeq);
    this.slotPayload = grow64(this.slotPayload);
    this.slotPos = grow32(this.slotPos, -1);
    this.freeSlots = grow32(this.freeSlots);
  }
}
