// treeAllReduce and allToAll against hand-derived times on one rail.
import { describe, expect, it } from "vitest";
import type { CollectiveSpec } from "../../../src/workloads/collectives/CollectiveSpec.js";
import { startCollective } from "../../../src/workloads/collectives/startCollective.js";
import type { CollectiveRecord } from "../../../src/workloads/WorkloadResults.js";
import { clusterContext } from "./clusterContext.js";

function run(hosts: number, spec: Omit<CollectiveSpec, "participants" | "idPrefix" | "granularity">): CollectiveRecord {
  const c = clusterContext({ hosts, gpusPerHost: 1, latencyS: 1e-6 });
  let record: CollectiveRecord | undefined;
  c.sim.at(0, () =>
    startCollective(c.tracker, { ...spec, participants: c.participants, idPrefix: "c", granularity: "step" }, { job: "j", iteration: 0, name: "x" }, (r) => {
      record = r;
    }),
  );
  c.sim.run();
  return record!;
}

describe("tree all-reduce", () => {
  it("3 ranks, C chunks: (C+1)(α + 2S/(CB)) — reduce and broadcast overlap in opposite directions", () => {
    // Root h0g0 with children h1g0, h2g0, all on rail0 (α = 2 µs, B = 5e10 B/s). Each reduce chunk:
    // both children send S/C into the root's one downlink (2S/(CB)); each broadcast chunk: the
    // root sends S/C to both over its one uplink (same time). C + 1 pipeline stages.
    const S = 1e9;
    const C = 4;
    const r = run(3, { kind: "all-reduce", algorithm: "tree", sizeBytes: S, chunks: C });
    const expected = (C + 1) * (2e-6 + (2 * S) / (C * 5e10)); // 5 × 10.002 ms
    expect(r.durationS).toBeCloseTo(expected, 12);
    expect(r.flows.length).toBe(2 * 2 * C);
    expect(r.algorithm).toBe("tree");
  });
});

describe("all-to-all", () => {
  it("n ranks send S/n to each other: α + (n−1)S/(nB)", () => {
    // 4 GPUs on rail0: each uplink and downlink carries 3 flows of S/4 at B/3 each.
    const S = 4e8;
    const r = run(4, { kind: "all-to-all", algorithm: "direct", sizeBytes: S });
    expect(r.durationS).toBeCloseTo(2e-6 + (3 * S) / (4 * 5e10), 12);
    expect(r.flows.length).toBe(12);
    expect(r.busBwBps / r.algBwBps).toBeCloseTo(3 / 4, 12);
  });
});
