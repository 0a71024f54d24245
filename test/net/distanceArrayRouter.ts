// distanceArrayRouter: the Router as it was before issue 13 (a distance array per destination over all nodes), kept as the twin the structural Router is checked against.
import { EventQueue } from "../../src/core/EventQueue.js";
import type { Route, RoutingMetric } from "../../src/net/Router.js";
import type { Topology } from "../../src/net/Topology.js";

/**
 * Finds routes on a {@link Topology}. Among equal-cost next hops, each flow picks by a
 * hash of (seed, flow key, node), so a flow keeps one path and different flows spread
 * over all equal-cost paths. Distance tables are computed once per destination.
 *
 * The router keeps its own view of the links (which are usable, their latencies), so a
 * run can change them without touching the shared {@link Topology}: {@link setLinkUsable}
 * and {@link setLinkLatency} change the view and drop every cached table; routes found
 * afterwards avoid unusable links. Links change both directions together, so distances
 * to a destination still equal distances from it.
 */
export class DistanceArrayRouter {
  private readonly distToDst = new Map<number, Float64Array>();
  /** Latency metric: hops to dst over latency-shortest paths, so zero-latency links cannot make a walk circle. */
  private readonly hopsToDst = new Map<number, Int32Array>();
  /** Routes of (src, dst) pairs with a single shortest path (no ECMP choice), shared by every flow between them. */
  private readonly uniqueRoutes = new Map<number, Route>();
  /** Distinct routes already built for (src, dst) pairs with several shortest paths, so flows on the same path share one Route. */
  private readonly ecmpRoutes = new Map<number, Route[]>();
  /** 1 for each directed channel the router treats as failed. */
  private readonly down: Uint8Array;
  /** One-way latency of each directed channel as the router sees it, seconds. */
  private readonly latencyS: Float64Array;
  /** Routers made by {@link restricted}: they share `down` and `latencyS`, and forget with this one. */
  private readonly variants: DistanceArrayRouter[] = [];
  /** 1 for each node routes may visit; null: every node (no policy). */
  private allowed: Uint8Array | null = null;

  constructor(
    readonly topology: Topology,
    readonly metric: RoutingMetric = "hops",
    readonly seed = 0,
    shared?: { down: Uint8Array; latencyS: Float64Array },
  ) {
    this.down = shared?.down ?? new Uint8Array(topology.channelCount);
    this.latencyS = shared?.latencyS ?? Float64Array.from(topology.channelLatencyS);
  }

  /**
   * A router over the same links that only visits nodes with `allowed[n] === 1` (a routing
   * policy): shortest paths of the allowed subgraph, same metric, seed and ECMP hashing. It
   * shares this router's view of the links, so {@link setLinkUsable} and
   * {@link setLinkLatency} on this router reach it too (and drop its tables). Its routes
   * are null when the source, the destination or every path is outside the mask.
   */
  restricted(allowed: Uint8Array): DistanceArrayRouter {
    const r = new DistanceArrayRouter(this.topology, this.metric, this.seed, { down: this.down, latencyS: this.latencyS });
    r.allowed = allowed;
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
    this.distToDst.clear();
    this.hopsToDst.clear();
    this.uniqueRoutes.clear();
    this.ecmpRoutes.clear();
    for (const v of this.variants) v.forget();
  }

  /** The route of flow `flowKey` from `src` to `dst`, or null if `dst` is unreachable. */
  route(src: number, dst: number, flowKey: number): Route | null {
    const t = this.topology;
    const pair = src * t.nodeCount + dst;
    const cached = this.uniqueRoutes.get(pair);
    if (cached) return cached;
    const dist = this.distances(dst);
    if (dist[src] === Infinity) return null;
    let branched = false;
    const nodes = [src];
    const channels: number[] = [];
    let u = src;
    const salt = mix32(this.seed ^ mix32(flowKey + 0x9e3779b9));
    const candidates: number[] = [];
    const hops = this.hopsToDst.get(dst);
    while (u !== dst) {
      candidates.length = 0;
      const du = dist[u];
      for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
        const ch = t.outChannels[i];
        const v = t.channelTo[ch];
        if (this.down[ch] === 0 && this.onShortestPath(du, dist[v], ch) && (!hops || hops[v] === hops[u] - 1)) candidates.push(ch);
      }
      if (candidates.length > 1) branched = true;
      const ch = candidates.length === 1 ? candidates[0] : candidates[mix32(salt ^ mix32(u)) % candidates.length];
      channels.push(ch);
      u = t.channelTo[ch];
      nodes.push(u);
    }
    // Many flows between one pair (collective steps, agent requests) share Route objects;
    // routes are never mutated.
    if (!branched) {
      const route = this.finish(Int32Array.from(nodes), channels);
      this.uniqueRoutes.set(pair, route);
      return route;
    }
    let seen = this.ecmpRoutes.get(pair);
    if (!seen) this.ecmpRoutes.set(pair, (seen = []));
    for (const r of seen) if (sameNodes(r.nodes, nodes)) return r;
    const route = this.finish(Int32Array.from(nodes), channels);
    if (seen.length < MAX_ECMP_ROUTES_KEPT) seen.push(route);
    return route;
  }

  /** The route along an explicit list of node numbers, or a message naming the first missing hop. */
  pinned(nodes: number[]): Route | string {
    const t = this.topology;
    const channels: number[] = [];
    for (let i = 0; i + 1 < nodes.length; i++) {
      const ch = t.channelBetween(nodes[i], nodes[i + 1]);
      if (ch < 0) return `no link between "${t.nodeIds[nodes[i]]}" and "${t.nodeIds[nodes[i + 1]]}"`;
      channels.push(ch);
    }
    return this.finish(Int32Array.from(nodes), channels);
  }

  /** Whether `dst` can be reached from `src`. */
  reachable(src: number, dst: number): boolean {
    return this.distances(dst)[src] !== Infinity;
  }

  /**
   * Among the shortest paths from `src` to `dst` (the flow's ECMP candidates), the one whose
   * largest `cost` is smallest: cost(r) for every channel r crossed and for the through
   * capacity of every node after the first (traffic engineering passes utilisations). Ties
   * go to the lower channel number at the first hop where paths differ. Null when unreachable.
   */
  minMaxRoute(src: number, dst: number, cost: (resource: number) => number): Route | null {
    const t = this.topology;
    const dist = this.distances(dst);
    if (dist[src] === Infinity) return null;
    const hops = this.hopsToDst.get(dst);
    // best[u]: smallest bottleneck cost from u to dst over the shortest-path DAG; next[u]: its channel.
    const best = new Map<number, number>();
    const next = new Map<number, number>();
    best.set(dst, 0);
    const solve = (u: number): number => {
      const known = best.get(u);
      if (known !== undefined) return known;
      let b = Infinity;
      let pick = -1;
      const du = dist[u];
      for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
        const ch = t.outChannels[i];
        const v = t.channelTo[ch];
        if (this.down[ch] !== 0 || !this.onShortestPath(du, dist[v], ch) || (hops && hops[v] !== hops[u] - 1)) continue;
        const nr = t.nodeCapacityResource[v];
        const c = Math.max(cost(ch), nr >= 0 ? cost(nr) : 0, solve(v));
        if (c < b || pick < 0) {
          b = c;
          pick = ch;
        }
      }
      best.set(u, b);
      next.set(u, pick);
      return b;
    };
    solve(src);
    const nodes = [src];
    const channels: number[] = [];
    for (let u = src; u !== dst; ) {
      const ch = next.get(u)!;
      channels.push(ch);
      u = t.channelTo[ch];
      nodes.push(u);
    }
    return this.finish(Int32Array.from(nodes), channels);
  }

  private finish(nodes: Int32Array, channels: number[]): Route {
    const t = this.topology;
    let latencyS = 0;
    for (const ch of channels) latencyS += this.latencyS[ch];
    const resources = channels.slice();
    for (const n of nodes) {
      const r = t.nodeCapacityResource[n];
      if (r >= 0) resources.push(r);
    }
    const read = t.nodeReadResource[nodes[0]];
    if (read >= 0) resources.push(read);
    const write = t.nodeWriteResource[nodes[nodes.length - 1]];
    if (write >= 0) resources.push(write);
    return { nodes, resources: Int32Array.from(resources), latencyS };
  }

  private onShortestPath(du: number, dv: number, ch: number): boolean {
    if (this.metric === "hops") return dv === du - 1;
    const via = dv + this.latencyS[ch];
    return Math.abs(via - du) <= 1e-12 * Math.max(1, du);
  }

  /** Distance of every node to `dst` (hops or seconds), Infinity when unreachable. */
  private distances(dst: number): Float64Array {
    let d = this.distToDst.get(dst);
    if (d) return d;
    const t = this.topology;
    const n = t.nodeCount;
    d = new Float64Array(n).fill(Infinity);
    const allowed = this.allowed;
    if (allowed && allowed[dst] !== 1) {
      this.distToDst.set(dst, d);
      if (this.metric === "latency") this.hopsToDst.set(dst, new Int32Array(n).fill(-1));
      return d;
    }
    d[dst] = 0;
    // Links are full duplex, so distances *to* dst equal distances *from* dst.
    if (this.metric === "hops") {
      const queue = new Int32Array(n);
      let head = 0;
      let tail = 0;
      queue[tail++] = dst;
      while (head < tail) {
        const u = queue[head++];
        for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
          const ch = t.outChannels[i];
          if (this.down[ch]) continue;
          const v = t.channelTo[ch];
          if (allowed && allowed[v] !== 1) continue;
          if (d[v] === Infinity) {
            d[v] = d[u] + 1;
            queue[tail++] = v;
          }
        }
      }
    } else {
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
      // Fewest hops among latency-shortest paths (BFS over the shortest-path subgraph; links
      // are full duplex, so channel u→v has the latency of v→u).
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
          if (h[v] < 0 && !this.down[ch] && d[v] !== Infinity && this.onShortestPath(d[v], d[u], ch)) {
            h[v] = h[u] + 1;
            queue[tail++] = v;
          }
        }
      }
      this.hopsToDst.set(dst, h);
    }
    this.distToDst.set(dst, d);
    return d;
  }
}

/** Distinct equal-cost routes kept per (src, dst) pair for sharing; beyond this, new Route objects are built. */
const MAX_ECMP_ROUTES_KEPT = 16;

function sameNodes(a: Int32Array, b: number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A 32-bit integer mixer (the murmur3 finaliser), returning an unsigned value. */
function mix32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}
