// DistanceTables: distances to any destination, from per-hub tables (bounded, least recently used dropped first) and the destination's attachment region.
import { EventQueue } from "../core/EventQueue.js";
import type { AttachmentRegions } from "./AttachmentRegions.js";
import type { Topology } from "./Topology.js";

/** Bytes of distance tables a router keeps by default before it drops the least recently used. */
export const DEFAULT_TABLE_BUDGET_BYTES = 256 * 1024 * 1024;

/** Value a hop table of bytes stores for "unreachable" (its distances are below it). */
const UNREACHABLE_BYTE = 255;

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
interface Table {
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
interface RegionPart {
  nodes: Int32Array;
  dist: Float64Array;
  hubs: Int32Array;
  offsets: Float64Array;
}

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
    private readonly tables: Table[],
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

/** What hop table `tb` holds for node `v` now. */
function distanceIn(tb: Table, v: number): number {
  return tb.near ? (tb.near.get(v) ?? tb.unreachable) : tb.dist[v];
}

/** Bytes counted for table `tb` against the budget. */
function bytesOf(tb: Table): number {
  return tb.near ? tb.near.size * SPARSE_ENTRY_BYTES : tb.dist.byteLength + (tb.hops?.byteLength ?? 0);
}

const NO_NODES = new Int32Array(0);
const NO_BYTES = new Uint8Array(0);
const NO_DIST = new Float64Array(0);
const ZERO_OFFSET = new Float64Array(1);

/**
 * Distance tables of a router. Under `hops`, one table per hub (a breadth-first search
 * from it) serves the hub and every node of the regions it borders
 * ({@link AttachmentRegions}); under `latency`, one table per destination (Dijkstra, then
 * the fewest hops among latency-shortest paths). Tables are kept up to
 * `budgetBytes` and the least recently used dropped beyond it (found again on demand,
 * identically), so memory no longer grows with destinations × nodes.
 */
export class DistanceTables {
  private readonly tables = new Map<number, Table>();
  private readonly regionParts = new Map<number, RegionPart>();
  private bytes = 0;
  private scratch: Int32Array | null = null;
  /** Next hops found by {@link scanNextHops}, until the next call. */
  private hopScratch = new Int32Array(16);
  /** Bytes of tables kept before the least recently used are dropped. */
  budgetBytes = DEFAULT_TABLE_BUDGET_BYTES;
  /** 1 for each node routes may visit; null: every node. */
  allowed: Uint8Array | null = null;

  constructor(
    private readonly topology: Topology,
    private readonly latencyMetric: boolean,
    private readonly regions: AttachmentRegions,
    private readonly down: Uint8Array,
    private readonly latencyS: Float64Array,
  ) {}

  /** Bytes held in distance tables now. */
  get tableBytes(): number {
    return this.bytes;
  }

  /** Drop every table (after a link's state or latency changed). */
  clear(): void {
    this.tables.clear();
    this.regionParts.clear();
    this.bytes = 0;
  }

  /** Distances of every node to `dst`. */
  toward(dst: number): DistanceView {
    const allowed = this.allowed;
    if (allowed && allowed[dst] !== 1) return new DistanceView({ nodes: NO_NODES, dist: NO_DIST, hubs: NO_NODES, offsets: NO_DIST }, [], null, this);
    if (this.latencyMetric) {
      const tb = this.table(dst);
      return new DistanceView({ nodes: NO_NODES, dist: NO_DIST, hubs: NO_NODES, offsets: ZERO_OFFSET }, [tb], tb.hops, this);
    }
    if (this.regions.isHub[dst]) return new DistanceView({ nodes: NO_NODES, dist: NO_DIST, hubs: NO_NODES, offsets: ZERO_OFFSET }, [this.table(dst)], null, this);
    let part = this.regionParts.get(dst);
    if (!part) this.regionParts.set(dst, (part = this.regionPart(dst)));
    const tables: Table[] = [];
    for (let j = 0; j < part.hubs.length; j++) tables.push(this.table(part.hubs[j]));
    return new DistanceView(part, tables, null, this);
  }

  /**
   * {@link DistanceView.nextHops} of `view` (region part `part`, tables `tables`) at node `u`.
   * A node outside the destination's region and not one of its border hubs has no usable link
   * into the region (the region's breadth-first search would have taken it in, as a region
   * node or a border hub), so with one table its distance and its neighbours' are the table's
   * plus one offset: its next hops are the neighbours one level closer in the table, read
   * straight from a dense table. The table has been searched at least to u's level (u was
   * found in it), so every node one level closer is in it. Anywhere else they are found
   * through {@link DistanceView.dist}.
   */
  nextHops(view: DistanceView, part: RegionPart, tables: Table[], u: number): number {
    if (tables.length === 1 && !tables[0].near && !part.hubs.includes(u) && !part.nodes.includes(u)) {
      const tb = tables[0];
      const dist = tb.dist;
      const du = dist[u];
      if (du !== tb.unreachable && tb.level >= du) {
        const t = this.topology;
        const { outStart, outChannels, channelTo } = t;
        const degree = outStart[u + 1] - outStart[u];
        if (this.hopScratch.length < degree) this.hopScratch = new Int32Array(Math.max(degree, 2 * this.hopScratch.length));
        const out = this.hopScratch;
        const down = this.down;
        let count = 0;
        for (let i = outStart[u]; i < outStart[u + 1]; i++) {
          const ch = outChannels[i];
          if (down[ch] === 0 && dist[channelTo[ch]] === du - 1) out[count++] = ch;
        }
        view.hopList = out;
        return count;
      }
    }
    return this.scanNextHops(view, u);
  }

  /** The next hops at `u` found from `view`'s distances (usable channels to a neighbour one hop closer), left in `view`. */
  private scanNextHops(view: DistanceView, u: number): number {
    const t = this.topology;
    const degree = t.outStart[u + 1] - t.outStart[u];
    if (this.hopScratch.length < degree) this.hopScratch = new Int32Array(Math.max(degree, 2 * this.hopScratch.length));
    const out = this.hopScratch;
    const du = view.dist(u);
    let count = 0;
    for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
      const ch = t.outChannels[i];
      if (this.down[ch] === 0 && view.dist(t.channelTo[ch], du - 1) === du - 1) out[count++] = ch;
    }
    view.hopList = out;
    return count;
  }

  /** Breadth-first from `dst` inside its region, stopping at the border hubs (usable links, allowed nodes only). */
  private regionPart(dst: number): RegionPart {
    const t = this.topology;
    const allowed = this.allowed;
    const isHub = this.regions.isHub;
    const nodes = [dst];
    const dist = [0];
    const hubs: number[] = [];
    const offsets: number[] = [];
    for (let head = 0; head < nodes.length; head++) {
      const u = nodes[head];
      for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
        const ch = t.outChannels[i];
        if (this.down[ch]) continue;
        const v = t.channelTo[ch];
        if (allowed && allowed[v] !== 1) continue;
        if (isHub[v]) {
          if (!hubs.includes(v)) {
            hubs.push(v);
            offsets.push(dist[head] + 1);
          }
        } else if (!nodes.includes(v)) {
          nodes.push(v);
          dist.push(dist[head] + 1);
        }
      }
    }
    return { nodes: Int32Array.from(nodes), dist: Float64Array.from(dist), hubs: Int32Array.from(hubs), offsets: Float64Array.from(offsets) };
  }

  /** The table of node `node`, made if not kept; marks it most recently used. */
  private table(node: number): Table {
    const kept = this.tables.get(node);
    if (kept) {
      this.tables.delete(node);
      this.tables.set(node, kept);
      return kept;
    }
    const made = this.latencyMetric ? this.latencyTable(node) : this.hopTable(node);
    this.tables.set(node, made);
    this.bytes += bytesOf(made);
    this.trim(node);
    return made;
  }

  /** Drop least recently used tables (never `keep`) until within the budget. */
  private trim(keep: number): void {
    for (const [old, tb] of this.tables) {
      if (this.bytes <= this.budgetBytes) break;
      if (old === keep) continue;
      this.tables.delete(old);
      this.bytes -= bytesOf(tb);
    }
  }

  /** A hop table of `dst` searched to level 0 (dst itself), sparse; {@link deepen} goes further on demand. */
  private hopTable(dst: number): Table {
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

  /**
   * Search hop table `tb` level by level (breadth-first from its node; links are full
   * duplex, so distances to it equal distances from it) until node `v` is found or `limit`
   * levels are done, and return what the table then holds for `v`. A table whose
   * distances reach 255 moves to float64.
   */
  deepen(tb: Table, v: number, limit: number): number {
    const t = this.topology;
    const allowed = this.allowed;
    const bytesBefore = bytesOf(tb);
    while (tb.frontier && tb.level < limit && distanceIn(tb, v) === tb.unreachable) {
      const next = tb.level + 1;
      if (tb.near && next === UNREACHABLE_BYTE) this.densify(tb);
      if (next === UNREACHABLE_BYTE && tb.unreachable === UNREACHABLE_BYTE) {
        const wide = new Float64Array(tb.dist.length).fill(Infinity);
        for (let u = 0; u < wide.length; u++) if (tb.dist[u] !== UNREACHABLE_BYTE) wide[u] = tb.dist[u];
        tb.dist = wide;
        tb.unreachable = Infinity;
      }
      const found = (this.scratch ??= new Int32Array(t.nodeCount));
      let count = 0;
      const near = tb.near;
      const frontier = tb.frontier;
      const { outStart, outChannels, channelTo } = t;
      const down = this.down;
      if (near) {
        for (let k = 0; k < frontier.length; k++) {
          const u = frontier[k];
          for (let i = outStart[u]; i < outStart[u + 1]; i++) {
            const ch = outChannels[i];
            if (down[ch]) continue;
            const w = channelTo[ch];
            if (near.has(w) || (allowed && allowed[w] !== 1)) continue;
            near.set(w, next);
            found[count++] = w;
          }
        }
      } else {
        const dist = tb.dist;
        const unreachable = tb.unreachable;
        for (let k = 0; k < frontier.length; k++) {
          const u = frontier[k];
          for (let i = outStart[u]; i < outStart[u + 1]; i++) {
            const ch = outChannels[i];
            if (down[ch]) continue;
            const w = channelTo[ch];
            if (dist[w] !== unreachable || (allowed && allowed[w] !== 1)) continue;
            dist[w] = next;
            found[count++] = w;
          }
        }
      }
      tb.level = next;
      tb.frontier = count > 0 ? found.slice(0, count) : null;
      if (!tb.frontier) tb.level = Infinity;
      if (tb.near && tb.near.size * SPARSE_ENTRY_BYTES > t.nodeCount) this.densify(tb);
    }
    if (this.tables.get(tb.node) === tb) {
      this.bytes += bytesOf(tb) - bytesBefore;
      this.trim(tb.node);
    }
    return distanceIn(tb, v);
  }

  /** Move sparse hop table `tb` to a byte per node (its distances are below 255). */
  private densify(tb: Table): void {
    const dist = new Uint8Array(this.topology.nodeCount).fill(UNREACHABLE_BYTE);
    for (const [u, d] of tb.near!) dist[u] = d;
    tb.dist = dist;
    tb.near = null;
  }

  /** Seconds of every node to `dst` (Dijkstra on the event queue), and the fewest hops among latency-shortest paths. */
  private latencyTable(dst: number): Table {
    const t = this.topology;
    const n = t.nodeCount;
    const allowed = this.allowed;
    const d = new Float64Array(n).fill(Infinity);
    d[dst] = 0;
    const pq = new EventQueue(64);
    pq.push(0, dst);
    const done = new Uint8Array(n);
    while (pq.size > 0) {
      const u = pq.pop();
      if (done[u]) continue;
      done[u] = 1;
      for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
        const ch = t.outChannels[i];
        if (this.down[ch]) continue;
        const v = t.channelTo[ch];
        if (allowed && allowed[v] !== 1) continue;
        const nd = d[u] + this.latencyS[ch];
        if (nd < d[v]) {
          d[v] = nd;
          pq.push(nd, v);
        }
      }
    }
    // Fewest hops among latency-shortest paths (breadth-first over the shortest-path
    // subgraph; links are full duplex, so channel u→v has the latency of v→u).
    const h = new Int32Array(n).fill(-1);
    const queue = new Int32Array(n);
    let head = 0;
    let tail = 0;
    h[dst] = 0;
    queue[tail++] = dst;
    while (head < tail) {
      const u = queue[head++];
      for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
        const ch = t.outChannels[i];
        const v = t.channelTo[ch];
        if (h[v] < 0 && !this.down[ch] && d[v] !== Infinity && onLatencyShortestPath(d[v], d[u], this.latencyS[ch])) {
          h[v] = h[u] + 1;
          queue[tail++] = v;
        }
      }
    }
    return { node: dst, dist: d, near: null, unreachable: Infinity, hops: h, level: Infinity, frontier: null };
  }
}

/** Whether a hop of `latencyS` from a node at `du` seconds from the destination to one at `dv` lies on a latency-shortest path (equal within 1e-12, relative). */
export function onLatencyShortestPath(du: number, dv: number, latencyS: number): boolean {
  const via = dv + latencyS;
  return Math.abs(via - du) <= 1e-12 * Math.max(1, du);
}
