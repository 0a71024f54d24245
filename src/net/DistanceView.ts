// DistanceView: the distance of every node to one destination, read one node at a time from its region and its border hubs' tables.
import { distanceIn, type DistanceTable, type RegionPart } from "./DistanceTable.js";
import type { DistanceTables } from "./DistanceTables.js";

/**
 * The distance of every node to one destination, read one node at a time: the least of
 * the region's own distance (if the node is in the destination's region) and each border
 * hub's table plus that hub's distance to the destination inside the region. A hub (or
 * any destination under `latency`) is its own single table with offset 0, so the value
 * read is exactly the table's.
 */
export class DistanceView {
  constructor(
    private readonly region: RegionPart,
    private readonly tables: DistanceTable[],
    /** Latency metric: fewest hops to the destination over latency-shortest paths; null under hops. */
    readonly hops: Int32Array | null,
    private readonly owner: DistanceTables,
  ) {}

  /** Where the last {@link nextHops} put its channels: hopList[0 … count). */
  hopList: Int32Array = NO_NODES;

  /**
   * Under `hops`: the usable channels out of node `u` (at a finite distance) whose far end
   * is one hop closer to the destination, in u's out-channel order — a route's equal-cost
   * next hops. Returns their count; they are {@link hopList}[0 … count), to read before the
   * next call (see {@link DistanceTables.nextHops}).
   */
  nextHops(u: number): number {
    return this.owner.nextHops(this, this.region, this.tables, u);
  }

  /**
   * Distance from node `v` to the destination (hops or seconds), Infinity when unreachable.
   * With `bound`, exact only when it is at most `bound` (otherwise some value above it), so
   * hop tables are searched no deeper than that: enough to tell whether a neighbour is one
   * hop closer. Why it is exact: a table left shallower than the limit asked of it holds no
   * node within that limit that it has not found.
   */
  dist(v: number, bound = Infinity): number {
    let best = Infinity;
    const nodes = this.region.nodes;
    for (let i = 0; i < nodes.length; i++) {
      if (nodes[i] === v) {
        best = this.region.dist[i];
        break;
      }
    }
    const offsets = this.region.offsets;
    let unknown = 0;
    for (let j = 0; j < this.tables.length; j++) {
      const tb = this.tables[j];
      const x = tb.near ? (tb.near.get(v) ?? tb.unreachable) : tb.dist[v];
      if (x === tb.unreachable) {
        if (tb.frontier) unknown++;
        continue;
      }
      const via = x + offsets[j];
      if (via < best) best = via;
    }
    // Tables that have not reached v yet go one level deeper in turn, so the nearest hub
    // finds it first and bounds the others (only a distance below min(best, bound + 1)
    // through a hub can matter).
    while (unknown > 0) {
      unknown = 0;
      for (let j = 0; j < this.tables.length; j++) {
        const tb = this.tables[j];
        if (!tb.frontier || distanceIn(tb, v) !== tb.unreachable) continue;
        if (tb.level >= Math.min(best - 1, bound) - offsets[j]) continue;
        const x = this.owner.deepen(tb, v, tb.level + 1);
        if (x === tb.unreachable) {
          if (tb.frontier) unknown++;
          continue;
        }
        const via = x + offsets[j];
        if (via < best) best = via;
      }
    }
    return best;
  }
}

const NO_NODES = new Int32Array(0);
