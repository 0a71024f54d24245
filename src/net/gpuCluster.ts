// gpuCluster: the GPU cluster generator (NVSwitch per host, one NIC per GPU, rail-optimized or leaf–spine scale-out).
import { InputError } from "../core/InputError.js";
import type { TopologyBuilder } from "./TopologyBuilder.js";

/** Parameters of a GPU cluster. */
export interface GpuClusterSpec {
  hosts: number;
  gpusPerHost: number;
  /** GPU–NVSwitch link speed (NVLink bandwidth per GPU, each direction), bytes/s. */
  nvlinkBandwidthBps: number;
  /** GPU NIC speed (GPU–rail or GPU–leaf link), bytes/s. */
  nicBandwidthBps: number;
  /** GPU j of every host on rail switch j (true), or every GPU of a host on the host's leaf (false). */
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

/**
 * Add a GPU cluster to `b`. Per host i: an NVSwitch `h{i}nvswitch` (kind "nvswitch") and
 * GPUs `h{i}g{j}` (kind "gpu"), each linked to it at NVLink speed. Every GPU also has a NIC
 * link: rail-optimized, GPU j of every host links to rail switch `rail{j}` (kind "leaf");
 * otherwise host i's GPUs link to `leaf{⌊i / hostsPerLeaf⌋}` (kind "leaf"). Every rail or
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
  const perLeaf = spec.hostsPerLeaf;
  if (spec.railOptimized && perLeaf !== undefined) {
    throw new InputError("gpuCluster.hostsPerLeaf applies only when railOptimized is false");
  }
  if (!spec.railOptimized && (perLeaf === undefined || !Number.isInteger(perLeaf) || perLeaf < 1)) {
    throw new InputError(`gpuCluster.hostsPerLeaf must be an integer ≥ 1 when railOptimized is false, found ${perLeaf}`);
  }
  const fabric = (from: string, to: string, bandwidthBps: number) => b.addLink({ from, to, bandwidthBps, latencyS: spec.latencyS });
  for (let s = 0; s < spec.spines; s++) b.addNode({ id: `${p}spine${s}`, kind: "spine" });
  const switches = spec.railOptimized ? spec.gpusPerHost : Math.ceil(spec.hosts / perLeaf!);
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
  for (let i = 0; i < spec.hosts; i++) {
    const nvswitch = `${p}h${i}nvswitch`;
    b.addNode({ id: nvswitch, kind: "nvswitch" });
    for (let j = 0; j < spec.gpusPerHost; j++) {
      const gpu = `${p}h${i}g${j}`;
      b.addNode({ id: gpu, kind: "gpu" });
      b.addLink({ from: gpu, to: nvswitch, bandwidthBps: spec.nvlinkBandwidthBps, latencyS: spec.nvlinkLatencyS });
      fabric(gpu, spec.railOptimized ? `${p}rail${j}` : `${p}leaf${Math.floor(i / perLeaf!)}`, spec.nicBandwidthBps);
      gpus.push(gpu);
    }
  }
  return gpus;
}

/**
 * Oversubscription of the scale-out fabric: NIC capacity below a rail or leaf over its
 * uplink capacity. Rail-optimized: hosts · nic ÷ (spines · uplink) (a rail has one NIC per
 * host); otherwise hostsPerLeaf · gpusPerHost · nic ÷ (spines · uplink) (a full leaf).
 */
export function gpuClusterOversubscription(spec: GpuClusterSpec): number {
  const nicsBelow = spec.railOptimized ? spec.hosts : (spec.hostsPerLeaf ?? 0) * spec.gpusPerHost;
  return (nicsBelow * spec.nicBandwidthBps) / (spec.spines * spec.uplinkBandwidthBps);
}
