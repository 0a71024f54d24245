// collectivesCsv: NCCL bandwidths in Gb/s and the resource that bound a collective's flows for the most flow-seconds, whatever the ring granularity.
import { describe, expect, it } from "vitest";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";
import { collectivesRows, dominantBottleneck, type FlowFacts } from "../../src/report/collectivesCsv.js";
import { CAP_BOUND, NEVER_ACTIVE } from "../../src/report/flowBottleneck.js";
import { simulate } from "../../src/run/simulate.js";
import { prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";
import type { CollectiveRecord } from "../../src/workloads/WorkloadResults.js";

describe("collectivesCsv", () => {
  const b = new TopologyBuilder();
  for (const id of ["a", "b", "c"]) b.addNode({ id });
  b.addLink({ from: "a", to: "b", bandwidthBps: 1e9, latencyS: 0 });
  b.addLink({ from: "b", to: "c", bandwidthBps: 1e9, latencyS: 0 });
  const topology = b.build();
  // Flows 0–3: sizes 100, 100, 300, 50. Flows 0 and 1 bound by a->b (channel 0) for 1 s each;
  // flow 2 by b->c (channel 2) for 1.5 s, then by a->b for 0.2 s; flow 3 never drained.
  const sizes = [100, 100, 300, 50];
  const bound: Array<Array<[number, number]>> = [[[0, 1]], [[0, 1]], [[2, 1.5], [0, 0.2]], []];
  const facts: FlowFacts = {
    sizeOf: (f) => sizes[f],
    bottleneckOf: (f) => (bound[f].length === 0 ? NEVER_ACTIVE : bound[f].reduce((a, b) => (b[1] > a[1] ? b : a))[0]),
    forEachBound: (f, fn) => bound[f].forEach(([b, s]) => fn(b, s)),
  };

  it("picks the resource that bound the flows for the most flow-seconds, not the most bytes", () => {
    // a->b: 1 + 1 + 0.2 = 2.2 flow-s (200 bytes bound longest there); b->c: 1.5 flow-s (300 bytes).
    expect(dominantBottleneck([0, 1, 2, 3], facts)).toBe(0);
    expect(dominantBottleneck([1, 2], facts)).toBe(2);
    expect(dominantBottleneck([3], facts)).toBe(NEVER_ACTIVE);
    const capped: FlowFacts = { sizeOf: () => 1, bottleneckOf: () => CAP_BOUND, forEachBound: (_f, fn) => fn(CAP_BOUND, 1) };
    expect(dominantBottleneck([0], capped)).toBe(CAP_BOUND);
  });

  it("breaks ties (within float residue) towards the lowest resource id", () => {
    const tie: FlowFacts = { sizeOf: () => 1, bottleneckOf: (f) => f, forEachBound: (f, fn) => fn(2 - f, f === 0 ? 0.3 : 0.1 + 0.2) };
    // 0.1 + 0.2 = 0.30000000000000004 on channel 1 ties with 0.3 on channel 2.
    expect(dominantBottleneck([0, 1], tie)).toBe(1);
  });

  it("writes NCCL algorithm and bus bandwidth in Gb/s", () => {
    // 1 GB all-reduce over 4 ranks in 0.1 s: algbw 1e10 B/s = 80 Gb/s, busbw × 2·3/4 = 120 Gb/s.
    const [row] = collectivesRows(
      [
        {
          job: "j",
          iteration: 0,
          name: "grad",
          kind: "all-reduce",
          algorithm: "ring",
          participants: 4,
          sizeBytes: 1e9,
          startS: 1,
          durationS: 0.1,
          algBwBps: 1e10,
          busBwBps: 1.5e10,
          flows: [0, 1, 2],
        },
      ],
      facts,
      topology,
    );
    // b->c bound its flows for 1.5 flow-s, a->b for 2 + 0.2: a->b; hosts' links are tier "other".
    expect(row).toEqual(["j", "0", "grad", "all-reduce", "ring", "4", "1000000000", "1", "0.1", "80", "120", "3", "a->b", "other"]);
  });
});

describe("collectivesCsv on a GPU cluster: the bottleneck is the same at both ring granularities", () => {
  /**
   * 4 hosts × 8 GPUs, NVLink 450 GB/s per GPU, one NIC per GPU at `nic` on its rail
   * (rail-optimised, the NIC folded into the GPU's rail link), 4 spines at 1.6 Tb/s; a
   * 1e9-parameter model in bf16 (2 GB of gradients, two 1 GB buckets), one iteration.
   */
  function collectives(algorithm: "ring" | "hierarchical", granularity: "step" | "pipelined", nic: string) {
    const doc = {
      name: "bottleneck",
      seed: 1,
      topology: { gpuCluster: { hosts: 4, gpusPerHost: 8, nvlinkBandwidth: "450GB/s", nicBandwidth: nic, railOptimized: true, spines: 4, uplinkBandwidth: "1600Gbps", latency: "1us" } },
      workloads: [
        {
          training: {
            name: "llm",
            gpus: 32,
            model: { parameters: 1e9, bytesPerParameter: 2 },
            compute: { iteration: "100ms" },
            allReduce: { algorithm, bucketSize: "1GB", granularity },
            iterations: 1,
          },
        },
      ],
    };
    const prepared = prepareScenarioDocument(doc, "bottleneck.yaml");
    const s = simulate(prepared);
    s.flows.finish(s.run.endS);
    const records = s.workloads[0].results!().collectives as CollectiveRecord[];
    const facts: FlowFacts = { sizeOf: (f) => s.network.sizeOf(f), bottleneckOf: (f) => s.flows.bottleneckOf(f), forEachBound: (f, fn) => s.flows.forEachBound(f, fn) };
    return collectivesRows(records, facts, prepared.topology).map((r) => ({ durationS: Number(r[8]), bottleneck: r[12], tier: r[13] }));
  }

  for (const granularity of ["step", "pipelined"] as const) {
    it(`a flat ring whose duration the 400G rail NICs set is bound by a NIC (${granularity})`, () => {
      // 2·31 steps of S/32 = 31.25 MB. The 4 edges between hosts cross a 5e10 B/s NIC:
      // 62 × 31.25e6 / 5e10 = 38.75 ms, the whole collective; the 28 NVLink edges take
      // 62 × 31.25e6 / 4.5e11 = 4.3 ms. Per resource a NIC channel binds ≈ 38.75 flow-ms, an
      // NVLink channel ≈ 4.3 — though NVLink edges are 7 of every 8 flows and bytes.
      const rows = collectives("ring", granularity, "400Gbps");
      expect(rows).toHaveLength(2);
      for (const r of rows) {
        expect(r.durationS).toBeGreaterThan(0.03875);
        expect(r.durationS).toBeLessThan(0.0389);
        expect(r.tier).toBe("host-nic");
        expect(r.bottleneck).toMatch(/rail/);
      }
    });

    it(`a hierarchical all-reduce that spends most of its time on 100G NICs is bound by a NIC, not NVSwitch (${granularity})`, () => {
      // Per bucket S = 1 GB: NVLink reduce-scatter and all-gather, 7 × (S/8) ÷ 4.5e11 = 1.944 ms
      // each; between hosts, each rail's ring of 4 moves 6 × S/32 = 187.5 MB over 1.25e10 B/s
      // NICs: 15 ms of the ≈ 18.9 ms. An NVLink channel binds ≤ 2 × 1.944 flow-ms, a NIC
      // channel 15 (NVLink moves 112 of the 124 GB of the collective's flows).
      const rows = collectives("hierarchical", granularity, "100Gbps");
      expect(rows).toHaveLength(2);
      for (const r of rows) {
        expect(r.durationS).toBeGreaterThan(0.015 + 2 * 0.001944);
        expect(r.tier).toBe("host-nic");
      }
    });
  }
});
