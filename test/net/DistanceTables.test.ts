// DistanceTables (through Router): one table of a byte per node per switch, not per destination; a byte budget that bounds them; distances read through a host's border switch.
import { describe, expect, it } from "vitest";
import { attachmentRegions } from "../../src/net/AttachmentRegions.js";
import { SPARSE_ENTRY_BYTES } from "../../src/net/DistanceTable.js";
import { DistanceTables } from "../../src/net/DistanceTables.js";
import { fatTree } from "../../src/net/fatTree.js";
import { gpuCluster } from "../../src/net/gpuCluster.js";
import { Router } from "../../src/net/Router.js";
import type { Topology } from "../../src/net/Topology.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";

function fat(k: number): Topology {
  const b = new TopologyBuilder();
  fatTree(b, { k, bandwidthBps: 1e10, latencyS: 1e-6 });
  return b.build();
}

const hostsOf = (t: Topology) => t.nodeIds.flatMap((id, n) => (t.nodeKinds[n] === "host" ? [n] : []));

describe("DistanceTables", () => {
  it("keeps one table of a byte per node for each edge switch of a fat-tree, not one per destination host", () => {
    // k=8: 128 hosts under 32 edge switches, 208 nodes. Routing between every pair of hosts
    // needs the 32 edge switches' tables: 32 × 208 bytes (a table per host in 8-byte
    // distances would be 128 × 208 × 8 = 212,992 bytes).
    const t = fat(8);
    const r = new Router(t);
    const hosts = hostsOf(t);
    for (const s of hosts) for (const d of hosts) expect(r.route(s, d, s ^ d)).not.toBeNull();
    expect(t.nodeCount).toBe(208);
    expect(r.tableBytes).toBe(32 * 208);
  });

  it("keeps no more than its byte budget, dropping the least recently used tables", () => {
    const t = fat(8);
    const r = new Router(t);
    r.tableBudgetBytes = 3 * 208;
    const hosts = hostsOf(t);
    for (const s of hosts) for (const d of hosts) r.route(s, d, 1);
    expect(r.tableBytes).toBe(3 * 208);
    // A budget below one table still keeps the table in use (edge 0's, made now).
    r.tableBudgetBytes = 1;
    r.route(hosts[127], hosts[0], 1);
    expect(r.tableBytes).toBe(208);
  });

  it("reads a GPU's distances through its NVSwitch and its rail, and a storage node's from its own table", () => {
    // 2 hosts × 2 GPUs on rails rail0, rail1, one spine, storage0 on the spine: GPUs have
    // two links (NVSwitch, rail), so they are not hubs; the storage node has one link.
    const b = new TopologyBuilder();
    gpuCluster(b, {
      hosts: 2,
      gpusPerHost: 2,
      nvlinkBandwidthBps: 1e11,
      nicBandwidthBps: 1e10,
      railOptimized: true,
      spines: 1,
      uplinkBandwidthBps: 1e10,
      latencyS: 1e-6,
      nvlinkLatencyS: 0,
      storage: { nodes: 1, readBps: 1e9, writeBps: 1e9, linkBandwidthBps: 1e10 },
    });
    const t = b.build();
    const n = (id: string) => t.nodeIndex.get(id)!;
    const regions = attachmentRegions(t);
    const tables = new DistanceTables(t, false, regions, new Uint8Array(t.channelCount), Float64Array.from(t.channelLatencyS));
    const toGpu = tables.toward(n("h1g1"));
    // By hand: h1g1's neighbours are h1nvswitch and rail1.
    expect(toGpu.dist(n("h1g1"))).toBe(0);
    expect(toGpu.dist(n("h1nvswitch"))).toBe(1);
    expect(toGpu.dist(n("rail1"))).toBe(1);
    expect(toGpu.dist(n("h0g1"))).toBe(2); // over rail1
    expect(toGpu.dist(n("h1g0"))).toBe(2); // over h1nvswitch
    expect(toGpu.dist(n("h0g0"))).toBe(4); // h0g0–h0nvswitch–h0g1–rail1–h1g1, or over rail0 and the spine
    expect(toGpu.dist(n("storage0"))).toBe(3); // storage0–spine0–rail1–h1g1
    // Tables were made for the two border hubs only.
    expect(tables.tableBytes).toBe(2 * t.nodeCount);
    const toStorage = tables.toward(n("storage0"));
    expect(toStorage.dist(n("h0g0"))).toBe(3);
    expect(tables.tableBytes).toBe(3 * t.nodeCount);
  });

  it("keeps a table that reached few nodes as those nodes only, and a byte per node once it reaches more", () => {
    // 64 hosts × 8 GPUs on 8 rails, 4 spines: 588 nodes. A route inside host h0 (h0g0 → h0g1)
    // needs h0g1's border hubs: h0nvswitch, searched one level (itself and its 8 GPUs), and
    // rail1, searched not at all (itself): 10 nodes reached, at SPARSE_ENTRY_BYTES each.
    const b = new TopologyBuilder();
    gpuCluster(b, { hosts: 64, gpusPerHost: 8, nvlinkBandwidthBps: 1e11, nicBandwidthBps: 1e10, railOptimized: true, spines: 4, uplinkBandwidthBps: 1e10, latencyS: 1e-6, nvlinkLatencyS: 0 });
    const t = b.build();
    const n = (id: string) => t.nodeIndex.get(id)!;
    const r = new Router(t);
    expect(t.nodeCount).toBe(588);
    const inHost = r.route(n("h0g0"), n("h0g1"), 1)!;
    expect([...inHost.nodes].map((v) => t.nodeIds[v])).toEqual(["h0g0", "h0nvswitch", "h0g1"]);
    expect(r.tableBytes).toBe(10 * SPARSE_ENTRY_BYTES);
    // A route to another host's GPU on rail 1 searches rail1's table to h0g1's distance
    // (2: over h0nvswitch) and further only as far as the walk asks; once a table holds more
    // than nodeCount / SPARSE_ENTRY_BYTES nodes it is a byte per node.
    r.route(n("h0g1"), n("h63g1"), 1);
    for (let h = 0; h < 64; h++) r.route(n(`h${h}g0`), n("h63g1"), 1);
    expect(r.tableBytes).toBeGreaterThanOrEqual(t.nodeCount);
  });

  it("is unreachable everywhere when the destination is outside the policy mask", () => {
    const t = fat(4);
    const regions = attachmentRegions(t);
    const tables = new DistanceTables(t, false, regions, new Uint8Array(t.channelCount), Float64Array.from(t.channelLatencyS));
    tables.allowed = Uint8Array.from({ length: t.nodeCount }, (_, v) => (t.nodeIds[v] === "h3" ? 0 : 1));
    const view = tables.toward(t.nodeIndex.get("h3")!);
    for (let v = 0; v < t.nodeCount; v++) expect(view.dist(v)).toBe(Infinity);
  });
});
