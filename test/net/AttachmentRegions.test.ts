// attachmentRegions: switches are hubs; hosts, GPUs and NICs form small regions; a long chain is all hubs.
import { describe, expect, it } from "vitest";
import { attachmentRegions, MAX_REGION_NODES } from "../../src/net/AttachmentRegions.js";
import { fatTree } from "../../src/net/fatTree.js";
import { gpuCluster } from "../../src/net/gpuCluster.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";

describe("attachmentRegions", () => {
  it("makes every fat-tree switch a hub and every host a region of its own", () => {
    const b = new TopologyBuilder();
    fatTree(b, { k: 4, bandwidthBps: 1e9, latencyS: 0 });
    const t = b.build();
    const r = attachmentRegions(t);
    for (let n = 0; n < t.nodeCount; n++) expect(r.isHub[n]).toBe(t.nodeKinds[n] === "host" ? 0 : 1);
    expect(r.regionStart.length - 1).toBe(16);
    for (let g = 0; g < 16; g++) expect(r.regionStart[g + 1] - r.regionStart[g]).toBe(1);
  });

  it("puts a GPU and its NIC node in one region between the NVSwitch and the rail", () => {
    const b = new TopologyBuilder();
    gpuCluster(b, {
      hosts: 2,
      gpusPerHost: 4,
      nvlinkBandwidthBps: 1e11,
      nicBandwidthBps: 1e10,
      pcieBandwidthBps: 6.4e10,
      railOptimized: true,
      spines: 2,
      uplinkBandwidthBps: 1e10,
      latencyS: 1e-6,
      nvlinkLatencyS: 0,
    });
    const t = b.build();
    const r = attachmentRegions(t);
    const n = (id: string) => t.nodeIndex.get(id)!;
    expect(r.isHub[n("h0nvswitch")]).toBe(1);
    expect(r.isHub[n("rail2")]).toBe(1);
    expect(r.regionOf[n("h1g2")]).toBeGreaterThanOrEqual(0);
    expect(r.regionOf[n("h1nic2")]).toBe(r.regionOf[n("h1g2")]);
    expect(r.regionOf[n("h1g3")]).not.toBe(r.regionOf[n("h1g2")]);
  });

  it("keeps a NIC with a port on each of several planes in its GPU's region, bordered by every plane's rail", () => {
    // 3 planes: each NIC has 1 PCIe link and 3 ports, 4 links, yet is no switch.
    const b = new TopologyBuilder();
    gpuCluster(b, {
      hosts: 2,
      gpusPerHost: 2,
      nvlinkBandwidthBps: 1e11,
      nicBandwidthBps: 3e10,
      railOptimized: true,
      spines: 1,
      uplinkBandwidthBps: 1e10,
      latencyS: 1e-6,
      nvlinkLatencyS: 0,
      planes: 3,
    });
    const t = b.build();
    const r = attachmentRegions(t);
    const n = (id: string) => t.nodeIndex.get(id)!;
    expect(t.outStart[n("h1nic0") + 1] - t.outStart[n("h1nic0")]).toBe(4);
    expect(r.isHub[n("h1nic0")]).toBe(0);
    expect(r.regionOf[n("h1nic0")]).toBe(r.regionOf[n("h1g0")]);
    for (const x of [0, 1, 2]) expect(r.isHub[n(`plane${x}rail0`)]).toBe(1);
  });

  it(`makes hubs of a chain longer than ${MAX_REGION_NODES} nodes, and keeps a shorter one as a region`, () => {
    for (const length of [MAX_REGION_NODES, MAX_REGION_NODES + 1]) {
      const b = new TopologyBuilder();
      for (let i = 0; i < length; i++) b.addNode({ id: `n${i}` });
      for (let i = 0; i + 1 < length; i++) b.addLink({ from: `n${i}`, to: `n${i + 1}`, bandwidthBps: 1e9, latencyS: 0 });
      const r = attachmentRegions(b.build());
      const hubs = r.isHub.reduce((a, x) => a + x, 0);
      expect(hubs).toBe(length > MAX_REGION_NODES ? length : 0);
    }
  });
});
