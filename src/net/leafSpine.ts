// leafSpine: the two-tier leaf–spine (folded Clos) generator.
import { InputError } from "../core/InputError.js";
import type { TopologyBuilder } from "./TopologyBuilder.js";

/** Parameters of a leaf–spine fabric. */
export interface LeafSpineSpec {
  leaves: number;
  spines: number;
  hostsPerLeaf: number;
  /** Host–leaf link speed, bytes/s. */
  hostBandwidthBps: number;
  /** Leaf–spine link speed, bytes/s. */
  uplinkBandwidthBps: number;
  latencyS: number;
  prefix?: string;
}

/**
 * Add a leaf–spine fabric to `b`: hosts `h{i}` ("host"), leaves `leaf{i}` ("leaf"),
 * spines `spine{j}` ("spine"); every leaf connects to every spine. Host i sits on leaf
 * ⌊i / hostsPerLeaf⌋. Oversubscription = hostsPerLeaf·host speed ÷ (spines·uplink speed).
 * Returns the host ids.
 */
export function leafSpine(b: TopologyBuilder, spec: LeafSpineSpec): string[] {
  const p = spec.prefix ?? "";
  for (const key of ["leaves", "spines", "hostsPerLeaf"] as const) {
    const v = spec[key];
    if (!Number.isInteger(v) || v < 1) throw new InputError(`leafSpine.${key} must be an integer ≥ 1, found ${v}`);
  }
  const hosts: string[] = [];
  for (let s = 0; s < spec.spines; s++) b.addNode({ id: `${p}spine${s}`, kind: "spine" });
  for (let l = 0; l < spec.leaves; l++) {
    const leaf = `${p}leaf${l}`;
    b.addNode({ id: leaf, kind: "leaf" });
    for (let s = 0; s < spec.spines; s++) {
      b.addLink({ from: leaf, to: `${p}spine${s}`, bandwidthBps: spec.uplinkBandwidthBps, latencyS: spec.latencyS });
    }
    for (let h = 0; h < spec.hostsPerLeaf; h++) {
      const host = `${p}h${l * spec.hostsPerLeaf + h}`;
      b.addNode({ id: host, kind: "host" });
      b.addLink({ from: host, to: leaf, bandwidthBps: spec.hostBandwidthBps, latencyS: spec.latencyS });
      hosts.push(host);
    }
  }
  return hosts;
}

/** Oversubscription ratio of a leaf–spine spec (host capacity over uplink capacity per leaf). */
export function leafSpineOversubscription(spec: LeafSpineSpec): number {
  return (spec.hostsPerLeaf * spec.hostBandwidthBps) / (spec.spines * spec.uplinkBandwidthBps);
}
