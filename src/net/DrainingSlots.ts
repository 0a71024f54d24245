// DrainingSlots: a draining flow's remaining bytes, rate, last banking time and completion event, in a 32-byte record per live slot.
import { grown } from "../core/grown.js";
import { lineAlignedBuffer } from "../core/lineAlignedBuffer.js";

/**
 * What {@link FlowNetwork}'s rate changes read and write of a draining flow, kept apart from
 * its arrays indexed by flow id: a flow holds a *live slot* from its activation to its
 * completion (or until it leaves its route), slots are reused through a free list, so the
 * records stay as many as the flows draining at once (a few thousand) while the ids run to
 * 10⁶. A rate change reads the flow's slot (one id-indexed entry) and one record, where it
 * read four arrays as long as the ids.
 *
 * The record of slot `s`, 32 bytes in a buffer that starts on a cache line (one line holds
 * two records): remaining bytes as of the last banking `num[s << 2]`, rate (bytes/s)
 * `num[(s << 2) | 1]`, time of the last banking `num[(s << 2) | 2]`; the completion event's
 * handle, or -1 for none, `int[(s << 3) | 6]` (the last 4 bytes unused). Indices are shifts
 * and ors: V8 compiles them without overflow checks (s45-solve).
 */
export class DrainingSlots {
  /** Each flow's live slot, -1 when it is not draining (in flight, done, failed); indexed by flow id. */
  slotOf = new Int32Array(0);
  /** The records' doubles (see the class). Replaced when the slots grow: read it again after {@link take}. */
  num = new Float64Array(0);
  /** The records' ints (see the class), over the same buffer as {@link num}. */
  int = new Int32Array(0);
  private freeSlots = new Int32Array(0);
  private freeCount = 0;
  private used = 0;

  constructor() {
    this.growSlots(256);
  }

  /** Room for flow ids 0 … `n` − 1 (none of them draining). */
  growFlows(n: number): void {
    this.slotOf = grown(this.slotOf, n, -1);
  }

  /** Give flow `f` a live slot as it starts draining: `remainingBytes` banked at `nowS`, rate 0, no completion event; returns the slot. */
  take(f: number, remainingBytes: number, nowS: number): number {
    let s: number;
    if (this.freeCount > 0) s = this.freeSlots[--this.freeCount];
    else {
      if (this.used === this.freeSlots.length) this.growSlots(2 * this.used);
      s = this.used++;
    }
    this.slotOf[f] = s;
    const num = this.num;
    num[s << 2] = remainingBytes;
    num[(s << 2) | 1] = 0;
    num[(s << 2) | 2] = nowS;
    this.int[(s << 3) | 6] = -1;
    return s;
  }

  /** Flow `f` stops draining: its live slot `s` is free again (read what it needs of the record first). */
  free(f: number, s: number): void {
    this.slotOf[f] = -1;
    this.freeSlots[this.freeCount++] = s;
  }

  /** Bank the progress of the flow in slot `s` at its rate up to `nowS`; returns its remaining bytes (never below 0). */
  bank(s: number, nowS: number): number {
    const num = this.num;
    let rem = num[s << 2] - num[(s << 2) | 1] * (nowS - num[(s << 2) | 2]);
    if (rem < 0) rem = 0;
    num[s << 2] = rem;
    num[(s << 2) | 2] = nowS;
    return rem;
  }

  /** The remaining bytes of the flow in slot `s` as of `nowS`, not banked (never below 0). */
  remainingAt(s: number, nowS: number): number {
    const num = this.num;
    const rem = num[s << 2] - num[(s << 2) | 1] * (nowS - num[(s << 2) | 2]);
    return rem > 0 ? rem : 0;
  }

  /** The rate of flow `f`, bytes/s: its record's while it drains, 0 otherwise. */
  rateOf(f: number): number {
    const s = this.slotOf[f];
    return s >= 0 ? this.num[(s << 2) | 1] : 0;
  }

  private growSlots(n: number): void {
    const buffer = lineAlignedBuffer(32 * n);
    new Uint8Array(buffer, 0, 32 * n).set(new Uint8Array(this.num.buffer, 0, 32 * this.used));
    this.num = new Float64Array(buffer, 0, 4 * n);
    this.int = new Int32Array(buffer, 0, 8 * n);
    this.freeSlots = grown(this.freeSlots, n);
  }
}
