// ResourceLists: each resource's list of the flows crossing it, all in one pool.
import { checkIndexable } from "./checkIndexable.js";

/**
 * The flows (slots) on every resource, for {@link IncrementalSharing}. Resource r's list
 * sits at `span[r << 1]` … `span[r << 1] + span[(r << 1) | 1]` of one shared pool, with room for `room[r]`; a
 * full list moves to the pool's end with twice the room, and the pool is compacted when
 * half of it is garbage. Entries are taken out by swap-remove. A list holds at most
 * 2²⁶ entries (a longer one refuses the run, {@link checkIndexable}; the room is a power of two): the short
 * path of checkTouched counts on that.
 */
export class ResourceLists {
  /** The flow slot of each entry. */
  slot: Int32Array;
  /**
   * Each resource's list, two integers at `2 * r`: where it starts in the pool (`2 * r`) and how
   * many flows it holds (`2 * r + 1`). Beside each other because every walk of a list reads
   * both: one line of the cache where two arrays made two (session 41).
   */
  readonly span: Int32Array;
  private readonly room: Int32Array;
  private end: number;
  private garbage = 0;

  /** Empty lists for `resourceCount` resources. */
  constructor(private readonly resourceCount: number) {
    this.slot = new Int32Array(Math.max(64, 4 * resourceCount));
    this.span = new Int32Array(2 * resourceCount);
    for (let r = 0; r < resourceCount; r++) this.span[r << 1] = 2 * r;
    this.room = new Int32Array(resourceCount).fill(2);
    this.end = 2 * resourceCount;
  }

  /** Append flow `slot` to r's list; returns its position in the list. */
  append(r: number, slot: number): number {
    const n = this.span[(r << 1) | 1];
    if (n === this.room[r]) this.grow(r);
    this.slot[this.span[r << 1] + n] = slot;
    this.span[(r << 1) | 1] = n + 1;
    return n;
  }

  /**
   * Take the entry at position p out of r's list by moving the last entry into its place.
   * Returns the slot of the flow so moved (from position count - 1 to p), or -1 if p was last.
   */
  remove(r: number, p: number): number {
    const base = this.span[r << 1];
    const last = --this.span[(r << 1) | 1];
    if (p === last) return -1;
    const g = this.slot[base + last];
    this.slot[base + p] = g;
    return g;
  }

  /** Give resource r's list twice the room at the end of the pool (compacting the pool first if half of it is garbage). */
  private grow(r: number): void {
    checkIndexable(this.room[r] + 1, "flows on one channel at once");
    const room = 2 * this.room[r];
    if (this.end + room > this.slot.length) {
      const live = this.end - this.garbage;
      const size = this.garbage * 2 >= this.end ? Math.max(this.slot.length, 2 * (live + room)) : Math.max(2 * this.slot.length, 2 * (live + room));
      const slot = new Int32Array(size);
      let end = 0;
      for (let q = 0; q < this.resourceCount; q++) {
        const base = this.span[q << 1];
        slot.set(this.slot.subarray(base, base + this.span[(q << 1) | 1]), end);
        this.span[q << 1] = end;
        end += this.room[q];
      }
      this.slot = slot;
      this.end = end;
      this.garbage = 0;
    }
    const base = this.span[r << 1];
    this.slot.copyWithin(this.end, base, base + this.span[(r << 1) | 1]);
    this.span[r << 1] = this.end;
    this.garbage += this.room[r];
    this.room[r] = room;
    this.end += room;
  }
}
