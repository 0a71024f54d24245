// DistanceTables: distances to any destination, from per-hub tables (bounded, least recently used dropped first) and the destination's attachment region.
import type { AttachmentRegions } from "./AttachmentRegions.js";
import { bytesOf, distanceIn, hopTable, SPARSE_ENTRY_BYTES, UNREACHABLE_BYTE, type DistanceTable, type RegionPart } from "./DistanceTable.js";
import { DistanceView } from "./DistanceView.js";
import { latencyTable } from "./latencyTable.js";
import { regionPart } from "./regionPart.js";
import type { Topology } from "./Topology.js";

/** Bytes of distance tables a router keeps by default before it drops the least recently used. */
export const DEFAULT_TABLE_BUDGET_BYTES = 256 * 1024 * 1024;

const NO_NODES = new Int32Array(0);
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
  private readonly tables = new Map<number, DistanceTable>();
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
    if (!part) this.regionParts.set(dst, (part = regionPart(this.topology, dst, this.down, this.allowed, this.regions.isHub)));
    const tables: DistanceTable[] = [];
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
  nextHops(view: DistanceView, part: RegionPart, tables: DistanceTable[], u: number): number {
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

  /** The table of node `node`, made if not kept; marks it most recently used. */
  private table(node: number): DistanceTable {
    const kept = this.tables.get(node);
    if (kept) {
      this.tables.delete(node);
      this.tables.set(node, kept);
      return kept;
    }
    const made = this.latencyMetric ? latencyTable(this.topology, node, this.down, this.latencyS, this.allowed) : hopTable(node);
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

  /**
   * Search hop table `tb` level by level (breadth-first from its node; links are full
   * duplex, so distances to it equal distances from it) until node `v` is found or `limit`
   * levels are done, and return what the table then holds for `v`. A table whose
   * distances reach 255 moves to float64.
   */
  deepen(tb: DistanceTable, v: number, limit: number): number {
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
  private densify(tb: DistanceTable): void {
    const dist = new Uint8Array(this.topology.nodeCount).fill(UNREACHABLE_BYTE);
    for (const [u, d] of tb.near!) dist[u] = d;
    tb.dist = dist;
    tb.near = null;
  }
}
