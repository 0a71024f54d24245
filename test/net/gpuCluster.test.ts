// gpuCluster: node and link counts, ids, kinds, hop-count routes and oversubscription, all derived by hand.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { gpuCluster, gpuClusterOversubscription, type GpuClusterSpec } from "../../src/net/gpuCluster.js";
import { Router } from "../../src/net/Router.js";
import type { Topology } from "../../src/net/Topology.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";

const GBPS = 1.25e8;

/** 4 hosts × 8 GPUs, rail-optimized, 2 spines; NICs and uplinks 400 Gb/s, NVLink 900 GB/s. */
const RAIL: GpuClusterSpec = {
  hosts: 4,
  gpusPerHost: 8,
  nvlinkBandwidthBps: 9e11,
  nicBandwidthBps: 400 * GBPS,
  railOptimized: true,
  spines: 2,
  uplinkBandwidthBps: 400 * GBPS,
  latencyS: 1e-6,
  nvlinkLatencyS: 0,
};

/** 5 hosts × 2 GPUs on leaves of 2 hosts (3 leaves, the last half full), 2 spines. */
const LEAVES: GpuClusterSpec = {
  ...RAIL,
  hosts: 5,
  gpusPerHost: 2,
  nicBandwidthBps: 100 * GBPS,
  uplinkBandwidthBps: 200 * GBPS,
  railOptimized: false,
  hostsPerLeaf: 2,
};

function build(spec: GpuClusterSpec): { topology: Topology; gpus: string[] } {
  const b = new TopologyBuilder();
  const gpus = gpuCluster(b, spec);
  return { topology: b.build(), gpus };
}

/** The node ids of the route of flow `key` from `src` to `dst` (hop count). */
function path(t: Topology, src: string, dst: string, key: number): string[] {
  const r = new Router(t).route(t.nodeIndex.get(src)!, t.nodeIndex.get(dst)!, key)!;
  return Array.from(r.nodes, (n) => t.nodeIds[n]);
}

function kindCounts(t: Topology): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const k of t.nodeKinds) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

describe("gpuCluster", () => {
  it("rail-optimized 4 × 8 with 2 spines has 46 nodes and 80 links", () => {
    // Nodes: 4 nvswitch + 32 gpu + 8 rails + 2 spines = 46.
    // Links: 32 NVLink + 32 NIC + 8 rails × 2 spines = 80, i.e. 160 directed channels.
    const { topology, gpus } = build(RAIL);
    expect(topology.nodeCount).toBe(46);
    expect(topology.channelCount).toBe(160);
    expect(kindCounts(topology)).toEqual({ spine: 2, leaf: 8, nvswitch: 4, gpu: 32 });
    expect(gpus).toHaveLength(32);
    expect(gpus.slice(0, 2)).toEqual(["h0g0", "h0g1"]);
    expect(gpus[31]).toBe("h3g7");
    expect(topology.nodeIndex.has("rail7")).toBe(true);
    expect(topology.nodeIndex.has("h3nvswitch")).toBe(true);
  });

  it("leaf attachment packs hostsPerLeaf hosts per leaf, the last leaf partly full, NICs as nodes", () => {
    // ⌈5 / 2⌉ = 3 leaves. Nodes: 5 nvswitch + 10 gpu + 10 nic + 3 leaves + 2 spines = 30.
    // Links: 10 NVLink + 10 PCIe + 10 NIC + 3 × 2 uplinks = 36 → 72 channels.
    const { topology } = build(LEAVES);
    expect(topology.nodeCount).toBe(30);
    expect(topology.channelCount).toBe(72);
    expect(kindCounts(topology)).toEqual({ spine: 2, leaf: 3, nvswitch: 5, gpu: 10, nic: 10 });
    // Host 4 is alone on leaf2, so host 0's GPUs are 6 hops away (nic, leaf2, spine, leaf0, nic).
    expect(path(topology, "h4g1", "h0g0", 0)).toHaveLength(7);
    // Two GPUs of one host share a leaf, but through it they are 4 hops apart: NVLink (2) only.
    for (let key = 0; key < 32; key++) expect(path(topology, "h0g0", "h0g1", key)).toEqual(["h0g0", "h0nvswitch", "h0g1"]);
    // PCIe defaults to 64 GB/s.
    const pcie = topology.channelBetween(topology.nodeIndex.get("h0g0")!, topology.nodeIndex.get("h0nic0")!);
    expect(topology.resourceCapacityBps[pcie]).toBe(64e9);
  });

  it("prefixes every id", () => {
    const b = new TopologyBuilder();
    const gpus = gpuCluster(b, { ...RAIL, hosts: 1, gpusPerHost: 1, spines: 1, prefix: "x-" });
    expect(gpus).toEqual(["x-h0g0"]);
    expect(b.build().nodeIds.sort()).toEqual(["x-h0g0", "x-h0nvswitch", "x-rail0", "x-spine0"]);
  });

  it("GPUs on the same rail talk through the rail switch alone", () => {
    // h0g0 – rail0 – h1g0 is 2 hops; any other way is at least 4.
    const { topology } = build(RAIL);
    for (let key = 0; key < 8; key++) expect(path(topology, "h0g0", "h1g0", key)).toEqual(["h0g0", "rail0", "h1g0"]);
  });

  it("GPUs of one host on different rails talk through the NVSwitch", () => {
    // h0g0 – h0nvswitch – h0g5 is 2 hops; through the fabric it would be rail0–spine–rail5, 4.
    const { topology } = build(RAIL);
    for (let key = 0; key < 8; key++) {
      expect(path(topology, "h0g0", "h0g5", key)).toEqual(["h0g0", "h0nvswitch", "h0g5"]);
    }
  });

  it("cross-rail, cross-host flows take 4 hops, spread over spines and NVLink detours", () => {
    // h0g0 → h1g3 has four 4-hop paths and none shorter:
    //   h0g0 rail0 spine0 rail3 h1g3, h0g0 rail0 spine1 rail3 h1g3,
    //   h0g0 h0nvswitch h0g3 rail3 h1g3 (NVLink to the right rail first, like NCCL's PXN),
    //   h0g0 rail0 h1g0 h1nvswitch h1g3 (rail first, NVLink last).
    // Hop-count ECMP treats GPUs and NVSwitches as forwarders, so flows spread over all four.
    const { topology } = build(RAIL);
    const seen = new Set<string>();
    for (let key = 0; key < 64; key++) {
      const p = path(topology, "h0g0", "h1g3", key);
      expect(p).toHaveLength(5);
      seen.add(p.join(" "));
    }
    expect([...seen].sort()).toEqual([
      "h0g0 h0nvswitch h0g3 rail3 h1g3",
      "h0g0 rail0 h1g0 h1nvswitch h1g3",
      "h0g0 rail0 spine0 rail3 h1g3",
      "h0g0 rail0 spine1 rail3 h1g3",
    ]);
  });

  it("oversubscription is NICs below a rail or leaf over its uplinks", () => {
    // Rail: 4 hosts × 400 Gb/s ÷ (2 × 400 Gb/s) = 2. Leaf: 2 hosts × 2 GPUs × 100 ÷ (2 × 200) = 1.
    expect(gpuClusterOversubscription(RAIL)).toBeCloseTo(2, 12);
    expect(gpuClusterOversubscription(LEAVES)).toBeCloseTo(1, 12);
  });

  it("rejects a zero count and a hostsPerLeaf that does not fit the attachment", () => {
    expect(() => build({ ...RAIL, gpusPerHost: 0 })).toThrow(new InputError("gpuCluster.gpusPerHost must be an integer ≥ 1, found 0"));
    expect(() => build({ ...RAIL, hostsPerLeaf: 2 })).toThrow("hostsPerLeaf applies only when railOptimized is false");
    expect(() => build({ ...LEAVES, hostsPerLeaf: undefined })).toThrow(new InputError("gpuCluster.hostsPerLeaf must be an integer ≥ 1 when railOptimized is false, it is missing"));
    expect(() => build({ ...LEAVES, hostsPerLeaf: 0 })).toThrow(new InputError("gpuCluster.hostsPerLeaf must be an integer ≥ 1 when railOptimized is false, found 0"));
  });

  it("one shared NIC per host hangs off the NVSwitch over PCIe, so intra-host traffic stays on NVLink", () => {
    // 4 hosts × 8 GPUs on leaves of 2 hosts, 1 NIC per host. Nodes: 4 nvswitch + 32 gpu + 4 nic
    // + 2 leaves + 2 spines = 44. Links: 32 NVLink + 4 PCIe + 4 NIC + 2 × 2 uplinks = 44.
    const spec: GpuClusterSpec = { ...RAIL, railOptimized: false, hostsPerLeaf: 2, nicsPerHost: 1, nicBandwidthBps: 100 * GBPS };
    const { topology } = build(spec);
    expect(topology.nodeCount).toBe(44);
    expect(topology.channelCount).toBe(88);
    expect(kindCounts(topology)).toEqual({ spine: 2, leaf: 2, nvswitch: 4, gpu: 32, nic: 4 });
    // PCIe defaults to 64 GB/s.
    const pcie = topology.channelBetween(topology.nodeIndex.get("h0nvswitch")!, topology.nodeIndex.get("h0nic0")!);
    expect(topology.resourceCapacityBps[pcie]).toBe(64e9);
    for (let key = 0; key < 8; key++) expect(path(topology, "h0g0", "h0g5", key)).toEqual(["h0g0", "h0nvswitch", "h0g5"]);
    // Same leaf: GPU, NVSwitch, NIC, leaf, NIC, NVSwitch, GPU.
    expect(path(topology, "h0g3", "h1g6", 0)).toEqual(["h0g3", "h0nvswitch", "h0nic0", "leaf0", "h1nic0", "h1nvswitch", "h1g6"]);
    // Oversubscription: 2 hosts × 1 NIC × 100 Gb/s ÷ (2 × 400 Gb/s) = 0.25.
    expect(gpuClusterOversubscription(spec)).toBeCloseTo(0.25, 12);
  });

  it("per-GPU NICs with a PCIe bandwidth become nodes between GPU and rail", () => {
    // 2 hosts × 2 GPUs, rails: nodes 2 nvswitch + 4 gpu + 4 nic + 2 rails + 2 spines = 14;
    // links 4 NVLink + 4 PCIe + 4 NIC + 2 × 2 uplinks = 16.
    const { topology } = build({ ...RAIL, hosts: 2, gpusPerHost: 2, pcieBandwidthBps: 32e9 });
    expect(topology.nodeCount).toBe(14);
    expect(topology.channelCount).toBe(32);
    expect(path(topology, "h0g1", "h1g1", 0)).toEqual(["h0g1", "h0nic1", "rail1", "h1nic1", "h1g1"]);
    const pcie = topology.channelBetween(topology.nodeIndex.get("h0g1")!, topology.nodeIndex.get("h0nic1")!);
    expect(topology.resourceCapacityBps[pcie]).toBe(32e9);
  });

  it("rejects more NICs than GPUs", () => {
    expect(() => build({ ...RAIL, nicsPerHost: 9 })).toThrow("gpuCluster.nicsPerHost must be an integer from 1 to gpusPerHost (8), found 9");
  });

  it("storage nodes link to every spine and carry read and write capacities", () => {
    const { topology } = build({ ...RAIL, storage: { nodes: 2, readBps: 1e10, writeBps: 5e9, linkBandwidthBps: 5e10 } });
    expect(kindCounts(topology).storage).toBe(2);
    const st = topology.nodeIndex.get("storage1")!;
    expect(topology.channelBetween(st, topology.nodeIndex.get("spine1")!)).toBeGreaterThanOrEqual(0);
    // A read (storage → GPU) crosses the read capacity, a write (GPU → storage) the write capacity.
    const router = new Router(topology);
    const read = router.route(st, topology.nodeIndex.get("h0g0")!, 0)!;
    const write = router.route(topology.nodeIndex.get("h0g0")!, st, 0)!;
    const names = (r: Int32Array) => Array.from(r, (x) => topology.resourceName(x));
    expect(names(read.resources)).toContain("node:storage1:read");
    expect(names(read.resources)).not.toContain("node:storage1:write");
    expect(names(write.resources)).toContain("node:storage1:write");
    expect(topology.resourceCapacityBps[topology.nodeReadResource[st]]).toBe(1e10);
    expect(topology.resourceCapacityBps[topology.nodeWriteResource[st]]).toBe(5e9);
    expect(topology.resourceName(topology.nodeWriteResource[st])).toBe("node:storage1:write");
  });
});
