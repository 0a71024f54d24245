// torus: the 1D/2D/3D torus generator (a router per grid point, wrap-around links, hosts on each router), with its bisection bandwidth.
import { InputError } from "../core/InputError.js";
import type { TopologyBuilder } from "./TopologyBuilder.js";

/** Parameters of a torus (a k-ary n-cube with per-dimension sizes, as SimGrid's Torus cluster and ASTRA-sim's torus). */
export interface TorusSpec {
  /** Size of each dimension, 1 to 3 of them, each ≥ 2: [x], [x, y] or [x, y, z]. */
  dims: number[];
  /** Hosts on each router (≥ 1). */
  hostsPerNode: number;
  /** Router–router link speed, bytes/s. */
  bandwidthBps: number;
  /** Host–router link speed, bytes/s. */
  hostBandwidthBps: number;
  latencyS: number;
  /** Prefix for node ids, to place several fabrics in one scenario (default ""). */
  prefix?: string;
}

/** Most dimensions a torus may have. */
export const MAX_TORUS_DIMS = 3;

/** Router–router links along a dimension of size k, per ring: k (a ring) for k ≥ 3, 1 for k = 2 (the wrap-around link would be a second link between the same two routers). */
export function torusRingLinks(k: number): number {
  return k >= 3 ? k : 1;
}

/** Id of the router at grid point `coords` of the torus with node-id prefix `prefix`: `{prefix}r{x}_{y}_{z}`. */
export function torusRouterId(prefix: string, coords: readonly number[]): string {
  return `${prefix}r${coords.join("_")}`;
}

/**
 * Add a torus to `b`. Routers `r{x}` / `r{x}_{y}` / `r{x}_{y}_{z}` (kind "switch"), one per
 * grid point, each linked to its neighbour one step up every dimension, wrapping around
 * (for a dimension of size 2 the two neighbours are one router: one link). Router n =
 * x + X·(y + Y·z) carries hosts `h{n·hostsPerNode + k}` (kind "host"). So with
 * N = Πdims routers and H hosts per router there are N·(1 + H) nodes and
 * N·H + Σ_d (N / k_d)·ringLinks(k_d) links ({@link torusRingLinks}). Returns the host ids.
 */
export function torus(b: TopologyBuilder, spec: TorusSpec): string[] {
  const { dims, hostsPerNode: H, latencyS } = spec;
  const p = spec.prefix ?? "";
  if (dims.length < 1 || dims.length > MAX_TORUS_DIMS) throw new InputError(`torus.dims must list 1 to ${MAX_TORUS_DIMS} sizes, found ${dims.length}`);
  dims.forEach((k, d) => {
    if (!Number.isInteger(k) || k < 2) throw new InputError(`torus.dims[${d}] must be an integer ≥ 2, found ${k}`);
  });
  if (!Number.isInteger(H) || H < 1) throw new InputError(`torus.hostsPerNode must be an integer ≥ 1, found ${H}`);
  const n = dims.reduce((a, k) => a * k, 1);
  const coords = (node: number): number[] => {
    const c: number[] = [];
    for (const k of dims) {
      c.push(node % k);
      node = Math.floor(node / k);
    }
    return c;
  };
  const name = (c: number[]) => torusRouterId(p, c);
  const hosts: string[] = [];
  for (let node = 0; node < n; node++) {
    const router = name(coords(node));
    b.addNode({ id: router, kind: "switch" });
    for (let k = 0; k < H; k++) {
      const host = `${p}h${node * H + k}`;
      b.addNode({ id: host, kind: "host" });
      b.addLink({ from: host, to: router, bandwidthBps: spec.hostBandwidthBps, latencyS });
      hosts.push(host);
    }
  }
  for (let node = 0; node < n; node++) {
    const c = coords(node);
    dims.forEach((k, d) => {
      // Size 2: the step up from 1 is the step up from 0 again; link once.
      if (k === 2 && c[d] === 1) return;
      const next = [...c];
      next[d] = (c[d] + 1) % k;
      b.addLink({ from: name(c), to: name(next), bandwidthBps: spec.bandwidthBps, latencyS, role: "direct" });
    });
  }
  return hosts;
}

/**
 * Bisection bandwidth of a torus with at least one even dimension, bytes/s (one direction):
 * the least of two cuts that split the hosts in half. Cutting every ring of an even
 * dimension k in two (N/k rings) crosses 2 links per ring (1 when k = 2), so the
 * network cut is min over even k of (N/k)·(k = 2 ? 1 : 2)·bandwidth — halving the
 * longest even dimension (Dally & Towles, *Principles and Practices of Interconnection
 * Networks*, §3.3); the host cut is half the hosts' links, N·H/2·hostBandwidth. Throws a
 * RangeError when every dimension is odd (no plane splits the routers in half).
 */
export function torusBisectionBps(spec: TorusSpec): number {
  const n = spec.dims.reduce((a, k) => a * k, 1);
  const even = spec.dims.filter((k) => k % 2 === 0);
  if (even.length === 0) throw new RangeError(`torusBisectionBps needs an even dimension, found [${spec.dims.join(", ")}]`);
  const network = Math.min(...even.map((k) => (n / k) * (k === 2 ? 1 : 2) * spec.bandwidthBps));
  return Math.min(network, ((n * spec.hostsPerNode) / 2) * spec.hostBandwidthBps);
}
