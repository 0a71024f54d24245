// A site's clos3 or torus fabric: ids prefixed with the site, the border linked to the fabric's top (every super-spine; a torus's first router), and the size estimate equal to what is built.
import { describe, expect, it } from "vitest";
import { estimateScenarioSize } from "../../src/scenario/estimateScenarioSize.js";
import { prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";

const clos3 = { pods: 2, leavesPerPod: 2, hostsPerLeaf: 3, spinesPerPod: 2, superSpinesPerPlane: 3, hostBandwidth: "100Gbps", leafUplinkBandwidth: "100Gbps", spineUplinkBandwidth: "100Gbps" };
const torus = { dims: [3, 2, 2], hostsPerNode: 2, bandwidth: "100Gbps" };

describe("clos3 and torus fabrics in sites and parts", () => {
  it("a site's clos3 links its border to each of the S·C super-spines; a site's torus to router r0_0_0", () => {
    const doc = {
      topology: {
        sites: [
          { id: "a", lat: 50, lon: 8, country: "DE", fabric: { clos3 }, uplink: { bandwidth: "400Gbps" } },
          { id: "b", lat: 48, lon: 2, country: "FR", fabric: { torus }, uplink: { bandwidth: "400Gbps" } },
        ],
        wan: [{ from: "a", to: "b", bandwidth: "1Tbps" }],
      },
      workloads: [{ transfer: { src: "a.h11", dst: "b.h23", size: "1GB" } }],
    };
    const { topology: t, size } = prepareScenarioDocument(doc, "sites.yaml");
    const neighbours = (id: string) => {
      const n = t.nodeIndex.get(id)!;
      const out: string[] = [];
      for (let i = t.outStart[n]; i < t.outStart[n + 1]; i++) out.push(t.nodeIds[t.channelTo[t.outChannels[i]]]);
      return out.sort();
    };
    expect(neighbours("a")).toEqual(["a.super0_0", "a.super0_1", "a.super0_2", "a.super1_0", "a.super1_1", "a.super1_2", "b"]);
    expect(neighbours("b")).toEqual(["a", "b.r0_0_0"]);
    // Built as estimated: clos3 2·2·3 + 2·2 + 2·2 + 2·3 = 26 nodes, 12 + 8 + 12 = 32 links; torus
    // 12 routers × 3 = 36 nodes, 24 host links + 12 + 6 + 6 ring links = 48; borders 2, uplinks 6 + 1, WAN 1.
    expect(t.nodeCount).toBe(26 + 36 + 2);
    expect(t.channelCount / 2).toBe(32 + 48 + 7 + 1);
    expect(size.nodes).toBe(t.nodeCount);
    expect(size.links).toBe(t.channelCount / 2);
  });

  it("a topology part's estimate counts the nodes and links its clos3 and torus build", () => {
    const doc = {
      topology: [{ clos3 }, { torus: { ...torus, prefix: "t." } }, { links: [{ from: "super0_0", to: "t.r0_0_0", bandwidth: "100Gbps" }] }],
      workloads: [{ transfer: { src: "h0", dst: "t.h5", size: "1GB" } }],
    };
    const { scenario, topology: t } = prepareScenarioDocument(doc, "parts.yaml");
    const estimate = estimateScenarioSize(scenario);
    expect(estimate.nodes).toBe(t.nodeCount);
    expect(estimate.links).toBe(t.channelCount / 2);
  });
});
