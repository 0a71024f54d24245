// fatTree: the k-ary fat-tree generator (Al-Fares et al., SIGCOMM 2008).
import { InputError } from "../core/InputError.js";
import type { TopologyBuilder } from "./TopologyBuilder.js";

/** Parameters of a k-ary fat-tree. */
export interface FatTreeSpec {
  /** Switch radix; even, ≥ 2. Gives k³/4 hosts, k pods, (k/2)² core switches. */
  k: number;
  bandwidthBps: number;
  latencyS: number;
  /** Prefix for node ids, to place several fabrics in one scenario (default ""). */
  prefix?: string;
}

/**
 * Add a k-ary fat-tree to `b`. Node ids: hosts `h0 … h{k³/4-1}` (kind "host"), edge
 * switches `e{pod}_{i}` ("edge"), aggregation `a{pod}_{i}` ("agg"), core `c{j}` ("core"),
 * each prefixed by `prefix`. Host h = pod·(k/2)² + edge·(k/2) + port. Returns the host ids.
 */
export function fatTree(b: TopologyBuilder, spec: FatTreeSpec): string[] {
  const { k, bandwidthBps, latencyS } = spec;
  const p = spec.prefix ?? "";
  if (!Number.isInteger(k) || k < 2 || k % 2 !== 0) {
    throw new InputError(`fatTree.k must be an even integer ≥ 2, found ${k}`);
  }
  const half = k / 2;
  const hosts: string[] = [];
  const link = (from: string, to: string) => b.addLink({ from, to, bandwidthBps, latencyS });
  for (let j = 0; j < half * half; j++) b.addNode({ id: `${p}c${j}`, kind: "core" });
  for (let pod = 0; pod < k; pod++) {
    for (let i = 0; i < half; i++) {
      b.addNode({ id: `${p}a${pod}_${i}`, kind: "agg" });
      b.addNode({ id: `${p}e${pod}_${i}`, kind: "edge" });
    }
    for (let e = 0; e < half; e++) {
      for (let port = 0; port < half; port++) {
        const h = `${p}h${pod * half * half + e * half + port}`;
        b.addNode({ id: h, kind: "host" });
        hosts.push(h);
        link(h, `${p}e${pod}_${e}`);
      }
      for (let a = 0; a < half; a++) link(`${p}e${pod}_${e}`, `${p}a${pod}_${a}`);
    }
    // Aggregation switch a of each pod connects to core switches a·(k/2) … a·(k/2)+k/2-1.
    for (let a = 0; a < half; a++) {
      for (let c = 0; c < half; c++) link(`${p}a${pod}_${a}`, `${p}c${a * half + c}`);
    }
  }
  return hosts;
}
