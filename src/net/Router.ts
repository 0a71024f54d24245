// Router: shortest paths (hops or latency) with per-flow ECMP by seeded hash, over distance tables per hub (hops) or per destination (latency), bounded.
import { attachmentRegions, type AttachmentRegions } from "./AttachmentRegions.js";
import { DistanceTables } from "./DistanceTables.js";
import type { DistanceView } from "./DistanceView.js";
import { FabricRouteCache } from "./FabricRouteCache.js";
import type { FabricRoutes } from "./FabricRoutes.js";
import { ecmpPick, ecmpSalt } from "./ecmpHash.js";
import { PairMap } from "./PairMap.js";
import { kShortestPaths, type Path } from "./kShortestPaths.js";
import { minMaxPath } from "./minMaxPath.js";
import { onLatencyShortestPath } from "./onLatencyShortestPath.js";
import { PathSplits } from "./PathSplits.js";
import type { Route, RoutingMetric } from "./Route.js";
import { RouteStore } from "./RouteStore.js";
import { splicedPath } from "./splicedPath.js";
import { teEndpoints } from "./teEndpoints.js";
import type { Topology } from "./Topology.js";

// Route and RoutingMetric live in Route.ts; re-exported for the modules that import them from here.
export type { Route, RoutingMetric } from "./Route.js";

/**
 * Finds routes on a {@link Topology}. Among equal-cost next hops, each flow picks by a
 * hash of (seed, flow key, node), so a flow keeps one path and different flows spread
 * over all equal-cost paths. Distances come from {@link DistanceTables}: under `hops` one
 * table per switch (hub) serves every host, GPU or NIC attached to it, so a fabric needs
 * tables for its switches only, not one per destination; tables beyond a byte budget are
 * dropped least recently used first and found again on demand (the same routes).
 *
 * The router keeps its own view of the links (which are usable, their latencies), so a
 * run can change them without touching the shared {@link Topology}: {@link setLinkUsable}
 * and {@link setLinkLatency} change the view and drop every cached table; routes found
 * afterwards avoid unusable links. Links change both directions together, so distances
 * to a destination still equal distances from it.
 */
export class Router {
  /** Distances to destinations, made on demand and bounded. */
  private readonly tables: DistanceTables;
  /** Routes of (src, dst) pairs with a single shortest path (no ECMP choice), shared by every flow between them. */
  private readonly uniqueRoutes = new PairMap<Route>();
  /** The pair {@link knownRoute} last found no route for in {@link uniqueRoutes} (−1: none), so {@link route} does not look again. */
  private missSrc = -1;
  private missDst = -1;
  /** Where routes are made, and the distinct ones of (src, dst) pairs with several shortest paths kept, so flows on the same path share one Route. */
  private readonly store: RouteStore;
  /** 1 for each directed channel the router treats as failed. */
  private readonly down: Uint8Array;
  /** One-way latency of each directed channel as the router sees it, seconds. */
  private readonly latencyS: Float64Array;
  /** Routers made by {@link restricted}: they share `down` and `latencyS`, and forget with this one. */
  private readonly variants: Router[] = [];
  /** The node, channel and candidate lists of the route being walked (reused: {@link RouteStore.make} copies what it keeps). */
  private readonly walkNodes: number[] = [];
  private readonly walkChannels: number[] = [];
  private readonly walkCandidates: number[] = [];
  /** 1 for each node routes may visit; null: every node (no policy). */
  private allowed: Uint8Array | null = null;
  /** Hubs and attachment regions of the topology (static), shared with variants. */
  private readonly regions: AttachmentRegions;
  /** Candidate paths between traffic-engineering endpoints ({@link candidatePaths}), by "a,b,k,stretch"; dropped with the tables. */
  private readonly candidates = new Map<string, Path[]>();
  /** Routes made by {@link splice}, so flows on the same route and path share one Route object. */
  private readonly spliced = new WeakMap<Path, WeakMap<Route, Route | null>>();
  /** Traffic-engineering endpoint of every node ({@link teEndpoint}), made on first use. */
  private endpoints: Int32Array | null = null;
  /**
   * The WCMP splits a traffic-engineering controller installed on this router (its policy's
   * flows), read by {@link steer}. Kept when the link view changes: a split's paths that
   * cross a failed link are skipped until the controller installs new ones.
   */
  readonly splits = new PathSplits();
  /** Routes of generated fabrics that route by their structure (a dragonfly's minimal or Valiant), asked before shortest paths; null: none. */
  fabricRoutes: FabricRoutes | null = null;
  /** Routes found by {@link fabricRoutes}, shared between flows on the same path. */
  private readonly fabricCache: FabricRouteCache;

  constructor(
    readonly topology: Topology,
    readonly metric: RoutingMetric = "hops",
    readonly seed = 0,
    shared?: { down: Uint8Array; latencyS: Float64Array; regions: AttachmentRegions },
  ) {
    this.down = shared?.down ?? new Uint8Array(topology.channelCount);
    this.latencyS = shared?.latencyS ?? Float64Array.from(topology.channelLatencyS);
    this.regions = shared?.regions ?? attachmentRegions(topology);
    this.tables = new DistanceTables(topology, metric === "latency", this.regions, this.down, this.latencyS);
    this.store = new RouteStore(topology, this.latencyS);
    this.fabricCache = new FabricRouteCache(topology, this.store);
  }

  /** Bytes of distance tables this router keeps before dropping the least recently used (default 256 MiB). */
  get tableBudgetBytes(): number {
    return this.tables.budgetBytes;
  }

  set tableBudgetBytes(bytes: number) {
    this.tables.budgetBytes = bytes;
  }

  /**
   * Routes of {@link fabricRoutes} kept for sharing by their channels before they start again
   * empty (default 65,536, ≈ 20 MB; {@link FabricRouteCache.limit}): a flow's route is the same
   * either way.
   */
  get fabricRouteLimit(): number {
    return this.fabricCache.limit;
  }

  set fabricRouteLimit(routes: number) {
    this.fabricCache.limit = routes;
  }

  /** Routes of {@link fabricRoutes} kept for sharing by their channels now (at most {@link fabricRouteLimit}). */
  get fabricRouteCount(): number {
    return this.fabricCache.size;
  }

  /** Bytes held in this router's distance tables now. */
  get tableBytes(): number {
    return this.tables.tableBytes;
  }

  /**
   * A router over the same links that only visits nodes with `allowed[n] === 1` (a routing
   * policy): shortest paths of the allowed subgraph, same metric, seed and ECMP hashing. It
   * shares this router's view of the links, so {@link setLinkUsable} and
   * {@link setLinkLatency} on this router reach it too (and drop its tables). Its routes
   * are null when the source, the destination or every path is outside the mask.
   */
  restricted(allowed: Uint8Array): Router {
    const r = new Router(this.topology, this.metric, this.seed, { down: this.down, latencyS: this.latencyS, regions: this.regions });
    r.allowed = r.tables.allowed = allowed;
    r.fabricRoutes = this.fabricRoutes;
    r.tables.budgetBytes = this.tables.budgetBytes;
    this.variants.push(r);
    return r;
  }

  /** Mark link `link` (channels 2·link and 2·link+1) usable or not, and forget every cached table. */
  setLinkUsable(link: number, usable: boolean): void {
    this.down[2 * link] = this.down[2 * link + 1] = usable ? 0 : 1;
    this.forget();
  }

  /** Whether the router routes over directed channel `channel`. */
  channelUsable(channel: number): boolean {
    return this.down[channel] === 0;
  }

  /** Set both directions of link `link` to `latencyS` for routes found from now on, and forget every cached table. */
  setLinkLatency(link: number, latencyS: number): void {
    this.latencyS[2 * link] = this.latencyS[2 * link + 1] = latencyS;
    this.forget();
  }

  /** Drop every cached table and route (after a link's state or latency changed). */
  private forget(): void {
    this.tables.clear();
    this.uniqueRoutes.clear();
    this.missSrc = this.missDst = -1;
    this.store.forget();
    this.candidates.clear();
    this.fabricCache.forget();
    this.fabricRoutes?.viewChanged?.(this.down, this.latencyS);
    for (const v of this.variants) v.forget();
  }

  /** The route of flow `flowKey` from `src` to `dst` ({@link fabricRoutes}' when it gives one, else a shortest path), or null if `dst` is unreachable. */
  route(src: number, dst: number, flowKey: number): Route | null {
    if (this.fabricRoutes) {
      const r = this.fabricCache.route(this.fabricRoutes, src, dst, flowKey, this.seed, this.down, this.allowed);
      if (r) return r;
    }
    const t = this.topology;
    // A pair knownRoute has just found no route for needs no second look.
    if (src !== this.missSrc || dst !== this.missDst) {
      const cached = this.uniqueRoutes.get(src, dst);
      if (cached) return cached;
    }
    const view = this.tables.toward(dst);
    if (view.dist(src) === Infinity) return null;
    let branched = false;
    const nodes = this.walkNodes;
    const channels = this.walkChannels;
    nodes.length = channels.length = 0;
    nodes.push(src);
    let u = src;
    const salt = ecmpSalt(this.seed, flowKey);
    if (this.metric === "hops") {
      // The equal-cost next hops of each node, read from the distance tables.
      while (u !== dst) {
        const count = view.nextHops(u);
        if (count > 1) branched = true;
        const ch = view.hopList[ecmpPick(salt, u, count)];
        channels.push(ch);
        u = t.channelTo[ch];
        nodes.push(u);
      }
    } else {
      const candidates = this.walkCandidates;
      const hops = view.hops;
      while (u !== dst) {
        candidates.length = 0;
        const du = view.dist(u);
        for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
          const ch = t.outChannels[i];
          const v = t.channelTo[ch];
          if (this.down[ch] === 0 && this.onShortestPath(du, view.dist(v, du - 1), ch) && (!hops || hops[v] === hops[u] - 1)) candidates.push(ch);
        }
        if (candidates.length > 1) branched = true;
        const ch = candidates[ecmpPick(salt, u, candidates.length)];
        channels.push(ch);
        u = t.channelTo[ch];
        nodes.push(u);
      }
    }
    // Many flows between one pair (collective steps, agent requests) share Route objects;
    // routes are never mutated.
    if (!branched) {
      const route = this.store.make(nodes, channels);
      this.uniqueRoutes.set(src, dst, route);
      this.missSrc = this.missDst = -1;
      return route;
    }
    return this.store.shared(nodes, channels);
  }

  /**
   * The route {@link steer} gives every flow from `src` to `dst` when it does not depend on
   * the flow (a pair with one shortest path, already found, with no fabric routes and no
   * splits installed), or undefined: then ask {@link steer} with the flow's key.
   */
  knownRoute(src: number, dst: number): Route | undefined {
    if (this.fabricRoutes || this.splits.size > 0) return undefined;
    const route = this.uniqueRoutes.get(src, dst);
    if (!route) {
      this.missSrc = src;
      this.missDst = dst;
    }
    return route;
  }

  /**
   * Where traffic engineering starts or ends a flow's path: the border node of the node's
   * site (a WAN controller engineers between sites, as B4 and SWAN do, and leaves the paths
   * inside a site to ECMP), or the node itself when it is outside every site.
   */
  teEndpoint(node: number): number {
    if (!this.endpoints) this.endpoints = teEndpoints(this.topology);
    return this.endpoints[node];
  }

  /**
   * The candidate paths from endpoint `a` to endpoint `b` a traffic-engineering controller
   * may use: Yen's `k` shortest loopless paths under this router's metric (hops, or latency
   * with ties to fewer hops), over the links it sees as usable and the nodes its policy
   * allows, keeping those within `stretch` × the shortest one's cost. Cached until the link
   * view changes. Empty when `b` is out of reach.
   */
  candidatePaths(a: number, b: number, k: number, stretch: number): Path[] {
    const key = `${a},${b},${k},${stretch}`;
    let paths = this.candidates.get(key);
    if (!paths) {
      const latency = this.metric === "latency";
      paths = kShortestPaths(
        {
          topology: this.topology,
          costOf: (ch) => (latency ? this.latencyS[ch] : 1),
          usable: (ch) => this.down[ch] === 0,
          allowed: this.allowed,
        },
        a,
        b,
        k,
        stretch,
      );
      this.candidates.set(key, paths);
    }
    return paths;
  }

  /** Whether every channel of `path` is usable in this router's view. */
  pathUsable(path: Path): boolean {
    for (const ch of path.channels) if (this.down[ch] !== 0) return false;
    return true;
  }

  /**
   * `route` with its part from node `a` to node `b` (a before b) replaced by `path` (which runs
   * from a to b): the prefix and suffix stay (inside the sites, on the flow's ECMP choice),
   * the middle changes. Null when the route does not visit a and then b, or when the result
   * would visit a node twice. The same (route, path) gives the same Route object.
   */
  splice(route: Route, a: number, b: number, path: Path): Route | null {
    let memo = this.spliced.get(path);
    if (!memo) this.spliced.set(path, (memo = new WeakMap()));
    const known = memo.get(route);
    if (known !== undefined) return known;
    const made = this.spliceNew(route, a, b, path);
    memo.set(route, made);
    return made;
  }

  private spliceNew(route: Route, a: number, b: number, path: Path): Route | null {
    const spliced = splicedPath(route, a, b, path);
    return spliced && this.store.make(spliced.nodes, spliced.channels);
  }

  /**
   * The route of a new (or rerouted) flow: its ECMP {@link route}, and, when a split is
   * installed for its endpoints (site borders) and one of its paths is usable, with the part
   * between the endpoints replaced by the path the split deals it ({@link PathSplits.pick}).
   * Without splits this is {@link route} exactly.
   */
  steer(src: number, dst: number, flowKey: number): Route | null {
    const base = this.route(src, dst, flowKey);
    if (!base || this.splits.size === 0) return base;
    const a = this.teEndpoint(src);
    const b = this.teEndpoint(dst);
    if (a === b) return base;
    const path = this.splits.pick(a * this.topology.nodeCount + b, (p) => this.pathUsable(p));
    if (!path) return base;
    return this.splice(base, a, b, path) ?? base;
  }

  /** The route along an explicit list of node numbers, or a message naming the first missing hop. */
  pinned(nodes: ArrayLike<number>): Route | string {
    const t = this.topology;
    const channels: number[] = [];
    for (let i = 0; i + 1 < nodes.length; i++) {
      const ch = t.channelBetween(nodes[i], nodes[i + 1]);
      if (ch < 0) return `no link between "${t.nodeIds[nodes[i]]}" and "${t.nodeIds[nodes[i + 1]]}"`;
      channels.push(ch);
    }
    return this.store.make(nodes, channels);
  }

  /** Whether `dst` can be reached from `src`. */
  reachable(src: number, dst: number): boolean {
    return this.tables.toward(dst).dist(src) !== Infinity;
  }

  /**
   * Among the shortest paths from `src` to `dst` (the flow's ECMP candidates), the one whose
   * largest `cost` is smallest: cost(r) for every channel r crossed and for the through
   * capacity of every node after the first (traffic engineering passes utilisations). Ties
   * go to the lower channel number at the first hop where paths differ. Null when unreachable.
   */
  minMaxRoute(src: number, dst: number, cost: (resource: number) => number): Route | null {
    const view: DistanceView = this.tables.toward(dst);
    if (view.dist(src) === Infinity) return null;
    const { nodes, channels } = minMaxPath(this.topology, view, src, dst, cost, this.down, (du, dv, ch) => this.onShortestPath(du, dv, ch));
    return this.store.make(nodes, channels);
  }

  private onShortestPath(du: number, dv: number, ch: number): boolean {
    if (this.metric === "hops") return dv === du - 1;
    return onLatencyShortestPath(du, dv, this.latencyS[ch]);
  }
}

