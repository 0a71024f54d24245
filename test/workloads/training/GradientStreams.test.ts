// GradientStreams: gradient buckets become ready through the backward pass and are all-reduced one at a time per data-parallel group.
import { describe, expect, it } from "vitest";
import { cluster, runTraining } from "./runTraining.js";

const B = 5e10; // 400 Gb/s NIC
const alpha = 2e-6; // GPU → rail → GPU, 1 µs per link

describe("bucketed all-reduce overlapping backward", () => {
  // 4 GPUs on one rail, dp = 4, a 2e9-byte gradient (1e9 parameters × 2 B) in 4 buckets of 5e8 B.
  // Each bucket's ring all-reduce: 2·3·(α + 5e8/(4B)) = 6 × 2.502 ms = 15.012 ms. Backward is
  // 2/3 × 300 ms = 200 ms and bucket k is ready at forward + (k+1)·50 ms, so buckets 0–2 are
  // reduced while backward runs and only the last one is exposed.
  const ar = 6 * (alpha + 5e8 / (4 * B));
  const job = {
    name: "dp",
    gpus: 4,
    model: { parameters: 1e9 },
    compute: { iteration: "300ms" },
    allReduce: { algorithm: "ring", bucketSize: "500MB" },
    iterations: 2,
  };

  it("exposed communication is the last bucket's all-reduce only", () => {
    const r = runTraining(cluster(), [{ training: job }]).results.get("dp")!;
    const [it0, it1] = r.iterations!;
    expect(it0.iterationS).toBeCloseTo(0.3 + ar, 12);
    expect(it0.exposedCommS).toBeCloseTo(ar, 12);
    expect(it0.networkWaitShare).toBeCloseTo(ar / (0.3 + ar), 12);
    // Four disjoint all-reduces.
    expect(it0.commS).toBeCloseTo(4 * ar, 12);
    expect(it1.startS).toBeCloseTo(0.3 + ar, 12);
    const buckets = r.collectives!.filter((c) => c.iteration === 0);
    expect(buckets.map((c) => c.name)).toEqual(["grad-bucket0", "grad-bucket1", "grad-bucket2", "grad-bucket3"]);
    buckets.forEach((c, k) => {
      // Ready at forward (100 ms) + (k+1) × 50 ms.
      expect(c.startS).toBeCloseTo(0.1 + (k + 1) * 0.05, 12);
      expect(c.durationS).toBeCloseTo(ar, 12);
      expect(c.sizeBytes).toBe(5e8);
      expect(c.participants).toBe(4);
      expect(c.flows.length).toBe(4 * 6);
    });
  });

  it("when a bucket's all-reduce outlasts the gap between buckets, they queue on one stream", () => {
    // Same job with 40 ms of passes: buckets are ready every 26.67/4 = 6.67 ms but take 15.012 ms
    // each, so they run back to back from the first ready time (13.33 + 6.67 ms = 20 ms).
    const r = runTraining(cluster(), [{ training: { ...job, compute: { iteration: "40ms" }, iterations: 1 } }]).results.get("dp")!;
    const first = 0.04 / 3 + 0.08 / 3 / 4;
    expect(r.iterations![0].iterationS).toBeCloseTo(first + 4 * ar, 12);
  });
});

describe("no data parallelism", () => {
  it("one replica has no gradient stream: the iteration is its compute and no bucket is reduced", () => {
    const job = { name: "solo", gpus: 1, model: { parameters: 1e9 }, compute: { iteration: "300ms" }, allReduce: { algorithm: "ring", bucketSize: "500MB" }, iterations: 2 };
    const r = runTraining(cluster(), [{ training: job }]).results.get("solo")!;
    expect(r.iterations!.map((i) => i.iterationS)).toEqual([0.3, 0.3]);
    expect(r.iterations![1].startS).toBe(0.3);
    expect(r.collectives!.filter((c) => c.name.startsWith("grad-"))).toEqual([]);
  });
});
