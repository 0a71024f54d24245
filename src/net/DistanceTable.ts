// DistanceTable: one cached table of distances to a node (hop tables grown level by level, sparse while small), and what a destination's region adds to its hubs' tables.

/** Value a hop table of bytes stores for "unreachable" (its distances are below it). */
export const UNREACHABLE_BYTE = 255;

/**
 * Bytes counted for each node a sparse hop table has reached (a `Map` entry). A table goes
 * dense (a byte per node) as soon as its entries would count more than that.
 */
export const SPARSE_ENTRY_BYTES = 32;

/**
 * A cached table: distances of every node to one node (hops: bytes while every distance
 * found is below 255), and under latency the hop tie-break. A hop table is found level by
 * level, only as deep as asked so far (a GPU's NVSwitch table for a route inside the host
 * stops at its GPUs): every node within `level` hops has its distance, the others hold
 * `unreachable` for now. While it has reached few nodes a hop table keeps them in `near`
 * instead of an array over every node: a 32,768-GPU cluster has 4,096 NVSwitch tables
 * that reach their host's GPUs and rails and no further.
 */
export interface DistanceTable {
  /** The node the distances are to. */
  node: number;
  /** Distance of every node (empty while `near` holds the distances). */
  dist: Uint8Array | Float64Array;
  /** Hop tables that reached few nodes: each reached node's distance; null once dense. */
  near: Map<number, number> | null;
  /** What `dist` holds for a node not (yet) reached: 255 (bytes) or Infinity. */
  unreachable: number;
  /** Latency metric: fewest hops to the node over latency-shortest paths (-1: unreachable). */
  hops: Int32Array | null;
  /** Levels of the breadth-first search done (Infinity: complete). */
  level: number;
  /** Nodes at distance `level`, to expand from next; null once complete. */
  frontier: Int32Array | null;
}

/** Under `hops`, what a destination adds to its border hubs' tables: its region's nodes and distances, its border hubs and their distances inside the region. */
export interface RegionPart {
  nodes: Int32Array;
  dist: Float64Array;
  hubs: Int32Array;
  offsets: Float64Array;
}

/** What hop table `tb` holds for node `v` now. */
export function distanceIn(tb: DistanceTable, v: number): number {
  return tb.near ? (tb.near.get(v) ?? tb.unreachable) : tb.dist[v];
}

/** Bytes counted for table `tb` against the budget. */
export function bytesOf(tb: DistanceTable): number {
  return tb.near ? tb.near.size * SPARSE_ENTRY_BYTES : tb.dist.byteLength + (tb.hops?.byteLength ?? 0);
}

/** A hop table of `dst` searched to level 0 (dst itself), sparse; DistanceTables.deepen goes further on demand. */
export function hopTable(dst: number): DistanceTable {
  return {
    node: dst,
    dist: NO_BYTES,
    near: new Map([[dst, 0]]),
    unreachable: UNREACHABLE_BYTE,
    hops: null,
    level: 0,
    frontier: Int32Array.of(dst),
  };
}

const NO_BYTES = new Uint8Array(0);
