// BoundTimeLists: per flow bound by several bottlenecks in turn, the seconds each bound it, as linked lists in one typed array, in the order the bottlenecks first bound it.
import { grown } from "../core/grown.js";

/** Layout of an entry in `entries`: bottleneck, seconds, next entry (−1: none). */
const ENTRY_BOTTLENECK = 0;
const ENTRY_SECONDS = 1;
const ENTRY_NEXT = 2;
/** Entries a new list reserves side by side (its first and the next two appended), so a walk of up to three reads adjacent memory. */
const LIST_BLOCK = 3;
/** The bottleneck of a reserved entry not yet in its list (bottlenecks are resource ids ≥ 0 or CAP_BOUND, −1). */
const FREE_ENTRY = -3;

/**
 * Seconds per bottleneck of the flows bound by two or more ({@link FlowRecorder}), as a linked
 * list per flow in the order the bottlenecks first bound it: entry i is (bottleneck, seconds,
 * next entry or −1) at entries[3i … 3i + 2], side by side. A flow's entries are made at
 * different times, so a list reserves {@link LIST_BLOCK} adjacent entries when it is made and
 * takes the next free one of them for each entry appended (beyond them, a new block): a walk of
 * a list of up to three reads one stretch of 72 bytes instead of an entry far from the last at
 * each step. A list is known by its first entry.
 */
export class BoundTimeLists {
  private entries: Float64Array = new Float64Array(3 * 256);
  private entryCount = 0;

  /** Lists made of `entries`' first `entryCount` entries (another BoundTimeLists' {@link entryArray} and {@link entriesUsed}, handed over). */
  static from(entries: Float64Array, entryCount: number): BoundTimeLists {
    const lists = new BoundTimeLists();
    lists.entries = entries;
    lists.entryCount = entryCount;
    return lists;
  }

  /** The entries' array (3 numbers an entry; its length is room, not use). */
  get entryArray(): Float64Array {
    return this.entries;
  }

  /** Entries in use, reserved ones included. */
  get entriesUsed(): number {
    return this.entryCount;
  }

  /** A new list whose one entry is (`bottleneck`, `seconds`), in a new block of {@link LIST_BLOCK} (the others free); returns its first entry. */
  create(bottleneck: number, seconds: number): number {
    const e = this.entryCount;
    this.entryCount += LIST_BLOCK;
    if (3 * this.entryCount > this.entries.length) this.entries = grown(this.entries, Math.max(2 * this.entries.length, 3 * this.entryCount));
    this.setEntry(e, bottleneck, seconds);
    for (let i = 1; i < LIST_BLOCK; i++) this.entries[3 * (e + i) + ENTRY_BOTTLENECK] = FREE_ENTRY;
    return e;
  }

  /** Add `seconds` to `bottleneck`'s entry in the list starting at entry `first`, appending one if it has none (as Map.set(b, (get(b) ?? 0) + s)). */
  add(first: number, bottleneck: number, seconds: number): void {
    const entries = this.entries;
    let e = first;
    for (;;) {
      if (entries[3 * e + ENTRY_BOTTLENECK] === bottleneck) {
        entries[3 * e + ENTRY_SECONDS] += seconds;
        return;
      }
      const next = entries[3 * e + ENTRY_NEXT];
      if (next < 0) break;
      e = next;
    }
    // The entry after the last, when it is a free one of the list's block; else a new block.
    const spare = e + 1;
    if (spare % LIST_BLOCK !== 0 && entries[3 * spare + ENTRY_BOTTLENECK] === FREE_ENTRY) {
      this.setEntry(spare, bottleneck, 0 + seconds);
      entries[3 * e + ENTRY_NEXT] = spare;
      return;
    }
    const added = this.create(bottleneck, 0 + seconds);
    this.entries[3 * e + ENTRY_NEXT] = added;
  }

  /** Whether the list starting at entry `first` has an entry for `bottleneck`. */
  has(first: number, bottleneck: number): boolean {
    for (let e = first; e >= 0; e = this.entries[3 * e + ENTRY_NEXT]) if (this.entries[3 * e + ENTRY_BOTTLENECK] === bottleneck) return true;
    return false;
  }

  /**
   * The bottleneck with the most seconds in the list starting at `first`, `openS` more counted
   * for `current` (the one binding now, whose interval is still open); ties go to the entry
   * first in the list, and `current` wins with `openS` alone when it has no entry and that is
   * more than every entry's. `fallback` when the list is empty of more than −1 seconds (never).
   */
  longest(first: number, current: number, openS: number, fallback: number): number {
    const entries = this.entries;
    let best = fallback;
    let bestS = -1;
    for (let e = first; e >= 0; e = entries[3 * e + ENTRY_NEXT]) {
      const b = entries[3 * e + ENTRY_BOTTLENECK];
      const s = entries[3 * e + ENTRY_SECONDS];
      const total = b === current ? s + openS : s;
      if (total > bestS) {
        best = b;
        bestS = total;
      }
    }
    if (!this.has(first, current) && openS > bestS) best = current;
    return best;
  }

  /**
   * Call `fn(bottleneck, seconds)` for each entry of the list starting at `first`, in order;
   * when `open` (the flow has not finished), `openS` more for `current`'s entry, or after them
   * for `current` alone when it has none.
   */
  forEach(first: number, current: number, open: boolean, openS: number, fn: (bottleneck: number, seconds: number) => void): void {
    const entries = this.entries;
    for (let e = first; e >= 0; e = entries[3 * e + ENTRY_NEXT]) {
      const b = entries[3 * e + ENTRY_BOTTLENECK];
      const sec = entries[3 * e + ENTRY_SECONDS];
      fn(b, b === current && open ? sec + openS : sec);
    }
    if (open && !this.has(first, current)) fn(current, openS);
  }

  /** Make entry `e` (bottleneck, seconds), last of its list. */
  private setEntry(e: number, bottleneck: number, seconds: number): void {
    const o = 3 * e;
    this.entries[o + ENTRY_BOTTLENECK] = bottleneck;
    this.entries[o + ENTRY_SECONDS] = seconds;
    this.entries[o + ENTRY_NEXT] = -1;
  }
}
