// ringCollective: a ring all-reduce takes 2(n−1)(α + S/(nB)), reduce-scatter and all-gather half of it, in both granularities.
import { describe, expect, it } from "vitest";
import type { CollectiveKind } from "../../../src/workloads/collectives/CollectiveSpec.js";
import type { Granularity } from "../../../src/workloads/collectives/Granularity.js";
import { startCollective } from "../../../src/workloads/collectives/startCollective.js";
import type { CollectiveRecord } from "../../../src/workloads/WorkloadResults.js";
import { clusterContext } from "./clusterContext.js";

/** Run one collective over n hosts × 1 GPU on one rail (NIC 5e10 B/s, 1 µs per link). */
function ringOnRail(n: number, kind: CollectiveKind, sizeBytes: number, granularity: Granularity): CollectiveRecord {
  const c = clusterContext({ hosts: n, gpusPerHost: 1, latencyS: 1e-6 });
  let record: CollectiveRecord | undefined;
  c.sim.at(0, () =>
    startCollective(c.tracker, { kind, algorithm: "ring", participants: c.participants, sizeBytes, granularity, idPrefix: "ar" }, { job: "j", iteration: 0, name: "x" }, (r) => {
      record = r;
    }),
  );
  c.sim.run();
  return record!;
}

describe("ring collectives on one rail", () => {
  // Each GPU's ring edge is GPU → rail0 → GPU: α = 2 × 1 µs, B = 400 Gb/s = 5e10 B/s, and no
  // two edges share a channel (every GPU sends on its own uplink and receives on its own downlink).
  const n = 8;
  const S = 1e9;
  const alpha = 2e-6;
  const B = 5e10;
  const step = alpha + S / (n * B); // 2 µs + 2.5 ms

  for (const granularity of ["step", "pipelined"] as const) {
    it(`all-reduce takes 2(n−1)(α + S/(nB)) (${granularity})`, () => {
      const r = ringOnRail(n, "all-reduce", S, granularity);
      const expected = 2 * (n - 1) * step; // 14 × 2.502 ms = 35.028 ms
      expect(Math.abs(r.durationS - expected) / expected).toBeLessThan(1e-9);
      expect(r.flows.length).toBe(granularity === "step" ? n * 2 * (n - 1) : n);
      expect(r.algBwBps).toBeCloseTo(S / expected, 0);
      expect(r.busBwBps / r.algBwBps).toBeCloseTo((2 * (n - 1)) / n, 12);
    });

    for (const kind of ["reduce-scatter", "all-gather"] as const) {
      it(`${kind} takes (n−1)(α + S/(nB)), half of the all-reduce (${granularity})`, () => {
        const r = ringOnRail(n, kind, S, granularity);
        const expected = (n - 1) * step;
        expect(Math.abs(r.durationS - expected) / expected).toBeLessThan(1e-9);
        expect(r.busBwBps / r.algBwBps).toBeCloseTo((n - 1) / n, 12);
      });
    }
  }

  it("a ring of 2 exchanges S/2 twice each way", () => {
    // n = 2: 2 steps of S/2 = 5e8 B at 5e10 B/s = 10 ms each, plus 2 µs each.
    const r = ringOnRail(2, "all-reduce", S, "step");
    expect(r.durationS).toBeCloseTo(2 * (2e-6 + 0.01), 12);
  });

  for (const granularity of ["step", "pipelined"] as const) {
    it(`under static asymmetric contention the slowest edge sets the pace: 2(n−1)·S/n ÷ (B/2) (${granularity})`, () => {
      // Ring h0g0 → h1g0 → h2g0 → h0g0 on rail0, no latency; a long transfer h0g0 → h3g0 shares
      // h0g0's uplink, so edge 0 runs at B/2 and the others at B. Step: every rank's step s
      // waits for edge 0's step s−1, so 4 steps of S/3 at B/2. Pipelined: edge 0 carries 4·S/3
      // at B/2 — the same time; the fast edges just finish early. In whole bytes: S = 1e9 is cut
      // into shares 333,333,334 / 333,333,333 / 333,333,333 and rank 0 sends shares 2, 1, 0, 2:
      // 1,333,333,333 B.
      const c = clusterContext({ hosts: 4, gpusPerHost: 1 });
      let record: CollectiveRecord | undefined;
      c.sim.at(0, () => {
        c.ctx.startTransfer({ id: "bg", src: "h0g0", dst: "h3g0", sizeBytes: 100 * S });
        startCollective(c.tracker, { kind: "all-reduce", algorithm: "ring", participants: c.participants.slice(0, 3), sizeBytes: S, granularity, idPrefix: "ar" }, { job: "j", iteration: 0, name: "x" }, (r) => {
          record = r;
        });
      });
      c.sim.run();
      expect(record!.durationS).toBeCloseTo(1_333_333_333 / (B / 2), 12);
    });
  }
});
