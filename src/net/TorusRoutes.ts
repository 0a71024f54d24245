// TorusRoutes: the shortest-path ECMP routes of the tori of a topology, found from router coordinates instead of distance tables.
import { InputError } from "../core/InputError.js";
import type { FabricRoutes } from "./FabricRoutes.js";
import { ecmpPick, ecmpSalt } from "./ecmpHash.js";
import type { RoutingMetric } from "./Route.js";
import type { Topology } from "./Topology.js";
import { torusRingLinks, torusRouterId, type TorusSpec } from "./torus.js";

/** Down links (or forbidden routers) of a torus beyond which every pair of it goes back to the router's own shortest paths (the per-pair test is linear in them). */
const MAX_EXCEPTIONS = 256;

/** One torus of a topology: its shape, where its nodes are, and what the router's view allows of it. */
type Instance = {
  /** Size of each dimension. */
  dims: number[];
  /** Node number of router r (r = x + X·(y + Y·z)). */
  routers: Int32Array;
  /** Coordinates of router r at r·dims.length + d. */
  coords: Int32Array;
  /** Router–router links (link ids). */
  links: Int32Array;
  /** Whether shortest paths between its nodes are its minimal paths (no extra link, nothing outside joins two of its nodes). */
  closed: boolean;
  /** Router indexes of the ends of each router–router link down in the router's view, in pairs; null: too many (no structural routes). */
  down: Int32Array | null;
  /** Under the latency metric: whether every router–router channel has the same latency in the router's view. */
  equalLatency: boolean;
  /** Routers each policy mask forbids, in pairs' tests; null: too many. */
  forbidden: WeakMap<Uint8Array, Int32Array | null>;
};

/**
 * The {@link FabricRoutes} of the tori of a topology: exactly the routes the
 * {@link import("./Router.js").Router} finds by its distance tables (the same candidate
 * channels at every node, in the same order, picked by the same hash of seed, flow key and
 * node), computed from coordinates instead. At a router, the next hops toward the
 * destination's router are the neighbours one step closer in some dimension whose offset is
 * non-zero, the shorter way round (both ways when the offset is exactly k/2); the torus
 * distance is Σ_d min(|Δ_d|, k_d − |Δ_d|). No distance table is built, so a 32×32×32 torus
 * routes in the memory of its topology.
 *
 * It answers only where that is provably the router's answer, and null otherwise (the
 * router then finds the route by its tables): both ends in the same torus (hosts or
 * routers), the torus closed (its nodes have only the generator's links, and no node outside
 * it reaches two of its nodes except through it), under `latency` every router–router link
 * of the same latency (then latency-shortest paths with the fewest hops are the minimal
 * ones), and no link down or policy-forbidden router on any minimal path of the pair
 * (tested per pair in O(1) per down link or forbidden router: link a–b lies on one iff
 * D(s,a) + 1 + D(b,t) = D(s,t) either way round; a router w iff D(s,w) + D(w,t) = D(s,t)).
 * Away from those, every minimal path is intact, every node on one keeps its distance, and
 * no other neighbour is closer, so the router's candidates are these.
 */
export class TorusRoutes implements FabricRoutes {
  private readonly instances: Instance[] = [];
  /** Instance of each node (-1: in no torus). */
  private readonly instanceOf: Int32Array;
  /** For a node of a torus: its router's index (a router's own index for a router). */
  private readonly routerOf: Int32Array;
  /** 1 for a torus router, 0 for a host or a node in no torus. */
  private readonly isRouter: Uint8Array;
  /** For a channel between two routers of a torus: the dimension its ends differ in (-1: any other channel). */
  private readonly channelDim: Int8Array;
  /** The router's view of the links (null: nothing down yet), read lazily after {@link viewChanged}. */
  private viewDown: Uint8Array | null = null;
  private viewLatencyS: Float64Array;
  private stale = false;

  constructor(
    private readonly topology: Topology,
    tori: readonly TorusSpec[],
    private readonly metric: RoutingMetric,
  ) {
    const t = topology;
    this.viewLatencyS = t.channelLatencyS;
    this.instanceOf = new Int32Array(t.nodeCount).fill(-1);
    this.routerOf = new Int32Array(t.nodeCount).fill(-1);
    this.isRouter = new Uint8Array(t.nodeCount);
    this.channelDim = new Int8Array(t.channelCount).fill(-1);
    for (const spec of tori) {
      const { dims, hostsPerNode: H } = spec;
      const pre = spec.prefix ?? "";
      const k = this.instances.length;
      const node = (id: string) => {
        const n = t.nodeIndex.get(id);
        if (n === undefined) throw new InputError(`torus node "${id}" is missing from the topology`);
        return n;
      };
      const n = dims.reduce((a, x) => a * x, 1);
      const D = dims.length;
      const routers = new Int32Array(n);
      const coords = new Int32Array(n * D);
      for (let r = 0; r < n; r++) {
        let rest = r;
        const c: number[] = [];
        for (let d = 0; d < D; d++) {
          c.push(rest % dims[d]);
          coords[r * D + d] = rest % dims[d];
          rest = Math.floor(rest / dims[d]);
        }
        routers[r] = node(torusRouterId(pre, c));
        this.instanceOf[routers[r]] = k;
        this.routerOf[routers[r]] = r;
        this.isRouter[routers[r]] = 1;
        for (let h = 0; h < H; h++) {
          const host = node(`${pre}h${r * H + h}`);
          this.instanceOf[host] = k;
          this.routerOf[host] = r;
        }
      }
      const links: number[] = [];
      for (const u of routers) {
        for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
          const ch = t.outChannels[i];
          const v = t.channelTo[ch];
          if (this.instanceOf[v] !== k || !this.isRouter[v]) continue;
          if ((ch & 1) === 0) links.push(ch >> 1);
          const [a, b] = [this.routerOf[u], this.routerOf[v]];
          for (let dim = 0; dim < D; dim++) if (coords[a * D + dim] !== coords[b * D + dim]) this.channelDim[ch] = dim;
        }
      }
      const instance: Instance = { dims, routers, coords, links: Int32Array.from(links), closed: false, down: new Int32Array(0), equalLatency: true, forbidden: new WeakMap() };
      this.instances.push(instance);
      instance.closed = this.isClosed(k, H);
      this.readView(instance);
    }
  }

  viewChanged(down: Uint8Array, latencyS: Float64Array): void {
    this.viewDown = down;
    this.viewLatencyS = latencyS;
    this.stale = true;
  }

  channels(src: number, dst: number, flowKey: number, seed: number, usable: (channel: number) => boolean, allowed: Uint8Array | null = null): number[] | null {
    const k = this.instanceOf[src];
    if (k < 0 || this.instanceOf[dst] !== k || src === dst) return null;
    if (this.stale) {
      for (const d of this.instances) this.readView(d);
      this.stale = false;
    }
    const d = this.instances[k];
    if (!d.closed || d.down === null || (this.metric === "latency" && !d.equalLatency)) return null;
    if (allowed && (allowed[src] !== 1 || allowed[dst] !== 1)) return null;
    const t = this.topology;
    const rs = this.routerOf[src];
    const rt = this.routerOf[dst];
    const total = this.distance(d, rs, rt);
    // A down link or a forbidden router on some minimal path changes the router's candidates: its tables decide.
    const down = d.down;
    for (let i = 0; i < down.length; i += 2) {
      const a = down[i];
      const b = down[i + 1];
      if (this.distance(d, rs, a) + 1 + this.distance(d, b, rt) === total || this.distance(d, rs, b) + 1 + this.distance(d, a, rt) === total) return null;
    }
    if (allowed) {
      const forbidden = this.forbiddenRouters(d, allowed);
      if (forbidden === null) return null;
      for (const w of forbidden) if (this.distance(d, rs, w) + this.distance(d, w, rt) === total) return null;
    }
    const out: number[] = [];
    if (!this.isRouter[src]) {
      const ch = t.channelBetween(src, d.routers[rs]);
      if (ch < 0 || !usable(ch)) return null;
      out.push(ch);
    }
    const salt = ecmpSalt(seed, flowKey);
    const candidates: number[] = [];
    const dims = d.dims;
    const D = dims.length;
    const c = d.coords;
    let r = rs;
    for (let left = total; left > 0; left--) {
      const u = d.routers[r];
      candidates.length = 0;
      // Out-channels in the router's order; a ring channel changes one coordinate, so it leads one step
      // closer iff it shortens the offset along its dimension.
      for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
        const ch = t.outChannels[i];
        const dim = this.channelDim[ch];
        if (dim < 0) continue;
        const to = c[rt * D + dim];
        if (axisDistance(dims[dim], c[this.routerOf[t.channelTo[ch]] * D + dim], to) === axisDistance(dims[dim], c[r * D + dim], to) - 1) candidates.push(ch);
      }
      const ch = candidates[ecmpPick(salt, u, candidates.length)];
      out.push(ch);
      r = this.routerOf[t.channelTo[ch]];
    }
    if (!this.isRouter[dst]) {
      const ch = t.channelBetween(d.routers[rt], dst);
      if (ch < 0 || !usable(ch)) return null;
      out.push(ch);
    }
    return out;
  }

  /** Torus distance between routers a and b of `d`: Σ_d min(|Δ|, k − |Δ|). */
  private distance(d: Instance, a: number, b: number): number {
    const dims = d.dims;
    const D = dims.length;
    const c = d.coords;
    let sum = 0;
    for (let i = 0; i < D; i++) sum += axisDistance(dims[i], c[a * D + i], c[b * D + i]);
    return sum;
  }

  /**
   * Whether shortest paths between nodes of torus `k` are its minimal paths: each router has
   * exactly its H host links and its ring links to nodes of the torus, each host one, and
   * every connected part of the rest of the network touches at most one node of the torus
   * (so a path leaving the torus comes back where it left: never a shortest path).
   */
  private isClosed(k: number, H: number): boolean {
    const t = this.topology;
    const d = this.instances[k];
    const ringDegree = d.dims.reduce((a, size) => a + (torusRingLinks(size) === 1 ? 1 : 2), 0);
    const inside = (v: number) => this.instanceOf[v] === k;
    for (let v = 0; v < t.nodeCount; v++) {
      if (!inside(v)) continue;
      let links = 0;
      for (let i = t.outStart[v]; i < t.outStart[v + 1]; i++) if (inside(t.channelTo[t.outChannels[i]])) links++;
      if (links !== (this.isRouter[v] ? H + ringDegree : 1)) return false;
    }
    const seen = new Uint8Array(t.nodeCount);
    const queue = new Int32Array(t.nodeCount);
    for (let start = 0; start < t.nodeCount; start++) {
      if (inside(start) || seen[start]) continue;
      let touched = -1;
      let head = 0;
      let tail = 0;
      queue[tail++] = start;
      seen[start] = 1;
      while (head < tail) {
        const u = queue[head++];
        for (let i = t.outStart[u]; i < t.outStart[u + 1]; i++) {
          const v = t.channelTo[t.outChannels[i]];
          if (inside(v)) {
            if (touched >= 0 && touched !== v) return false;
            touched = v;
          } else if (!seen[v]) {
            seen[v] = 1;
            queue[tail++] = v;
          }
        }
      }
    }
    return true;
  }

  /** Read the router's view for `d`: its router–router links down, and whether their latencies are all equal. */
  private readView(d: Instance): void {
    const down: number[] = [];
    const view = this.viewDown;
    const lat = this.viewLatencyS;
    const first = d.links.length > 0 ? lat[2 * d.links[0]] : 0;
    let equal = true;
    for (const l of d.links) {
      if (lat[2 * l] !== first || lat[2 * l + 1] !== first) equal = false;
      if (view && (view[2 * l] || view[2 * l + 1])) {
        down.push(this.routerOf[this.topology.channelFrom[2 * l]], this.routerOf[this.topology.channelTo[2 * l]]);
      }
    }
    d.down = down.length / 2 > MAX_EXCEPTIONS ? null : Int32Array.from(down);
    d.equalLatency = equal;
  }

  /** The routers of `d` that policy mask `allowed` forbids (null: more than {@link MAX_EXCEPTIONS}); masks never change, so this is kept per mask. */
  private forbiddenRouters(d: Instance, allowed: Uint8Array): Int32Array | null {
    const known = d.forbidden.get(allowed);
    if (known !== undefined) return known;
    const out: number[] = [];
    for (let r = 0; r < d.routers.length; r++) if (allowed[d.routers[r]] !== 1) out.push(r);
    const made = out.length > MAX_EXCEPTIONS ? null : Int32Array.from(out);
    d.forbidden.set(allowed, made);
    return made;
  }
}

/** Steps between positions x and y of a ring of size k, the shorter way round. */
function axisDistance(k: number, x: number, y: number): number {
  const off = x > y ? x - y : y - x;
  return 2 * off > k ? k - off : off;
}
