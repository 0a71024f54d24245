// gpuClusterScaleOut: the scale-out switches of a GPU cluster — rails or leaves, spines and (3 tiers) cores, once per plane — and the top-tier ids.
import type { GpuClusterSpec } from "./gpuCluster.js";
import type { TopologyBuilder } from "./TopologyBuilder.js";

/**
 * Where a NIC port attaches: the id of the rail or leaf switch of host `host`'s NIC `nic`
 * in plane `plane`.
 */
export type AccessSwitchOf = (host: number, nic: number, plane: number) => string;

/** Id prefix of plane `x`'s switches: none with one plane, `plane{x}` with several. */
export function planePrefix(spec: GpuClusterSpec, x: number): string {
  return `${spec.prefix ?? ""}${(spec.planes ?? 1) > 1 ? `plane${x}` : ""}`;
}

/** Id prefix of pod `q`'s switches in a plane: `p{q}` with 3 tiers, none with 2. */
function podPrefix(spec: GpuClusterSpec, q: number): string {
  return spec.tiers === 3 ? `p${q}` : "";
}

/** Pods of the cluster (1 with 2 tiers) and hosts per pod. */
export function gpuClusterPods(spec: GpuClusterSpec): { pods: number; hostsPerPod: number } {
  const hostsPerPod = spec.tiers === 3 ? (spec.hostsPerPod ?? spec.hosts) : spec.hosts;
  return { pods: spec.hosts / hostsPerPod, hostsPerPod };
}

/** Rails or leaves per pod (per plane): one rail per NIC of a host, or ⌈hostsPerPod ÷ hostsPerLeaf⌉ leaves. */
export function accessSwitchesPerPod(spec: GpuClusterSpec): number {
  const { hostsPerPod } = gpuClusterPods(spec);
  return spec.railOptimized ? (spec.nicsPerHost ?? spec.gpusPerHost) : Math.ceil(hostsPerPod / (spec.hostsPerLeaf ?? 1));
}

/**
 * Add the scale-out switches of `spec` (already checked) to `b`, plane by plane. Per plane,
 * with 3 tiers: cores `core{c}` (kind "core") first; then per pod q: spines `p{q}spine{s}`
 * (kind "spine"), spine s linked to cores s·(cores ÷ spines) … (s+1)·(cores ÷ spines) − 1 at
 * `coreBandwidthBps`; then the pod's rails `p{q}rail{k}` (or leaves `p{q}leaf{l}`, kind
 * "leaf"), each linked to every spine of its pod at `uplinkBandwidthBps`. With 2 tiers the
 * one pod drops the `p{q}` and there are no cores (today's `spine{s}`, `rail{k}`,
 * `leaf{l}`). With several planes every id of plane x starts with `plane{x}`. Returns where
 * each NIC port attaches.
 */
export function gpuClusterScaleOut(b: TopologyBuilder, spec: GpuClusterSpec): AccessSwitchOf {
  const planes = spec.planes ?? 1;
  const { pods, hostsPerPod } = gpuClusterPods(spec);
  const access = accessSwitchesPerPod(spec);
  const accessName = spec.railOptimized ? "rail" : "leaf";
  const link = (from: string, to: string, bandwidthBps: number) => b.addLink({ from, to, bandwidthBps, latencyS: spec.latencyS });
  for (let x = 0; x < planes; x++) {
    const pl = planePrefix(spec, x);
    const cores = spec.tiers === 3 ? spec.cores! : 0;
    const coresPerSpine = cores / spec.spines;
    for (let c = 0; c < cores; c++) b.addNode({ id: `${pl}core${c}`, kind: "core" });
    for (let q = 0; q < pods; q++) {
      const pod = `${pl}${podPrefix(spec, q)}`;
      for (let s = 0; s < spec.spines; s++) {
        b.addNode({ id: `${pod}spine${s}`, kind: "spine" });
        for (let c = s * coresPerSpine; c < (s + 1) * coresPerSpine; c++) link(`${pod}spine${s}`, `${pl}core${c}`, spec.coreBandwidthBps ?? spec.uplinkBandwidthBps);
      }
      for (let l = 0; l < access; l++) {
        b.addNode({ id: `${pod}${accessName}${l}`, kind: "leaf" });
        for (let s = 0; s < spec.spines; s++) link(`${pod}${accessName}${l}`, `${pod}spine${s}`, spec.uplinkBandwidthBps);
      }
    }
  }
  return (host, nic, plane) => {
    const q = Math.floor(host / hostsPerPod);
    const pod = `${planePrefix(spec, plane)}${podPrefix(spec, q)}`;
    return spec.railOptimized ? `${pod}rail${nic}` : `${pod}leaf${Math.floor((host - q * hostsPerPod) / spec.hostsPerLeaf!)}`;
  };
}

/**
 * The top-tier switches of a cluster, every plane: the cores with 3 tiers, the spines with
 * 2 (a site links its border to each; storage nodes link to each).
 */
export function gpuClusterTop(spec: GpuClusterSpec): string[] {
  const top: string[] = [];
  for (let x = 0; x < (spec.planes ?? 1); x++) {
    const pl = planePrefix(spec, x);
    if (spec.tiers === 3) for (let c = 0; c < spec.cores!; c++) top.push(`${pl}core${c}`);
    else for (let s = 0; s < spec.spines; s++) top.push(`${pl}spine${s}`);
  }
  return top;
}
