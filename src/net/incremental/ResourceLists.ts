// ResourceLists: each resource's list of the flows crossing it, all in one pool.
import { checkIndexable } from "./checkIndexable.js";

/**
 * The flows (slots) on every resource, for {@link IncrementalSharing}. Resource r's list
 * sits at `span[r << 1]` … `span[r << 1] + span[(r << 1) | 1]` of one shared pool, with room for `room[r]`; a
 * full list moves to the pool's end with twice the room, unless the pool then spans more than
 * twice what laying every list out again with fitted room would take ({@link fitted}): then
 * every list is laid out again ({@link repack}). Entries are taken out by swap-remove. A list holds at most
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
  /**
   * The pool's span if every list were laid out again with the room {@link roomFor} its count,
   * kept as counts change. Rooms only grow and moved lists leave garbage, so without a repack
   * the lists' live entries spread over a pool several times their size, and a walk of a list
   * reads a line of its own where fitted lists share lines (session 49: at 2,460 flows on the
   * ws-100000 trace, 14,468 entries over a span of 57,334).
   */
  private fitted: number;

  /** Empty lists for `resourceCount` resources. */
  constructor(private readonly resourceCount: number) {
    this.slot = new Int32Array(Math.max(64, 4 * resourceCount));
    this.span = new Int32Array(2 * resourceCount);
    for (let r = 0; r < resourceCount; r++) this.span[r << 1] = 2 * r;
    this.room = new Int32Array(resourceCount).fill(2);
    this.end = 2 * resourceCount;
    this.fitted = 2 * resourceCount;
  }

  /** Append flow `slot` to r's list; returns its position in the list. */
  append(r: number, slot: number): number {
    const n = this.span[(r << 1) | 1];
    if (n === this.room[r]) this.grow(r);
    this.slot[this.span[r << 1] + n] = slot;
    this.span[(r << 1) | 1] = n + 1;
    // roomFor(n + 1) is twice roomFor(n) exactly when n + 1 is a power of two (at least 2).
    if (n > 0 && (n & (n + 1)) === 0) this.fitted += n + 1;
    return n;
  }

  /**
   * Take the entry at position p out of r's list by moving the last entry into its place.
   * Returns the slot of the flow so moved (from position count - 1 to p), or -1 if p was last.
   */
  remove(r: number, p: number): number {
    const base = this.span[r << 1];
    const last = --this.span[(r << 1) | 1];
    // roomFor(last) is half roomFor(last + 1) exactly when last + 1 is a power of two (at least 2).
    if (last > 0 && (last & (last + 1)) === 0) this.fitted -= last + 1;
    if (p === last) return -1;
    const g = this.slot[base + last];
    this.slot[base + p] = g;
    return g;
  }

  /** Give resource r's list twice the room at the end of the pool, or lay every list out again when the pool is full or spans more than twice {@link fitted}. */
  private grow(r: number): void {
    checkIndexable(this.room[r] + 1, "flows on one channel at once");
    const room = 2 * this.room[r];
    if (this.end + room > this.slot.length || this.end > 2 * this.fitted) {
      // r's list is full, so its fitted room is the doubled one.
      this.repack();
      return;
    }
    const base = this.span[r << 1];
    this.slot.copyWithin(this.end, base, base + this.span[(r << 1) | 1]);
    this.span[r << 1] = this.end;
    this.room[r] = room;
    this.end += room;
  }

  /** Lay every list out again in resource order, each with {@link roomFor} its count, in a pool at least twice that long. */
  private repack(): void {
    const slot = new Int32Array(Math.max(this.slot.length, 2 * this.fitted));
    let end = 0;
    for (let q = 0; q < this.resourceCount; q++) {
      const base = this.span[q << 1];
      const n = this.span[(q << 1) | 1];
      slot.set(this.slot.subarray(base, base + n), end);
      this.span[q << 1] = end;
      const room = roomFor(n);
      this.room[q] = room;
      end += room;
    }
    this.slot = slot;
    this.end = end;
  }
}

/** The room a list of `n` entries gets when laid out again: the least power of two above n, at least 2. */
function roomFor(n: number): number {
  let room = 2;
  while (room <= n) room *= 2;
  return room;
}
