// tierOf: every link and capacity of a GPU cluster inside a site, and of the WAN, lands in the tier named by hand.
import { describe, expect, it } from "vitest";
import { prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";
import { tierOf } from "../../src/report/tierOf.js";

describe("tierOf", () => {
  const { topology: t } = prepareScenarioDocument(
    {
      topology: {
        sites: [
          {
            id: "dc",
            city: "Dallas",
            fabric: {
              gpuCluster: {
                hosts: 2,
                gpusPerHost: 2,
                nicsPerHost: 1,
                railOptimized: false,
                hostsPerLeaf: 2,
                nvlinkBandwidth: "450GB/s",
                nicBandwidth: "100Gbps",
                spines: 1,
                uplinkBandwidth: "400Gbps",
                storage: { read: "10Gbps", write: "10Gbps", linkBandwidth: "100Gbps" },
              },
            },
            uplink: { bandwidth: "400Gbps" },
          },
          { id: "pop", kind: "edge", city: "Chicago", hosts: { count: 1, bandwidth: "10Gbps" } },
        ],
        wan: [{ from: "dc", to: "pop", bandwidth: "100Gbps" }],
        nodes: [{ id: "fw", kind: "firewall", capacity: "10Gbps" }],
        links: [{ from: "fw", to: "pop", bandwidth: "10Gbps" }],
      },
    },
    "tiers.yaml",
  );
  const channel = (a: string, b: string) => t.channelBetween(t.nodeIndex.get(a)!, t.nodeIndex.get(b)!);
  const tier = (a: string, b: string) => tierOf(t, channel(a, b));

  it("names the tiers inside a GPU datacenter", () => {
    expect(tier("dc.h0g0", "dc.h0nvswitch")).toBe("nvlink");
    expect(tier("dc.h0nvswitch", "dc.h0nic0")).toBe("pcie");
    expect(tier("dc.h0nic0", "dc.leaf0")).toBe("host-nic");
    expect(tier("dc.leaf0", "dc.h0nic0")).toBe("host-nic");
    expect(tier("dc.leaf0", "dc.spine0")).toBe("leaf-spine");
    expect(tier("dc.spine0", "dc")).toBe("dc-border");
    expect(tier("dc.storage0", "dc.spine0")).toBe("storage");
    const st = t.nodeIndex.get("dc.storage0")!;
    expect(tierOf(t, t.nodeReadResource[st])).toBe("storage");
  });

  it("names the WAN, edge access and appliances", () => {
    expect(tier("dc", "pop")).toBe("wan");
    expect(tier("pop.h0", "pop")).toBe("edge-access");
    expect(tierOf(t, t.nodeCapacityResource[t.nodeIndex.get("fw")!])).toBe("appliance");
  });
});

describe("tierOf on direct networks", () => {
  it("files torus rings and dragonfly local links as direct, dragonfly links between groups as global, host links as host-nic", () => {
    const { topology: t } = prepareScenarioDocument(
      {
        topology: {
          torus: { dims: [3, 3], bandwidth: "100Gbps", prefix: "t." },
          dragonfly: { p: 1, a: 2, h: 1, hostBandwidth: "100Gbps", localBandwidth: "100Gbps", globalBandwidth: "100Gbps", prefix: "d." },
          // Two switches linked by hand stay "other": only a generator gives a link a role.
          nodes: [
            { id: "s1", kind: "switch" },
            { id: "s2", kind: "switch" },
          ],
          links: [{ from: "s1", to: "s2", bandwidth: "10Gbps" }],
        },
      },
      "direct.yaml",
    );
    const tier = (a: string, b: string) => tierOf(t, t.channelBetween(t.nodeIndex.get(a)!, t.nodeIndex.get(b)!));
    expect(tier("t.r0_0", "t.r1_0")).toBe("direct");
    expect(tier("t.r0_2", "t.r0_0")).toBe("direct"); // the wrap-around link
    expect(tier("t.h0", "t.r0_0")).toBe("host-nic");
    // a = 2, h = 1: g = 3 groups; routers r{group}_{i}; r0_0–r0_1 local, every router has one global link.
    expect(tier("d.r0_0", "d.r0_1")).toBe("direct");
    expect(tier("d.h0", "d.r0_0")).toBe("host-nic");
    let global = 0;
    for (let ch = 0; ch < t.channelCount; ch++) if (tierOf(t, ch) === "global") global++;
    expect(global).toBe(2 * ((3 * 2 * 1) / 2)); // g·a·h/2 links, two channels each
    expect(tier("s1", "s2")).toBe("other");
  });
});
