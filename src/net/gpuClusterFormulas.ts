// gpuClusterFormulas: a GPU cluster's node and link counts, its spine–core oversubscription and its pod bisection bandwidth, from the spec alone.
import { DEFAULT_PCIE_BPS, type GpuClusterSpec } from "./gpuCluster.js";
import { accessSwitchesPerPod, gpuClusterPods } from "./gpuClusterScaleOut.js";

/** Whether {@link gpuCluster} makes a node of every NIC for `spec` (rather than folding a GPU's NIC into its link to its rail). */
export function gpuClusterHasNicNodes(spec: GpuClusterSpec): boolean {
  const nics = spec.nicsPerHost ?? spec.gpusPerHost;
  const hostsPerDomain = (spec.scaleUpDomain ?? spec.gpusPerHost) / spec.gpusPerHost;
  return nics < spec.gpusPerHost || spec.pcieBandwidthBps !== undefined || !spec.railOptimized || hostsPerDomain > 1 || (spec.planes ?? 1) > 1;
}

/**
 * Nodes and links {@link gpuCluster} builds for `spec` (already checked). With P planes, Q
 * pods of A rails or leaves and S spines, C cores (3 tiers; none with 2), H hosts of g GPUs
 * and n NICs, domains of D hosts:
 * switches P·(C + Q·(S + A)) and their links P·Q·(C + A·S); storage nodes and one link each
 * to every top switch (P·C, or P·S with 2 tiers); NVSwitches H ÷ D; GPUs H·g with one NVLink
 * each; NIC nodes H·n, each with a PCIe link and P ports, or none and one NIC link per GPU.
 */
export function gpuClusterSize(spec: GpuClusterSpec): { nodes: number; links: number } {
  const planes = spec.planes ?? 1;
  const { pods } = gpuClusterPods(spec);
  const access = accessSwitchesPerPod(spec);
  const cores = spec.tiers === 3 ? (spec.cores ?? 0) : 0;
  const nics = spec.nicsPerHost ?? spec.gpusPerHost;
  const hostsPerDomain = (spec.scaleUpDomain ?? spec.gpusPerHost) / spec.gpusPerHost;
  const storage = spec.storage?.nodes ?? 0;
  const top = planes * (spec.tiers === 3 ? cores : spec.spines);
  const nicNodes = gpuClusterHasNicNodes(spec);
  const nodes = planes * (cores + pods * (spec.spines + access)) + storage + spec.hosts / hostsPerDomain + spec.hosts * (spec.gpusPerHost + (nicNodes ? nics : 0));
  const links = planes * pods * (cores + access * spec.spines) + storage * top + spec.hosts * (spec.gpusPerHost + (nicNodes ? nics * (1 + planes) : spec.gpusPerHost));
  return { nodes, links };
}

/**
 * Oversubscription of the spine–core tier (3 tiers): what a spine takes in from its pod's
 * rails or leaves over what it sends up, A·uplink ÷ ((C ÷ S)·core), A rails or leaves per
 * pod, S spines and C cores per plane.
 */
export function gpuClusterCoreOversubscription(spec: GpuClusterSpec): number {
  if (spec.tiers !== 3) throw new Error("gpuClusterCoreOversubscription: only with tiers: 3");
  const coreBps = spec.coreBandwidthBps ?? spec.uplinkBandwidthBps;
  return (accessSwitchesPerPod(spec) * spec.uplinkBandwidthBps) / ((spec.cores! / spec.spines) * coreBps);
}

/**
 * Bisection bandwidth of a 3-tier cluster with an even number of pods, bytes/s each way:
 * the most its first half of pods can send to the second at once. Every such path leaves a
 * pod through its NICs (PCIe, then the ports), its rail/leaf uplinks and its spine–core
 * links, so with P planes, Q pods of N = h·n NICs (h hosts, n NICs each), A rails or leaves,
 * S spines and C cores per plane:
 * (Q ÷ 2) · min(N·pcie, N·nic, P·A·S·uplink, P·C·core), the PCIe term only where NICs are
 * nodes (default 64 GB/s), and assuming a host's NVLinks carry at least its NICs' PCIe.
 * No cut mixing tiers inside a pod is smaller: a pod's cut is concave in how many of its
 * NICs (or rails) are cut below, so one of the extremes is least.
 */
export function gpuClusterBisectionBps(spec: GpuClusterSpec): number {
  const { pods, hostsPerPod } = gpuClusterPods(spec);
  if (spec.tiers !== 3 || pods % 2 !== 0) throw new Error("gpuClusterBisectionBps: only with tiers: 3 and an even number of pods");
  const planes = spec.planes ?? 1;
  const coreBps = spec.coreBandwidthBps ?? spec.uplinkBandwidthBps;
  const nics = hostsPerPod * (spec.nicsPerHost ?? spec.gpusPerHost);
  const pcieBps = gpuClusterHasNicNodes(spec) ? (spec.pcieBandwidthBps ?? DEFAULT_PCIE_BPS) : Infinity;
  const uplinkTier = planes * accessSwitchesPerPod(spec) * spec.spines * spec.uplinkBandwidthBps;
  const coreTier = planes * spec.cores! * coreBps;
  return (pods / 2) * Math.min(nics * pcieBps, nics * spec.nicBandwidthBps, uplinkTier, coreTier);
}
