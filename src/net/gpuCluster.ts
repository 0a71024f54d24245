// gpuCluster: the GPU cluster generator (NVLink domains of one host or more, NICs, rail-optimized or leaf scale-out at 2 or 3 tiers, one plane or several).
import { InputError } from "../core/InputError.js";
import { gpuClusterPods, gpuClusterScaleOut, gpuClusterTop } from "./gpuClusterScaleOut.js";
import type { TopologyBuilder } from "./TopologyBuilder.js";

/** Parameters of a GPU cluster. */
export interface GpuClusterSpec {
  hosts: number;
  gpusPerHost: number;
  /** GPU–NVSwitch link speed (NVLink bandwidth per GPU, each direction), bytes/s. */
  nvlinkBandwidthBps: number;
  /** NIC speed (NIC–rail or NIC–leaf link), bytes/s. */
  nicBandwidthBps: number;
  /**
   * NICs per host (default `gpusPerHost`: one per GPU). Fewer NICs than GPUs are shared:
   * they hang off the host's NVSwitch (standing for its PCIe complex) over PCIe links.
   */
  nicsPerHost?: number;
  /**
   * PCIe bandwidth between a GPU (or, for shared NICs, the host) and its NIC, bytes/s. With
   * one NIC per GPU and no PCIe bandwidth the NIC is folded into the GPU's link to the fabric.
   */
  pcieBandwidthBps?: number;
  /** NIC k of every host on rail switch k (true), or every NIC of a host on the host's leaf (false). */
  railOptimized: boolean;
  spines: number;
  /** Rail/leaf–spine link speed, bytes/s. */
  uplinkBandwidthBps: number;
  /** Hosts per leaf; required when `railOptimized` is false, rejected otherwise. */
  hostsPerLeaf?: number;
  /** Latency of every scale-out link (NIC and uplink), seconds. */
  latencyS: number;
  /** Latency of every GPU–NVSwitch link, seconds. */
  nvlinkLatencyS: number;
  /**
   * GPUs per NVLink (scale-up) domain, a multiple of `gpusPerHost` (default `gpusPerHost`: an
   * NVSwitch per host). Larger, the domain's hosts share one NVSwitch `nvl{d}` (an NVL72 rack:
   * 18 hosts × 4 GPUs) and every NIC is a node, so GPUs of one domain talk over NVLink only.
   */
  scaleUpDomain?: number;
  /** 2 (default): rails or leaves, then spines; 3: pods of `hostsPerPod` hosts with their own rails or leaves and spines, joined by cores. */
  tiers?: 2 | 3;
  /** 3 tiers: hosts per pod (a rail group), required; `hosts` a multiple of it. */
  hostsPerPod?: number;
  /** 3 tiers: core switches per plane, a multiple of `spines`, required. */
  cores?: number;
  /** 3 tiers: spine–core link speed, bytes/s (default `uplinkBandwidthBps`). */
  coreBandwidthBps?: number;
  /**
   * Parallel scale-out planes (default 1). With P > 1 every NIC is a node with P ports of
   * nicBandwidthBps ÷ P, port x on plane x's own rails/leaves, spines and cores.
   */
  planes?: number;
  /** Storage nodes `storage{i}` (kind "storage"), each linked to every top switch (spines; cores with 3 tiers). */
  storage?: { nodes: number; readBps: number; writeBps: number; linkBandwidthBps: number };
  prefix?: string;
}

/** PCIe bandwidth between a host and a shared NIC when the scenario gives none: a Gen5 x16 slot, 64 GB/s. */
export const DEFAULT_PCIE_BPS = 64e9;

/**
 * Add a GPU cluster to `b`. Per host i: an NVSwitch `h{i}nvswitch` (kind "nvswitch") and
 * GPUs `h{i}g{j}` (kind "gpu"), each linked to it at NVLink speed; with a `scaleUpDomain`
 * of several hosts, one NVSwitch `nvl{d}` per domain instead, added before its first host.
 * NICs, one per GPU by default:
 * - one per GPU, rail-optimized, no PCIe bandwidth: GPU j's own link to its rail is its NIC;
 * - one per GPU with `pcieBandwidthBps`, or with leaf attachment: NIC `h{i}nic{j}` (kind
 *   "nic"), GPU j–NIC over PCIe (default 64 GB/s), so intra-host traffic stays on NVLink;
 * - `nicsPerHost` < `gpusPerHost`: NICs `h{i}nic{k}` (kind "nic") shared by the host's GPUs,
 *   each linked to the NVSwitch over PCIe (default 64 GB/s, a PCIe Gen5 x16 slot).
 * - an NVLink domain of several hosts, or several planes: every NIC is a node as above
 *   (with P planes, one port of nicBandwidthBps ÷ P on each plane's rail or leaf).
 * Rail-optimized, NIC k of every host links to rail switch `rail{k}` (kind "leaf");
 * otherwise host i's NICs link to `leaf{⌊i / hostsPerLeaf⌋}` (kind "leaf"). Every rail or
 * leaf links to every spine `spine{s}` (kind "spine"). With 3 tiers and several planes the
 * switches are named per pod and plane ({@link gpuClusterScaleOut}). Storage nodes
 * `storage{i}` (kind "storage", read and write capacities) link to every top switch
 * ({@link gpuClusterTop}). Ids are preceded by `prefix`. Returns the GPU ids, host-major.
 */
export function gpuCluster(b: TopologyBuilder, spec: GpuClusterSpec): string[] {
  const p = spec.prefix ?? "";
  checkSpec(spec);
  const nics = spec.nicsPerHost ?? spec.gpusPerHost;
  const planes = spec.planes ?? 1;
  const domain = spec.scaleUpDomain ?? spec.gpusPerHost;
  const hostsPerDomain = domain / spec.gpusPerHost;
  const fabric = (from: string, to: string, bandwidthBps: number) => b.addLink({ from, to, bandwidthBps, latencyS: spec.latencyS });
  const switchOf = gpuClusterScaleOut(b, spec);
  const st = spec.storage;
  const top = st ? gpuClusterTop(spec) : [];
  for (let i = 0; st && i < st.nodes; i++) {
    b.addNode({ id: `${p}storage${i}`, kind: "storage", readBps: st.readBps, writeBps: st.writeBps });
    for (const t of top) fabric(`${p}storage${i}`, t, st.linkBandwidthBps);
  }
  const gpus: string[] = [];
  const shared = nics < spec.gpusPerHost;
  // Leaf attachment puts a host's GPUs on one switch, and a domain of several hosts puts
  // GPUs of one rail on one NVSwitch: with the NIC folded into the GPU's link, GPU–switch–GPU
  // would tie with NVLink, so NICs are nodes there. A NIC with a port per plane is one too.
  const nicNodes = shared || spec.pcieBandwidthBps !== undefined || !spec.railOptimized || hostsPerDomain > 1 || planes > 1;
  const pcieBps = spec.pcieBandwidthBps ?? (nicNodes ? DEFAULT_PCIE_BPS : undefined);
  const portBps = spec.nicBandwidthBps / planes;
  const ports = (nic: string, i: number, k: number) => {
    for (let x = 0; x < planes; x++) fabric(nic, switchOf(i, k, x), portBps);
  };
  for (let i = 0; i < spec.hosts; i++) {
    let nvswitch = `${p}h${i}nvswitch`;
    if (hostsPerDomain > 1) {
      nvswitch = `${p}nvl${Math.floor(i / hostsPerDomain)}`;
      if (i % hostsPerDomain === 0) b.addNode({ id: nvswitch, kind: "nvswitch" });
    } else b.addNode({ id: nvswitch, kind: "nvswitch" });
    for (let j = 0; j < spec.gpusPerHost; j++) {
      const gpu = `${p}h${i}g${j}`;
      b.addNode({ id: gpu, kind: "gpu" });
      b.addLink({ from: gpu, to: nvswitch, bandwidthBps: spec.nvlinkBandwidthBps, latencyS: spec.nvlinkLatencyS });
      gpus.push(gpu);
      if (shared) continue;
      if (pcieBps === undefined) {
        fabric(gpu, switchOf(i, j, 0), spec.nicBandwidthBps);
        continue;
      }
      b.addNode({ id: `${p}h${i}nic${j}`, kind: "nic" });
      b.addLink({ from: gpu, to: `${p}h${i}nic${j}`, bandwidthBps: pcieBps, latencyS: 0 });
      ports(`${p}h${i}nic${j}`, i, j);
    }
    for (let k = 0; shared && k < nics; k++) {
      b.addNode({ id: `${p}h${i}nic${k}`, kind: "nic" });
      b.addLink({ from: nvswitch, to: `${p}h${i}nic${k}`, bandwidthBps: pcieBps!, latencyS: 0 });
      ports(`${p}h${i}nic${k}`, i, k);
    }
  }
  return gpus;
}

/** What a message says of a value found: the value, or that the key is missing. */
const found = (v: unknown): string => (v === undefined ? "it is missing" : `found ${v}`);

/** Throw an {@link InputError} naming the first key of `spec` out of range. */
function checkSpec(spec: GpuClusterSpec): void {
  const whole = (key: keyof GpuClusterSpec, v: unknown, what = "an integer ≥ 1") => {
    if (!Number.isInteger(v) || (v as number) < 1) throw new InputError(`gpuCluster.${key} must be ${what}, ${found(v)}`);
  };
  for (const key of ["hosts", "gpusPerHost", "spines"] as const) whole(key, spec[key]);
  const nics = spec.nicsPerHost ?? spec.gpusPerHost;
  if (!Number.isInteger(nics) || nics < 1 || nics > spec.gpusPerHost) {
    throw new InputError(`gpuCluster.nicsPerHost must be an integer from 1 to gpusPerHost (${spec.gpusPerHost}), found ${nics}`);
  }
  const perLeaf = spec.hostsPerLeaf;
  if (spec.railOptimized && perLeaf !== undefined) {
    throw new InputError("gpuCluster.hostsPerLeaf applies only when railOptimized is false");
  }
  if (!spec.railOptimized && (perLeaf === undefined || !Number.isInteger(perLeaf) || perLeaf < 1)) {
    throw new InputError(`gpuCluster.hostsPerLeaf must be an integer ≥ 1 when railOptimized is false, ${found(perLeaf)}`);
  }
  if (spec.planes !== undefined) whole("planes", spec.planes);
  const domain = spec.scaleUpDomain ?? spec.gpusPerHost;
  if (!Number.isInteger(domain) || domain < spec.gpusPerHost || domain % spec.gpusPerHost !== 0) {
    throw new InputError(`gpuCluster.scaleUpDomain must be a multiple of gpusPerHost (${spec.gpusPerHost}), found ${domain}`);
  }
  const hostsPerDomain = domain / spec.gpusPerHost;
  if (hostsPerDomain > 1 && spec.hosts % hostsPerDomain !== 0) {
    throw new InputError(`gpuCluster.hosts must fill whole NVLink domains of ${hostsPerDomain} hosts (scaleUpDomain ${domain} ÷ gpusPerHost ${spec.gpusPerHost}), found ${spec.hosts}`);
  }
  if (hostsPerDomain > 1 && nics < spec.gpusPerHost) {
    throw new InputError("gpuCluster.nicsPerHost below gpusPerHost (shared NICs) needs scaleUpDomain equal to gpusPerHost");
  }
  const tiers = spec.tiers ?? 2;
  if (tiers !== 2 && tiers !== 3) throw new InputError(`gpuCluster.tiers must be 2 or 3, found ${tiers}`);
  if (tiers === 2) {
    for (const key of ["hostsPerPod", "cores", "coreBandwidthBps"] as const) {
      if (spec[key] !== undefined) throw new InputError(`gpuCluster.${key} applies only with tiers: 3`);
    }
    return;
  }
  whole("hostsPerPod", spec.hostsPerPod, "an integer ≥ 1 with tiers: 3");
  whole("cores", spec.cores, "an integer ≥ 1 with tiers: 3");
  const perPod = spec.hostsPerPod!;
  if (spec.hosts % perPod !== 0) throw new InputError(`gpuCluster.hosts must be a multiple of hostsPerPod (${perPod}), found ${spec.hosts}`);
  if (perPod % hostsPerDomain !== 0) throw new InputError(`gpuCluster.hostsPerPod must hold whole NVLink domains of ${hostsPerDomain} hosts, found ${perPod}`);
  if (spec.cores! % spec.spines !== 0) throw new InputError(`gpuCluster.cores must be a multiple of spines (${spec.spines}), found ${spec.cores}`);
}

/**
 * Oversubscription of the first scale-out tier: NIC port capacity below a rail or leaf over
 * its uplink capacity. Rail-optimized: hostsPerPod · nic ÷ planes ÷ (spines · uplink) (a rail
 * has one port per host of its pod; with 2 tiers the pod is every host); otherwise
 * hostsPerLeaf · nicsPerHost · nic ÷ planes ÷ (spines · uplink) (a full leaf).
 */
export function gpuClusterOversubscription(spec: GpuClusterSpec): number {
  const nicsBelow = spec.railOptimized ? gpuClusterPods(spec).hostsPerPod : (spec.hostsPerLeaf ?? 0) * (spec.nicsPerHost ?? spec.gpusPerHost);
  return (nicsBelow * spec.nicBandwidthBps) / (spec.planes ?? 1) / (spec.spines * spec.uplinkBandwidthBps);
}
