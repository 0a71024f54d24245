// estimateScenarioSize: nodes and links exactly as built, flows and events no more than a run makes, and room for the large runs issue 13 wants.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/run/simulate.js";
import { estimateScenarioSize } from "../../src/scenario/estimateScenarioSize.js";
import { loadScenario, readScenarioDocument, scenarioFromDocument } from "../../src/scenario/loadScenario.js";
import { prepareScenario, prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";
import type { ChakraNodeSpec } from "../../src/workloads/chakra/encodeChakraTrace.js";
import { writeTrace } from "../workloads/chakra/writeTrace.js";

/** Every runnable scenario shipped in scenarios/ (not the bad ones, not studies). */
function shipped(dir = "scenarios"): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((f) => {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) return f === "bad" ? [] : shipped(p);
      return /\.(ya?ml|json)$/.test(f) && !("sweep" in readScenarioDocument(p)) ? [p] : [];
    });
}

const cluster = (hosts: number, gpusPerHost: number, extra: Record<string, unknown> = {}) => ({
  gpuCluster: { hosts, gpusPerHost, nvlinkBandwidth: "450GB/s", nicBandwidth: "400Gbps", spines: 2, uplinkBandwidth: "400Gbps", latency: "1us", ...extra },
});
const fatTree = (k: number) => ({ fatTree: { k, bandwidth: "100Gbps", latency: "1us" } });

describe("estimateScenarioSize", () => {
  it("counts, before building, exactly the nodes and links of every shipped scenario", () => {
    const files = shipped();
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const file of files) {
      const before = estimateScenarioSize(loadScenario(file));
      const { topology } = prepareScenario(file);
      expect([file, before.nodes, before.links]).toEqual([file, topology.nodeCount, topology.channelCount / 2]);
    }
  });

  it("sums exactly what its parts list holds, part by part in file order (the list is made only when read)", () => {
    const transfers = Array.from({ length: 50 }, (_, i) => ({
      transfer: { src: `h${i % 4}`, dst: `h${(i + 1) % 4}`, size: "1MB", start: `${i}us`, ...(i % 7 === 0 && { repeat: { count: 3 + i, every: "1ms" } }) },
    }));
    const doc = { topology: fatTree(4), until: "20ms", workloads: [...transfers, { traffic: { name: "t", pattern: "uniform", load: 0.3, flows: 40, size: { exponential: { mean: "10KB" } } } }, ...transfers.slice(0, 5)] };
    const estimates = [
      ...shipped().flatMap((file) => {
        const p = prepareScenario(file);
        return [estimateScenarioSize(p.scenario), p.size];
      }),
      estimateScenarioSize(scenarioFromDocument(doc, "t.yaml")),
      prepareScenarioDocument(doc, "t.yaml").size,
    ];
    for (const size of estimates) {
      const sum = (key: "nodes" | "links" | "flows" | "events" | "bytes") => size.parts.reduce((a, p) => a + p[key], 0);
      expect([size.nodes, size.links, size.flows, size.events, size.bytes]).toEqual([sum("nodes"), sum("links"), sum("flows"), sum("events"), sum("bytes")]);
    }
    const last = estimates[estimates.length - 1];
    expect(last.parts.map((p) => p.keyPath).slice(0, 3)).toEqual(["topology.fatTree", "workloads[0].transfer", "workloads[1].transfer"]);
    expect(last.parts[1].what).toBe("repeat.count 3: 3 flows");
    expect(last.parts[51].keyPath).toBe("workloads[50].traffic");
    // 42 single transfers, repeats of 3, 10, 17 and five of 20 (cut at 20 ms), 40 traffic flows, then 4 single transfers and a repeat of 3.
    expect(last.flows).toBe(42 + 3 + 10 + 17 + 5 * 20 + 40 + 4 + 3);
  });

  it("counts the fabric variants as their generators build them (shared NICs, PCIe NICs, leaf attachment, storage, sites)", () => {
    const topologies = [
      cluster(3, 8, { nicsPerHost: 2 }),
      cluster(3, 4, { pcieBandwidth: "64GB/s" }),
      cluster(5, 2, { railOptimized: false, hostsPerLeaf: 2, storage: { nodes: 2, read: "10GB/s", write: "5GB/s", linkBandwidth: "400Gbps" } }),
      { leafSpine: { leaves: 3, spines: 2, hostsPerLeaf: 4, hostBandwidth: "100Gbps", uplinkBandwidth: "400Gbps" } },
      {
        sites: [
          { id: "x", city: "Frankfurt", fabric: { ...fatTree(4), ...cluster(2, 2) }, uplink: { bandwidth: "400Gbps" } },
          { id: "y", city: "Dublin", hosts: { count: 3, bandwidth: "1Gbps" } },
        ],
        wan: [{ from: "x", to: "y", bandwidth: "100Gbps" }],
      },
    ];
    for (const topology of topologies) {
      const prepared = prepareScenarioDocument({ topology }, "t.yaml");
      expect([prepared.size.nodes, prepared.size.links]).toEqual([prepared.topology.nodeCount, prepared.topology.channelCount / 2]);
    }
  });

  it("never counts more flows or events than a run makes (lower bounds; exact where the file fixes them)", () => {
    const service = { service: { name: "svc", nodes: ["h1"], serviceTime: "1ms", concurrency: 4 } };
    const training = (extra: Record<string, unknown>) => ({
      training: { name: "llm", gpus: 8, model: { parameters: 2e8 }, compute: { iteration: "10ms" }, iterations: 2, ...extra },
    });
    const cases: Array<{ topology: unknown; workloads: unknown[]; exact?: boolean }> = [
      { topology: fatTree(4), workloads: [{ transfer: { src: "h0", dst: "h5", size: "1MB", repeat: { count: 5, every: "1ms" } } }], exact: true },
      { topology: fatTree(4), workloads: [{ traffic: { pattern: "incast", fanIn: 4, load: 0.2, size: "100KB", flows: 3 } }], exact: true },
      { topology: fatTree(4), workloads: [{ traffic: { pattern: "all-to-all", hosts: ["h0", "h1", "h2", "h3"], load: 0.2, size: "10KB", flows: 2 } }], exact: true },
      { topology: fatTree(4), workloads: [service, { agents: { name: "a", nodes: ["h0", "h2"], arrival: { poisson: { rate: "200/s" } }, chain: ["svc", "svc"], requests: 50 } }], exact: true },
      { topology: cluster(2, 4), workloads: [training({ allReduce: { algorithm: "ring", granularity: "step" } })] },
      { topology: cluster(2, 4), workloads: [training({ allReduce: { algorithm: "ring", granularity: "pipelined" } })] },
      { topology: cluster(2, 4), workloads: [training({ allReduce: { algorithm: "tree" } })] },
      { topology: cluster(2, 4), workloads: [training({ allReduce: { algorithm: "hierarchical" } })] },
      { topology: cluster(2, 4), workloads: [training({ parallelism: { tp: 2, pp: 2 }, model: { parameters: 2e8, layers: 4, activationSize: "4MB" }, pipeline: { microbatches: 4 } })] },
      { topology: cluster(4, 1), workloads: [training({ gpus: 4, parallelism: { pp: 2 }, model: { parameters: 1e8, layers: 2, activationSize: "1MB" }, pipeline: { microbatches: 3 } })] },
      {
        topology: cluster(2, 4),
        workloads: [
          training({
            parallelism: { tp: 2, ep: 2, sequenceParallel: true },
            model: { parameters: 2e8, layers: 4, activationSize: "1MB" },
            expert: { allToAllSize: "1MB", parameters: 1e8, every: 2 },
            pipeline: { microbatches: 2 },
          }),
        ],
      },
    ];
    for (const c of cases) {
      const prepared = prepareScenarioDocument({ topology: c.topology, workloads: c.workloads }, "t.yaml");
      const run = simulate(prepared);
      const label = JSON.stringify(c.workloads);
      expect(prepared.size.flows, label).toBeGreaterThan(0);
      expect(prepared.size.flows, label).toBeLessThanOrEqual(run.network.flowCount);
      expect(prepared.size.events, label).toBeLessThanOrEqual(run.run.events);
      if (c.exact) expect(prepared.size.flows, label).toBe(run.network.flowCount);
    }
  });

  it("counts a Chakra trace's flows and events by lower bounds a replay meets: 2 replays × (a 3-rank all-reduce + one send) = 8 flows", () => {
    const attrs = (pairs: Array<[string, number]>) => pairs.map(([name, v]) => (name === "comm_src" || name === "comm_dst" ? { name, int32: v } : { name, int64: v }));
    const allReduce: ChakraNodeSpec = { id: 0, name: "grads", type: "COMM_COLL_NODE", attrs: attrs([["comm_type", 0], ["comm_size", 3e6]]) };
    const send: ChakraNodeSpec = { id: 1, name: "act", type: "COMM_SEND_NODE", dataDeps: [0], attrs: attrs([["comm_src", 0], ["comm_dst", 1], ["comm_size", 1e6]]) };
    const recv: ChakraNodeSpec = { id: 1, name: "act", type: "COMM_RECV_NODE", dataDeps: [0], attrs: attrs([["comm_src", 0], ["comm_dst", 1], ["comm_size", 1e6]]) };
    const trace = writeTrace([[allReduce, send], [allReduce, recv], [allReduce]]);
    const prepared = prepareScenarioDocument(
      { topology: cluster(1, 4), workloads: [{ chakra: { name: "job", trace, gpus: 3, iterations: 2, transport: { model: "maxmin" } } }] },
      "t.yaml",
    );
    const part = prepared.size.parts.find((p) => p.keyPath === "workloads[0].chakra")!;
    // A ring all-reduce over 3 ranks has every rank send (3 flows at least), the send one: 4 per replay.
    expect(part.flows).toBe(8);
    // Every trace node is an event per replay (5 nodes), every flow starts and ends.
    expect(part.events).toBe(2 * 5 + 2 * 8);
    const run = simulate(prepared);
    expect(part.flows).toBeLessThanOrEqual(run.network.flowCount);
    expect(part.events).toBeLessThanOrEqual(run.run.events);
  });

  it("counts traffic bounded by duration once the network is known, at its expected arrival rate", () => {
    // 16 hosts × 12.5 GB/s × 0.5 load ÷ 1 MB = 100,000 arrivals/s, for 10 ms: 1,000 flows expected.
    const doc = { topology: fatTree(4), workloads: [{ traffic: { name: "web", pattern: "uniform", load: 0.5, size: "1MB", duration: "10ms" } }] };
    expect(estimateScenarioSize(scenarioFromDocument(doc, "t.yaml")).flows).toBe(0);
    const prepared = prepareScenarioDocument(doc, "t.yaml");
    expect(prepared.size.flows).toBeCloseTo(1000, 6);
    const started = simulate(prepared).network.flowCount;
    expect(Math.abs(started - 1000)).toBeLessThan(100); // Poisson: standard deviation ≈ 32
    // until cuts the window: 2 ms of arrivals.
    expect(prepareScenarioDocument({ ...doc, until: "2ms" }, "t.yaml").size.flows).toBeCloseTo(200, 6);
  });

  it("leaves room for the large runs of issue 13: a million flows on a k=48 fat-tree, a 32,768-GPU cluster, a million requests", () => {
    const big = [
      { topology: fatTree(48), workloads: [{ traffic: { pattern: "uniform", load: 0.5, size: { cdf: "websearch" }, flows: 1_000_000 } }] },
      {
        topology: cluster(4096, 8, { spines: 64 }),
        workloads: [
          {
            training: {
              gpus: 32768,
              // Merged tensor-parallel all-reduces: per layer they are 40× the flows (≈ 11 M, ≈ 5.7 GB estimated).
              parallelism: { tp: 8, pp: 8, tpGranularity: "pass" },
              model: { parameters: 70e9, layers: 80, activationSize: "64MB" },
              compute: { iteration: "10s" },
              pipeline: { microbatches: 8 },
            },
          },
        ],
      },
      {
        topology: { nodes: [{ id: "edge" }, { id: "api" }], links: [{ from: "edge", to: "api", bandwidth: "100Gbps" }] },
        workloads: [
          { service: { name: "svc", nodes: ["api"], serviceTime: "1ms", concurrency: 64 } },
          { agents: { name: "a", nodes: ["edge"], arrival: { poisson: { rate: "10000/s" } }, call: "svc", requests: 1_000_000 } },
        ],
      },
    ];
    for (const doc of big) {
      const size = estimateScenarioSize(scenarioFromDocument(doc, "big.yaml"));
      expect(size.bytes, JSON.stringify(doc).slice(0, 80)).toBeLessThan(2e9);
    }
  });
});
