// hierarchicalAllReduce beats a flat ring on a 2-level cluster by the factor the two closed forms predict.
import { describe, expect, it } from "vitest";
import type { CollectiveAlgorithm } from "../../../src/workloads/collectives/CollectiveSpec.js";
import type { Granularity } from "../../../src/workloads/collectives/Granularity.js";
import { startCollective } from "../../../src/workloads/collectives/startCollective.js";
import type { CollectiveRecord } from "../../../src/workloads/WorkloadResults.js";
import { clusterContext } from "./clusterContext.js";

const H = 4;
const g = 4;
const n = H * g;
const S = 1e9;
const Bin = 4.5e11; // NVLink per GPU, 0 s latency
const Bout = 5e10; // NIC per GPU, 1 µs per link
const alphaOut = 2e-6; // GPU → rail → GPU

function allReduce(algorithm: CollectiveAlgorithm, granularity: Granularity): CollectiveRecord {
  const c = clusterContext({ hosts: H, gpusPerHost: g, nvlinkBandwidthBps: Bin, nicBandwidthBps: Bout, latencyS: 1e-6 });
  let record: CollectiveRecord | undefined;
  c.sim.at(0, () =>
    startCollective(c.tracker, { kind: "all-reduce", algorithm, participants: c.participants, sizeBytes: S, granularity, idPrefix: "ar" }, { job: "j", iteration: 0, name: "x" }, (r) => {
      record = r;
    }),
  );
  c.sim.run();
  return record!;
}

describe("hierarchical all-reduce on 4 hosts × 4 GPUs (rail-optimized)", () => {
  // Flat ring (snake order: hosts alternate direction, so every inter-host edge is GPU → rail → GPU
  // on its own channels): each of the 2(n−1) steps is paced by the slowest edge, a NIC edge.
  const flat = 2 * (n - 1) * (alphaOut + S / (n * Bout)); // 30 × 1.252 ms = 37.56 ms
  // Hierarchical: reduce-scatter and all-gather on NVLink (g−1 steps of S/g each), then one ring
  // per rail of H GPUs on S/g bytes (2(H−1) steps of S/(gH)).
  const hier = 2 * (g - 1) * (S / (g * Bin)) + 2 * (H - 1) * (alphaOut + S / (g * H * Bout)); // 3.333 + 7.512 ms

  for (const granularity of ["step", "pipelined"] as const) {
    it(`flat ring matches 2(n−1)(α + S/(nB_nic)) and hierarchical its closed form (${granularity})`, () => {
      const f = allReduce("ring", granularity);
      const h = allReduce("hierarchical", granularity);
      expect(Math.abs(f.durationS - flat) / flat).toBeLessThan(1e-9);
      expect(Math.abs(h.durationS - hier) / hier).toBeLessThan(1e-9);
      // The speed-up the formulas predict, ≈ 3.46.
      expect(f.durationS / h.durationS).toBeCloseTo(flat / hier, 9);
      expect(f.durationS / h.durationS).toBeGreaterThan(3.4);
      expect(h.algorithm).toBe("hierarchical");
      expect(h.participants).toBe(n);
    });
  }

  it("uses 2·H·g·(g−1) + g·H·2(H−1) step flows", () => {
    expect(allReduce("hierarchical", "step").flows.length).toBe(2 * H * g * (g - 1) + g * H * 2 * (H - 1));
  });

  it("falls back to a flat ring, and records it, when each host has one participant", () => {
    // One GPU per host (local rank 0 of each): a ring on rail0, 2(H−1)(α + S/(H·B)).
    const c = clusterContext({ hosts: H, gpusPerHost: g, nvlinkBandwidthBps: Bin, nicBandwidthBps: Bout, latencyS: 1e-6 });
    const participants = c.participants.filter((_, k) => k % g === 0);
    let record: CollectiveRecord | undefined;
    c.sim.at(0, () =>
      startCollective(c.tracker, { kind: "all-reduce", algorithm: "hierarchical", participants, sizeBytes: S, granularity: "step", idPrefix: "ar" }, { job: "j", iteration: 0, name: "x" }, (r) => {
        record = r;
      }),
    );
    c.sim.run();
    expect(record!.algorithm).toBe("ring");
    expect(record!.durationS).toBeCloseTo(2 * (H - 1) * (alphaOut + S / (H * Bout)), 12);
  });
});
