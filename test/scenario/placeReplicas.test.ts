// placeReplicas: replica counts spread over the topology's GPUs, explicit pools kept, storage found by kind.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";
import { placeReplicas } from "../../src/scenario/placeReplicas.js";
import type { InferencePlacementSpec } from "../../src/scenario/Scenario.js";

const cluster = {
  gpuCluster: {
    hosts: 4,
    gpusPerHost: 8,
    nvlinkBandwidth: "450GB/s",
    nicBandwidth: "400Gbps",
    spines: 2,
    uplinkBandwidth: "800Gbps",
    storage: { nodes: 2, read: "10GB/s", write: "5GB/s", linkBandwidth: "400Gbps" },
  },
};

function place(inference: Record<string, unknown>) {
  const { scenario, topology } = prepareScenarioDocument({ topology: cluster, workloads: [{ inference: { name: "llm", prompt: 10, output: 10, ...inference } }] }, "t.yaml");
  return placeReplicas(scenario.workloads[0] as InferencePlacementSpec, topology, (key, message) => {
    throw new InputError(`${key}: ${message}`);
  });
}

describe("placeReplicas", () => {
  it("spreads N replicas over the G GPUs: replica k on GPU ⌊k·G/N⌋ in topology order", () => {
    // G = 32 (h0g0 … h3g7): N = 4 → GPUs 0, 8, 16, 24 = h0g0, h1g0, h2g0, h3g0; N = 3 → 0, 10, 21 = h0g0, h1g2, h2g5.
    expect(place({ replicas: 4 }).gpus).toEqual(["h0g0", "h1g0", "h2g0", "h3g0"]);
    expect(place({ replicas: 3 }).gpus).toEqual(["h0g0", "h1g2", "h2g5"]);
    expect(place({ replicas: 32 }).gpus).toHaveLength(32);
  });

  it("disaggregated counts share one spread, prefill first; an explicit pool's GPUs are left out of it", () => {
    // P = 2, D = 2 → 4 picks h0g0, h1g0, h2g0, h3g0: prefill the first two.
    const d = place({ disaggregation: { prefill: { replicas: 2 }, decode: { replicas: 2 }, kvBytesPerToken: "160KB" } }).disaggregation!;
    expect(d).toEqual({ prefillGpus: ["h0g0", "h1g0"], decodeGpus: ["h2g0", "h3g0"], kvBytesPerToken: 160e3 });
    // Prefill on h0g0 explicitly; 31 GPUs remain, 1 decode replica → the first of them, h0g1.
    const e = place({ disaggregation: { prefill: { gpus: ["h0g0"] }, decode: { replicas: 1 }, kvBytesPerToken: "1KB" } }).disaggregation!;
    expect(e.decodeGpus).toEqual(["h0g1"]);
  });

  it("a cold start loads from every node of kind storage unless from is given", () => {
    expect(place({ replicas: 2, coldStart: { weights: "10GB" } }).coldStart).toEqual({ weightsBytes: 1e10, storageNodes: ["storage0", "storage1"] });
    expect(place({ replicas: 2, coldStart: { weights: "10GB", from: ["storage1"] } }).coldStart!.storageNodes).toEqual(["storage1"]);
  });
});
