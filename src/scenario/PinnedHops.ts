// PinnedHops: the node numbers of each transfer's pinned path, resolved once when the scenario is checked and read when its flows start.
import { grown } from "../core/grown.js";

/**
 * The pinned path of each `transfer` workload that has one, as node numbers of the network
 * it was checked against, by workload index. checkScenario resolves every hop's id (and
 * checks the links) before the run; a flow started on that path then needs no second
 * look-up of its ids. All paths share one typed array, so 20,000 paths hold no object each.
 * Valid only with the topology and scenario it was filled from (one prepared scenario).
 */
export class PinnedHops {
  private nodes: Int32Array;
  private used = 0;
  /** Workload i's hops are `nodes[start[i] … start[i + 1])` (an empty range without a path), for i up to the last one added. */
  private readonly start: Int32Array;
  private lastAdded = -1;

  /**
   * Room for `workloads` workloads and `hops` hops in all (more hops grow the array: a caller
   * that counts them first makes it once, where doubling from 1,024 copied 100,000 pinned
   * paths' 700,000 hops ten times and left an array of up to twice their size).
   */
  constructor(workloads: number, hops = 1024) {
    this.start = new Int32Array(workloads + 1);
    this.nodes = new Int32Array(Math.max(hops, 16));
  }

  /** Record workload `i`'s hops; workloads are added in increasing index order. */
  add(i: number, hops: readonly number[]): void {
    const at = this.reserve(i, hops.length);
    for (let j = 0; j < hops.length; j++) this.nodes[at + j] = hops[j];
  }

  /**
   * Record that workload `i` has `n` hops, to be written by the caller at
   * `array[at … at + n)` where `at` is returned (no array of its own per path: checkScenario
   * resolves 20,000 paths' ids straight into the shared one). Same order rule as {@link add};
   * the range holds zeros until written.
   */
  reserve(i: number, n: number): number {
    if (i <= this.lastAdded) throw new Error(`pinned hops of workload ${i} added after those of workload ${this.lastAdded}`);
    if (this.used + n > this.nodes.length) this.nodes = grown(this.nodes, Math.max(2 * this.nodes.length, this.used + n));
    // The workloads since the last one added pinned nothing: empty ranges (no call for the usual
    // next workload: fill is a call into C++ even for an empty range).
    if (this.lastAdded + 2 <= i) this.start.fill(this.used, this.lastAdded + 2, i + 1);
    const at = this.used;
    this.used += n;
    this.start[i + 1] = this.used;
    this.lastAdded = i;
    return at;
  }

  /** The shared array of every path's hops, for writing a range given by {@link reserve} (replaced when it grows: read it after reserving). */
  get array(): Int32Array {
    return this.nodes;
  }

  /** Workload `i`'s hops (a view), or undefined when it pinned no path. */
  of(i: number): Int32Array | undefined {
    if (i > this.lastAdded) return undefined;
    const a = this.start[i];
    const b = this.start[i + 1];
    return a < b ? this.nodes.subarray(a, b) : undefined;
  }
}
