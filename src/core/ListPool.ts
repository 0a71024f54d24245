// ListPool: an integer list per key (a flow's route resources) copied into one shared Int32Array and given back when done, so hot walks read a few dense bytes instead of one object per key.
import { grown } from "./grown.js";

/**
 * Lists of integers kept per key (a small non-negative integer) in one pool. A list is copied in
 * with {@link hold} and its room given back with {@link release}; freed stretches are reused by
 * the next list of the same length (route lengths are few). The simulators' hot walks over a
 * flow's route (the recorders at every rate change, tcp at every RTT) read the live flows'
 * resources here, next to each other, instead of each flow's Route object spread over the heap.
 * Cost: 8 bytes per key ever held, 4 per element of a held list.
 *
 * Use: `const at = pool.offsetOf(key)` then `pool.pool[at … at + pool.lengthOf(key))`, read
 * before the next {@link hold} (which may move the pool).
 */
export class ListPool {
  /** The held lists, at their offsets. */
  pool = new Int32Array(1024);
  private used = 0;
  /** Per key: offset of its list in {@link pool} (−1: none held), and its length. */
  private offset = new Int32Array(0);
  private length = new Int32Array(0);
  /** Free stretches of the pool by length. */
  private readonly free: number[][] = [];

  /** Hold a copy of `values` as `key`'s list (giving back the one it held); returns its offset. */
  hold(key: number, values: Int32Array): number {
    if (key >= this.offset.length) this.reserve(key);
    this.release(key);
    const n = values.length;
    let to = this.free[n]?.pop();
    if (to === undefined) {
      to = this.used;
      this.used += n;
      if (this.used > this.pool.length) this.pool = grown(this.pool, Math.max(this.used, this.pool.length * 2));
    }
    this.pool.set(values, to);
    this.offset[key] = to;
    this.length[key] = n;
    return to;
  }

  /**
   * Room for `key` among the keys (done by {@link hold} when needed): a caller whose hold is
   * in hot optimised code makes it beforehand (a recorder, when a flow starts), so hold never
   * first takes this path after V8 has optimised it (which would throw that code away).
   */
  reserve(key: number): void {
    if (key < this.offset.length) return;
    const n = Math.max(1024, key + 1, this.offset.length * 2);
    this.offset = grown(this.offset, n, -1);
    this.length = grown(this.length, n);
  }

  /** Offset in {@link pool} of `key`'s list, or −1 if it holds none. */
  offsetOf(key: number): number {
    return key < this.offset.length ? this.offset[key] : -1;
  }

  /** Length of `key`'s list (while it holds one). */
  lengthOf(key: number): number {
    return this.length[key];
  }

  /** Give back `key`'s list, if it holds one. */
  release(key: number): void {
    if (key >= this.offset.length) return;
    const at = this.offset[key];
    if (at < 0) return;
    (this.free[this.length[key]] ??= []).push(at);
    this.offset[key] = -1;
  }
}
