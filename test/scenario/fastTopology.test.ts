// fastTopology reads explicit nodes and links exactly as the scenario schema does (or leaves them to it), and parseScenarioDocument keeps the schema's first error.
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { fastLink, fastNode, fastNodesAndLinks } from "../../src/scenario/fastTopology.js";
import { parseScenarioDocument } from "../../src/scenario/fastTransfers.js";
import { scenarioSchema } from "../../src/scenario/scenarioSchema.js";

/** Values each key may take: valid and invalid ones, as a user might write them. */
const NODE_VALUES: Record<string, unknown[]> = {
  id: ["a", "", 5, null, "x y"],
  kind: ["spine", "", 3, "host"],
  capacity: ["10Gbps", "0Gbps", "1MB", 7, "5 Mbps"],
  read: ["1GB/s", "-1Gbps"],
  write: ["2Gbps", "x"],
  site: ["dc", "", 1],
  bogus: [1],
};
const LINK_VALUES: Record<string, unknown[]> = {
  from: ["a", "", 4],
  to: ["b", "", ["b"]],
  bandwidth: ["10Gbps", "0Gbps", "10Gbs", 10, " 40 Gbps ", "1e400Gbps", "1.25e9B/s"],
  latency: ["1us", "0s", "-1us", 5, "2 min", "", "1e-6s"],
  buffer: ["100pkt", "150KB", "0pkt", "1MiB", 3],
  ecnThreshold: ["65pkt", "-1KB"],
  bandwith: ["10Gbps"],
};

function randomEntry(rng: () => number, values: Record<string, unknown[]>, required: string[], rare: string[]): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  if (rng() < 0.05) return pick([null, "a", [], 3]);
  const o: Record<string, unknown> = {};
  for (const key of Object.keys(values)) {
    const value = rng() < 0.5 ? values[key][0] : pick(values[key]);
    if (required.includes(key) ? rng() < 0.95 : rng() < (rare.includes(key) ? 0.05 : 0.4)) o[key] = value;
  }
  return o;
}

function schemaOf(topology: unknown) {
  return scenarioSchema().safeParse({ topology, workloads: [] }, { reportInput: true });
}

describe("fastNode and fastLink", () => {
  it("give the schema's output for 2,000 random nodes and links, or leave to the schema every one it rejects", () => {
    const rng = seedrandom("fastTopology");
    let fast = 0;
    for (let i = 0; i < 2000; i++) {
      const node = randomEntry(rng, NODE_VALUES, ["id"], ["bogus"]);
      const link = randomEntry(rng, LINK_VALUES, ["from", "to", "bandwidth"], ["bandwith"]);
      for (const [ours, topology, pick] of [
        [fastNode(node), { nodes: [node] }, (t: { nodes: unknown[] }) => t.nodes[0]],
        [fastLink(link), { links: [link] }, (t: { links: unknown[] }) => t.links[0]],
      ] as const) {
        const schema = schemaOf(topology);
        const what = JSON.stringify(topology);
        if (ours !== undefined) {
          fast++;
          expect(schema.success, what).toBe(true);
          expect(ours, what).toEqual((pick as (t: unknown) => unknown)(schema.data!.topology));
        } else {
          expect(schema.success, what).toBe(false);
        }
      }
    }
    expect(fast).toBeGreaterThan(300);
  });

  it("reads nothing of a list of topology parts, or of a part without nodes or links", () => {
    expect(fastNodesAndLinks([{ nodes: [{ id: "a" }] }])).toBeUndefined();
    expect(fastNodesAndLinks({ fatTree: { k: 4 } })).toBeUndefined();
    expect(fastNodesAndLinks({ nodes: [{ id: "a" }, { id: "" }] })).toBeUndefined();
    expect(fastNodesAndLinks({ nodes: [{ id: "a", kind: "core" }], links: [{ from: "a", to: "b", bandwidth: "1Gbps" }] })).toEqual({
      nodes: [{ id: "a", kind: "core" }],
      links: [{ from: "a", to: "b", bandwidth: 1.25e8, latency: 0 }],
    });
  });
});

describe("parseScenarioDocument with explicit nodes and links", () => {
  const nodes = Array.from({ length: 50 }, (_, i) => ({ id: `n${i}`, kind: i < 10 ? "spine" : "host" }));
  const links = Array.from({ length: 49 }, (_, i) => ({ from: `n${i}`, to: `n${i + 1}`, bandwidth: `${i + 1}Gbps`, ...(i % 2 ? { latency: `${i}us` } : {}) }));
  const workloads = [{ transfer: { src: "n0", dst: "n1", size: "1MB" } }, { traffic: { pattern: "uniform", load: 0.5, size: "1MB", flows: 10 } }];

  it("returns what the schema returns, with a fabric beside the nodes and links", () => {
    const doc = { name: "t", topology: { nodes, links, leafSpine: { leaves: 2, spines: 2, hostsPerLeaf: 2, hostBandwidth: "10Gbps", uplinkBandwidth: "40Gbps", prefix: "ls." } }, workloads };
    const ours = parseScenarioDocument(doc);
    expect(ours.success).toBe(true);
    expect(ours.data).toEqual(scenarioSchema().parse(doc));
    expect((ours.data!.topology as { nodes: unknown[] }).nodes).toHaveLength(50);
  });

  it("reports the schema's first problem, in a node, a link or elsewhere", () => {
    for (const topology of [
      { nodes: [...nodes.slice(0, 20), { id: "x", kind: "" }, ...nodes.slice(20)], links },
      { nodes, links: [...links.slice(0, 30), { from: "n1", to: "n2", bandwidth: "10Gbs" }] },
      { nodes, links: [...links, { from: "n1", to: "n2", bandwith: "10Gbps" }] },
      { nodes, links, fatTree: { k: 3 } },
      { nodes, links, bogus: 1 },
    ]) {
      const doc = { topology, workloads };
      const ours = parseScenarioDocument(doc);
      const schema = scenarioSchema().safeParse(doc, { reportInput: true });
      expect(ours.success).toBe(false);
      expect(ours.error!.issues).toEqual(schema.error!.issues);
    }
  });
});
