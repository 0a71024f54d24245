// Every collective moves whole bytes: flow sizes are integers and add up to exactly what the algorithm moves, for sizes n does not divide.
import { describe, expect, it } from "vitest";
import type { CollectiveAlgorithm, CollectiveKind } from "../../../src/workloads/collectives/CollectiveSpec.js";
import type { Granularity } from "../../../src/workloads/collectives/Granularity.js";
import { startCollective } from "../../../src/workloads/collectives/startCollective.js";
import type { CollectiveRecord } from "../../../src/workloads/WorkloadResults.js";
import { clusterContext } from "./clusterContext.js";

/** Run one collective of `sizeBytes` on hosts × gpusPerHost GPUs; the record and the size of each of its flows. */
function run(hosts: number, gpusPerHost: number, kind: CollectiveKind, algorithm: CollectiveAlgorithm, sizeBytes: number, granularity: Granularity) {
  const c = clusterContext({ hosts, gpusPerHost });
  let record: CollectiveRecord | undefined;
  c.sim.at(0, () =>
    startCollective(c.tracker, { kind, algorithm, participants: c.participants, sizeBytes, granularity, chunks: 3, idPrefix: "c" }, { job: "j", iteration: 0, name: "x" }, (r) => {
      record = r;
    }),
  );
  c.sim.run();
  const sizes = Array.from(record!.flows, (f) => c.network.sizeOf(f));
  return { record: record!, sizes, total: sizes.reduce((a, b) => a + b, 0) };
}

describe("collectives move whole bytes", () => {
  // 110 MB over 3 ranks is 36,666,666.67 B per share: the case that printed 36666666.666666664.
  const S = 110e6;

  for (const granularity of ["step", "pipelined"] as const) {
    it(`a ring all-reduce over 3 ranks: integer flows adding up to 2(n−1)·S (${granularity})`, () => {
      const { record, sizes, total } = run(3, 1, "all-reduce", "ring", S, granularity);
      expect(sizes.every(Number.isInteger)).toBe(true);
      expect(total).toBe(2 * 2 * S);
      expect(record.sizeBytes).toBe(S);
      if (granularity === "step") expect(new Set(sizes)).toEqual(new Set([36_666_667, 36_666_666]));
    });

    it(`reduce-scatter and all-gather over 3 ranks: (n−1)·S (${granularity})`, () => {
      for (const kind of ["reduce-scatter", "all-gather"] as const) {
        const { sizes, total } = run(3, 1, kind, "ring", S, granularity);
        expect(sizes.every(Number.isInteger)).toBe(true);
        expect(total).toBe(2 * S);
      }
    });

    it(`a hierarchical all-reduce over 3 hosts × 3 GPUs: 2H(g−1)·S inside hosts + 2(H−1)·S across (${granularity})`, () => {
      const { record, sizes, total } = run(3, 3, "all-reduce", "hierarchical", S, granularity);
      expect(record.algorithm).toBe("hierarchical");
      expect(sizes.every(Number.isInteger)).toBe(true);
      expect(total).toBe(2 * 3 * 2 * S + 2 * 2 * S);
    });
  }

  it("a tree all-reduce in 3 chunks over 5 ranks: every link direction carries S", () => {
    const { sizes, total } = run(5, 1, "all-reduce", "tree", S, "step");
    expect(sizes.every(Number.isInteger)).toBe(true);
    expect(total).toBe(2 * 4 * S);
  });

  it("an all-to-all over 3 ranks: each rank sends S less its own share", () => {
    const { sizes, total } = run(3, 1, "all-to-all", "direct", S, "step");
    expect(sizes.every(Number.isInteger)).toBe(true);
    expect(total).toBe(3 * S - S);
  });
});
