// LadderBuckets: a ladder queue's bucket lists — link and unlink in any order, counts, Top's range, and a bucket moved whole into Bottom.
import { describe, expect, it } from "vitest";
import { FIRST_RUNG_BUCKET, INFINITE, LadderBuckets, TOP } from "../../src/core/LadderBuckets.js";

/** LadderBuckets with its protected parts opened for the test; slots are taken as LadderQueue.push takes them. */
class Open extends LadderBuckets {
  slot(timeS: number): number {
    const s = this.slotsUsed++;
    this.slotF[4 * s] = timeS;
    this.slotF[4 * s + 1] = this.nextSeq++;
    this.count++;
    return s;
  }
  put(slot: number, bucket: number): void {
    if (bucket === TOP) this.widenTop(this.slotF[4 * slot]);
    this.link(slot, bucket);
  }
  take(slot: number, bucket: number): void {
    this.unlink(slot, bucket);
  }
  /** Slots of `bucket` from its head, and its count. */
  list(bucket: number): { slots: number[]; count: number } {
    const slots: number[] = [];
    for (let s = this.buckets[2 * bucket]; s >= 0; s = this.slotI[4 * s]) slots.push(s);
    return { slots, count: this.buckets[2 * bucket + 1] };
  }
  locOf(slot: number): number {
    return this.slotI[4 * slot + 2];
  }
  get top(): [number, number] {
    return [this.topMin, this.topMax];
  }
  /** Empty the first rung's first bucket, as LadderQueue.spread does before it links into a rung. */
  openRung(): void {
    this.emptyBuckets(FIRST_RUNG_BUCKET, FIRST_RUNG_BUCKET + 1);
  }
  bottom(): number[] {
    this.drain(FIRST_RUNG_BUCKET);
    const out: number[] = [];
    while (this.heapCount > 0) {
      out.push(this.heapSlot[0]);
      this.heapRemoveAt(0);
    }
    return out;
  }
}

describe("LadderBuckets", () => {
  it("starts with Top and the list at +Infinity empty and Top's range empty", () => {
    const b = new Open(4);
    expect(b.list(TOP)).toEqual({ slots: [], count: 0 });
    expect(b.list(INFINITE)).toEqual({ slots: [], count: 0 });
    expect(b.top).toEqual([Infinity, -Infinity]);
  });

  it("links at the head, unlinks from the head, middle and tail, and resets Top's range when Top empties", () => {
    const b = new Open(4);
    const [s0, s1, s2] = [b.slot(3), b.slot(1), b.slot(2)];
    for (const s of [s0, s1, s2]) b.put(s, TOP);
    expect(b.list(TOP)).toEqual({ slots: [s2, s1, s0], count: 3 });
    expect(b.locOf(s1)).toBe(-2 - TOP);
    expect(b.top).toEqual([1, 3]);
    b.take(s1, TOP);
    expect(b.list(TOP)).toEqual({ slots: [s2, s0], count: 2 });
    b.take(s2, TOP);
    expect(b.list(TOP)).toEqual({ slots: [s0], count: 1 });
    // The range is kept while Top holds events (it may be wider than they are: only emptying resets it).
    expect(b.top).toEqual([1, 3]);
    b.take(s0, TOP);
    expect(b.list(TOP)).toEqual({ slots: [], count: 0 });
    expect(b.top).toEqual([Infinity, -Infinity]);
  });

  it("drains a bucket into Bottom, which then pops by (time, sequence)", () => {
    const b = new Open(4);
    b.openRung();
    const [s0, s1, s2, s3] = [b.slot(5), b.slot(4), b.slot(5), b.slot(4)];
    for (const s of [s0, s1, s2, s3]) b.put(s, FIRST_RUNG_BUCKET);
    expect(b.list(FIRST_RUNG_BUCKET).count).toBe(4);
    expect(b.bottom()).toEqual([s1, s3, s0, s2]);
    expect(b.list(FIRST_RUNG_BUCKET)).toEqual({ slots: [], count: 0 });
  });
});
