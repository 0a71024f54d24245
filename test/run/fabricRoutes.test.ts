// fabricRoutes: a scenario's tori (in parts and in sites) route from coordinates next to its routed dragonflies, and its closed fat-trees from their structure, with the router's own routes; scenarios with none of them get none.
import { describe, expect, it } from "vitest";
import { Router } from "../../src/net/Router.js";
import { fabricRoutes } from "../../src/run/fabricRoutes.js";
import { prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";

const dragonfly = { p: 2, a: 4, h: 2, hostBandwidth: "100Gbps", localBandwidth: "100Gbps", globalBandwidth: "100Gbps", routing: "minimal" };

describe("fabricRoutes", () => {
  it("routes a part's torus, a site's torus and a dragonfly, each by its structure, tori exactly as shortest paths", () => {
    const doc = {
      topology: [
        {
          sites: [{ id: "s", lat: 50, lon: 8, country: "DE", fabric: { torus: { dims: [4, 3], bandwidth: "100Gbps" } }, uplink: { bandwidth: "400Gbps" } }],
        },
        { torus: { dims: [3, 2, 4], hostsPerNode: 2, bandwidth: "100Gbps", latency: "1us", prefix: "t." }, dragonfly: { ...dragonfly, prefix: "d." } },
        { links: [{ from: "s", to: "t.r0_0_0", bandwidth: "100Gbps" }] },
      ],
      workloads: [{ transfer: { src: "t.h0", dst: "t.h1", size: "1GB" } }],
    };
    const { scenario, topology: t } = prepareScenarioDocument(doc, "fabrics.yaml");
    const fabric = fabricRoutes(scenario, t)!;
    expect(fabric).not.toBeNull();
    const generic = new Router(t, "hops", 9);
    const node = (id: string) => t.nodeIndex.get(id)!;
    const usable = () => true;
    let tori = 0;
    for (const [prefix, hosts] of [
      ["s.", 12],
      ["t.", 48],
    ] as const) {
      for (let a = 0; a < hosts; a += 5) {
        for (let b = 0; b < hosts; b += 3) {
          if (a === b) continue;
          const [src, dst] = [node(`${prefix}h${a}`), node(`${prefix}h${b}`)];
          const got = fabric.channels(src, dst, a * 31 + b, 9, usable);
          expect(got).not.toBeNull();
          expect(got).toEqual(Array.from(generic.route(src, dst, a * 31 + b)!.resources));
          tori++;
        }
      }
    }
    expect(tori).toBeGreaterThan(50);
    // A dragonfly pair: its minimal route (one global link at most); a pair across fabrics: none.
    expect(fabric.channels(node("d.h0"), node("d.h30"), 1, 9, usable)?.length).toBeLessThanOrEqual(5);
    expect(fabric.channels(node("t.h0"), node("s.h0"), 1, 9, usable)).toBeNull();
  });

  it("routes a part's fat-tree by its structure under hops, exactly as shortest paths, and not a site's (its cores link to the border) nor under latency", () => {
    const doc = (metric: string) => ({
      topology: [
        { fatTree: { k: 4, bandwidth: "100Gbps", latency: "1us" } },
        { sites: [{ id: "s", lat: 50, lon: 8, country: "DE", fabric: { fatTree: { k: 4, bandwidth: "100Gbps" } }, uplink: { bandwidth: "400Gbps" } }] },
      ],
      routing: { metric },
      workloads: [{ transfer: { src: "h0", dst: "h1", size: "1GB" } }],
    });
    const { scenario, topology: t } = prepareScenarioDocument(doc("hops"), "fat-trees.yaml");
    const fabric = fabricRoutes(scenario, t)!;
    expect(fabric).not.toBeNull();
    expect(fabric.nodesFixChannels).toBe(true);
    const generic = new Router(t, "hops", 4);
    const node = (id: string) => t.nodeIndex.get(id)!;
    for (let a = 0; a < 16; a++) {
      for (let b = 0; b < 16; b++) {
        if (a === b) continue;
        const [src, dst] = [node(`h${a}`), node(`h${b}`)];
        expect(fabric.channels(src, dst, a * 17 + b, 4, () => true)).toEqual(Array.from(generic.route(src, dst, a * 17 + b)!.resources));
        expect(fabric.channels(node(`s.h${a}`), node(`s.h${b}`), 1, 4, () => true)).toBeNull();
      }
    }
    const latency = prepareScenarioDocument(doc("latency"), "fat-trees.yaml");
    expect(fabricRoutes(latency.scenario, latency.topology)).toBeNull();
  });

  it("gives none for a scenario without a torus or a routed dragonfly", () => {
    const doc = {
      topology: { dragonfly: { ...dragonfly, routing: "shortest" } },
      workloads: [{ transfer: { src: "h0", dst: "h1", size: "1GB" } }],
    };
    const { scenario, topology } = prepareScenarioDocument(doc, "df.yaml");
    expect(fabricRoutes(scenario, topology)).toBeNull();
  });
});
