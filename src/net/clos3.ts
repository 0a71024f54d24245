// clos3: the three-tier Clos generator (pods of leaves and spines, super-spine planes), with its oversubscription per tier and bisection bandwidth.
import { InputError } from "../core/InputError.js";
import type { TopologyBuilder } from "./TopologyBuilder.js";

/**
 * Parameters of a three-tier Clos: the pod-and-plane fabric of Meta's data center fabric
 * and Google's Jupiter (Andreyev, "Introducing data center fabric", 2014; Singh et al.,
 * SIGCOMM 2015). A pod is a two-tier leaf–spine; spine j of every pod links to every
 * super-spine of plane j, so there are `spinesPerPod` planes.
 */
export interface Clos3Spec {
  pods: number;
  leavesPerPod: number;
  hostsPerLeaf: number;
  /** Spines in each pod (= super-spine planes); every leaf of the pod links to each. */
  spinesPerPod: number;
  /** Super-spines in each plane; spine j of every pod links to each super-spine of plane j. */
  superSpinesPerPlane: number;
  /** Host–leaf link speed, bytes/s. */
  hostBandwidthBps: number;
  /** Leaf–spine link speed, bytes/s. */
  leafUplinkBandwidthBps: number;
  /** Spine–super-spine link speed, bytes/s. */
  spineUplinkBandwidthBps: number;
  latencyS: number;
  /** Prefix for node ids, to place several fabrics in one scenario (default ""). */
  prefix?: string;
}

/** The integer parameters of {@link Clos3Spec}, in the order messages check them. */
const COUNTS = ["pods", "leavesPerPod", "hostsPerLeaf", "spinesPerPod", "superSpinesPerPlane"] as const;

/**
 * Add a three-tier Clos to `b`. Node ids (each preceded by `prefix`): super-spines
 * `super{plane}_{i}` (kind "core"), spines `spine{pod}_{j}` ("spine"), leaves
 * `leaf{pod}_{l}` ("leaf") and hosts `h{i}` ("host"), host i on leaf l of pod p with
 * i = (p·leavesPerPod + l)·hostsPerLeaf + port. Links: host–leaf, leaf–every spine of its
 * pod, spine j of every pod–every super-spine of plane j. So with P pods, L leaves and
 * S spines per pod, H hosts per leaf and C super-spines per plane there are
 * P·L·H + P·L + P·S + S·C nodes and P·L·H + P·L·S + P·S·C links. Returns the host ids.
 */
export function clos3(b: TopologyBuilder, spec: Clos3Spec): string[] {
  for (const key of COUNTS) {
    const v = spec[key];
    if (!Number.isInteger(v) || v < 1) throw new InputError(`clos3.${key} must be an integer ≥ 1, found ${v}`);
  }
  const p = spec.prefix ?? "";
  const { pods, leavesPerPod: L, hostsPerLeaf: H, spinesPerPod: S, superSpinesPerPlane: C, latencyS } = spec;
  const link = (from: string, to: string, bandwidthBps: number) => b.addLink({ from, to, bandwidthBps, latencyS });
  for (let j = 0; j < S; j++) for (let i = 0; i < C; i++) b.addNode({ id: `${p}super${j}_${i}`, kind: "core" });
  const hosts: string[] = [];
  for (let pod = 0; pod < pods; pod++) {
    for (let j = 0; j < S; j++) {
      const spine = `${p}spine${pod}_${j}`;
      b.addNode({ id: spine, kind: "spine" });
      for (let i = 0; i < C; i++) link(spine, `${p}super${j}_${i}`, spec.spineUplinkBandwidthBps);
    }
    for (let l = 0; l < L; l++) {
      const leaf = `${p}leaf${pod}_${l}`;
      b.addNode({ id: leaf, kind: "leaf" });
      for (let j = 0; j < S; j++) link(leaf, `${p}spine${pod}_${j}`, spec.leafUplinkBandwidthBps);
      for (let port = 0; port < H; port++) {
        const host = `${p}h${(pod * L + l) * H + port}`;
        b.addNode({ id: host, kind: "host" });
        link(host, leaf, spec.hostBandwidthBps);
        hosts.push(host);
      }
    }
  }
  return hosts;
}

/** Oversubscription of a three-tier Clos, tier by tier (1 = non-blocking, 4 = 4:1). */
export interface Clos3Oversubscription {
  /** Host capacity below a leaf over its uplinks: H·host ÷ (S·leafUplink). */
  leaf: number;
  /** Leaf capacity below a spine over its uplinks: L·leafUplink ÷ (C·spineUplink). */
  spine: number;
  /** Host capacity of a pod over the pod's capacity to the super-spines: L·H·host ÷ (S·C·spineUplink) = leaf × spine. */
  endToEnd: number;
}

/** The oversubscription of each tier of `spec` (see {@link Clos3Oversubscription}). */
export function clos3Oversubscription(spec: Clos3Spec): Clos3Oversubscription {
  const { leavesPerPod: L, hostsPerLeaf: H, spinesPerPod: S, superSpinesPerPlane: C } = spec;
  return {
    leaf: (H * spec.hostBandwidthBps) / (S * spec.leafUplinkBandwidthBps),
    spine: (L * spec.leafUplinkBandwidthBps) / (C * spec.spineUplinkBandwidthBps),
    endToEnd: (L * H * spec.hostBandwidthBps) / (S * C * spec.spineUplinkBandwidthBps),
  };
}

/**
 * Bisection bandwidth of a three-tier Clos with an even number of pods, bytes/s (one
 * direction): the capacity of the least cut between the first and the second half of the
 * pods. Traffic leaving a pod crosses its hosts' links, then its leaves' uplinks, then its
 * spines' uplinks (super-spines have as many links into one half as into the other), so
 * the cut is the narrowest of the three tiers of half the pods:
 * (P/2)·min(L·H·host, L·S·leafUplink, S·C·spineUplink). Throws a RangeError for an odd P.
 */
export function clos3BisectionBps(spec: Clos3Spec): number {
  const { pods: P, leavesPerPod: L, hostsPerLeaf: H, spinesPerPod: S, superSpinesPerPlane: C } = spec;
  if (P % 2 !== 0) throw new RangeError(`clos3BisectionBps needs an even number of pods, found ${P}`);
  return (P / 2) * Math.min(L * H * spec.hostBandwidthBps, L * S * spec.leafUplinkBandwidthBps, S * C * spec.spineUplinkBandwidthBps);
}
