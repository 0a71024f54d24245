// gpuCluster: the GPU cluster generator (NVSwitch per host, one NIC per GPU, rail-optimized or leaf–spine scale-out).
import { InputError } from "../core/InputError.js";
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
  /** Storage nodes `storage{i}` (kind "storage"), each linked to every spine. */
  storage?: { nodes: number; readBps: number; writeBps: number; linkBandwidthBps: number };
  prefix?: string;
}

/** PCIe bandwidth between a host and a shared NIC when the scenario gives none: a Gen5 x16 slot, 64 GB/s. */
export const DEFAULT_PCIE_BPS = 64e9;

/**
 * Add a GPU cluster to `b`. Per host i: an NVSwitch `h{i}nvswitch` (kind "nvswitch") and
 * GPUs `h{i}g{j}` (kind "gpu"), each linked to it at NVLink speed. NICs, one per GPU by
 * default:
 * - one per GPU, rail-optimized, no PCIe bandwidth: GPU j's own link to its rail is its NIC;
 * - one per GPU with `pcieBandwidthBps`, or with leaf attachment: NIC `h{i}nic{j}` (kind
 *   "nic"), GPU j–NIC over PCIe (default 64 GB/s), so intra-host traffic stays on NVLink;
 * - `nicsPerHost` < `gpusPerHost`: NICs `h{i}nic{k}` (kind "nic") shared by the host's GPUs,
 *   each linked to the NVSwitch over PCIe (default 64 GB/s, a PCIe Gen5 x16 slot).
 * Rail-optimized, NIC k of every host links to rail switch `rail{k}` (kind "leaf");
 * otherwise host i's NICs link to `leaf{⌊i / hostsPerLeaf⌋}` (kind "leaf"). Every rail or
 * leaf links to every spine `spine{s}` (kind "spine"). Storage nodes `storage{i}` (kind
 * "storage", read and write capacities) link to every spine. Ids are preceded by `prefix`.
 * Returns the GPU ids, host-major.
 */
export function gpuCluster(b: TopologyBuilder, spec: GpuClusterSpec): string[] {
  const p = spec.prefix ?? "";
  for (const key of ["hosts", "gpusPerHost", "spines"] as const) {
    const v = spec[key];
    if (!Number.isInteger(v) || v < 1) throw new InputError(`gpuCluster.${key} must be an integer ≥ 1, found ${v}`);
  }
  const nics = spec.nicsPerHost ?? spec.gpusPerHost;
  if (!Number.isInteger(nics) || nics < 1 || nics > spec.gpusPerHost) {
    throw new InputError(`gpuCluster.nicsPerHost must be an integer from 1 to gpusPerHost (${spec.gpusPerHost}), found ${nics}`);
  }
  const perLeaf = spec.hostsPerLeaf;
  if (spec.railOptimized && perLeaf !== undefined) {
    throw new InputError("gpuCluster.hostsPerLeaf applies only when railOptimized is false");
  }
  if (!spec.railOptimized && (perLeaf === undefined || !Number.isInteger(perLeaf) || perLeaf < 1)) {
    throw new InputError(`gpuCluster.hostsPerLeaf must be an integer ≥ 1 when railOptimized is false, found ${perLeaf}`);
  }
  const fabric = (from: string, to: string, bandwidthBps: number) => b.addLink({ from, to, bandwidthBps, latencyS: spec.latencyS });
  for (let s = 0; s < spec.spines; s++) b.addNode({ id: `${p}spine${s}`, kind: "spine" });
  const switches = spec.railOptimized ? nics : Math.ceil(spec.hosts / perLeaf!);
  const switchName = spec.railOptimized ? "rail" : "leaf";
  for (let l = 0; l < switches; l++) {
    b.addNode({ id: `${p}${switchName}${l}`, kind: "leaf" });
    for (let s = 0; s < spec.spines; s++) fabric(`${p}${switchName}${l}`, `${p}spine${s}`, spec.uplinkBandwidthBps);
  }
  const st = spec.storage;
  for (let i = 0; st && i < st.nodes; i++) {
    b.addNode({ id: `${p}storage${i}`, kind: "storage", readBps: st.readBps, writeBps: st.writeBps });
    for (let s = 0; s < spec.spines; s++) fabric(`${p}storage${i}`, `${p}spine${s}`, st.linkBandwidthBps);
  }
  const gpus: string[] = [];
  const shared = nics < spec.gpusPerHost;
  // Leaf attachment puts a host's GPUs on one switch: with the NIC folded into the GPU's
  // link, GPU–leaf–GPU would tie with NVLink, so NICs are always nodes there.
  const pcieBps = spec.pcieBandwidthBps ?? (shared || !spec.railOptimized ? DEFAULT_PCIE_BPS : undefined);
  const fabricSwitch = (i: number, k: number) => (spec.railOptimized ? `${p}rail${k}` : `${p}leaf${Math.floor(i / perLeaf!)}`);
  for (let i = 0; i < spec.hosts; i++) {
    const nvswitch = `${p}h${i}nvswitch`;
    b.addNode({ id: nvswitch, kind: "nvswitch" });
    for (let j = 0; j < spec.gpusPerHost; j++) {
      const gpu = `${p}h${i}g${j}`;
      b.addNode({ id: gpu, kind: "gpu" });
      b.addLink({ from: gpu, to: nvswitch, bandwidthBps: spec.nvlinkBandwidthBps, latencyS: spec.nvlinkLatencyS });
      gpus.push(gpu);
      if (shared) continue;
      if (pcieBps === undefined) {
        fabric(gpu, fabricSwitch(i, j), spec.nicBandwidthBps);
        continue;
      }
      b.addNode({ id: `${p}h${i}nic${j}`, kind: "nic" });
      b.addLink({ from: gpu, to: `${p}h${i}nic${j}`, bandwidthBps: pcieBps, latencyS: 0 });
      fabric(`${p}h${i}nic${j}`, fabricSwitch(i, j), spec.nicBandwidthBps);
    }
    for (let k = 0; shared && k < nics; k++) {
      b.addNode({ id: `${p}h${i}nic${k}`, kind: "nic" });
      b.addLink({ from: nvswitch, to: `${p}h${i}nic${k}`, bandwidthBps: pcieBps!, latencyS: 0 });
      fabric(`${p}h${i}nic${k}`, fabricSwitch(i, k), spec.nicBandwidthBps);
    }
  }
  return gpus;
}

/**
 * Oversubscription of the scale-out fabric: NIC capacity below a rail or leaf over its
 * uplink capacity. Rail-optimized: hosts · nic ÷ (spines · uplink) (a rail has one NIC per
 * host); otherwise hostsPerLeaf · nicsPerHost · nic ÷ (spines · uplink) (a full leaf).
 */
export function gpuClusterOversubscription(spec: GpuClusterSpec): number {
  const nicsBelow = spec.railOptimized ? spec.hosts : (spec.hostsPerLeaf ?? 0) * (spec.nicsPerHost ?? spec.gpusPerHost);
  return (nicsBelow * spec.nicBandwidthBps) / (spec.spines * spec.uplinkBandwidthBps);
}
