// Data-parallel training: storage reads and checkpoint writes share their node, jobs contend (gradient buckets: GradientStreams.test.ts).
import { describe, expect, it } from "vitest";
import { cluster, runTraining } from "./runTraining.js";

const B = 5e10; // 400 Gb/s NIC
const alpha = 2e-6; // GPU → rail → GPU, 1 µs per link

describe("storage", () => {
  // 8 GPUs (one per host) read from storage0, read capacity R = 100 Gb/s = 1.25e10 B/s, each
  // 1 GB: 8e9 / R = 0.64 s, after 3 × 1 µs (storage → spine → rail → GPU). The checkpoint writes
  // 1e9 parameters × 16 B = 16 GB, 2 GB per GPU, through write capacity 50 Gb/s = 6.25e9 B/s: 2.56 s.
  const run = () =>
    runTraining(cluster({ hosts: 8, storage: { nodes: 1, read: "100Gbps", write: "50Gbps", linkBandwidth: "400Gbps" } }), [
      {
        training: {
          name: "io",
          gpus: 8,
          model: { parameters: 1e9 },
          compute: { iteration: "300ms" },
          allReduce: { algorithm: "ring", bucketSize: "2GB" },
          input: { from: "storage0", size: "1GB" },
          checkpoint: { every: 2, to: "storage0" },
          iterations: 2,
        },
      },
    ]).results.get("io")!;

  it("k GPUs reading from one storage node share its read capacity: k·size/R", () => {
    const r = run();
    const input = r.collectives!.find((c) => c.name === "input" && c.iteration === 0)!;
    expect(input.durationS).toBeCloseTo(3e-6 + 8e9 / 1.25e10, 12);
    expect(input.kind).toBe("read");
    expect(input.sizeBytes).toBe(8e9);
    // The read blocks the forward pass: iteration = read + passes + the one bucket's ring
    // all-reduce of 2 GB over 8 GPUs: 14 (α + 2e9/(8B)).
    const ar = 14 * (alpha + 2e9 / (8 * B));
    expect(r.iterations![0].iterationS).toBeCloseTo(3e-6 + 0.64 + 0.3 + ar, 12);
  });

  it("the checkpoint every 2 iterations shares the write capacity and blocks", () => {
    const r = run();
    const ckpt = r.collectives!.filter((c) => c.name === "checkpoint");
    expect(ckpt).toHaveLength(1);
    expect(ckpt[0].iteration).toBe(1);
    expect(ckpt[0].durationS).toBeCloseTo(3e-6 + 1.6e10 / 6.25e9, 12);
    const [it0, it1] = r.iterations!;
    expect(it1.iterationS - it0.iterationS).toBeCloseTo(ckpt[0].durationS, 12);
  });
});

describe("two jobs on one fabric", () => {
  // Leaf fabric, 2 hosts per leaf, one GPU per host, 2 leaves, one spine, 400 Gb/s uplinks.
  // Job a on h0g0, h2g0 and job b on h1g0, h3g0: each 2-rank ring crosses leaf0 ↔ spine ↔ leaf1
  // (α = 4 µs), so both share each uplink direction. One 1 GB bucket each: alone 2 steps of
  // 5e8 B at 5e10 B/s; together at 2.5e10 B/s each.
  const topology = cluster({ railOptimized: false, hostsPerLeaf: 2, uplinkBandwidth: "400Gbps" });
  const job = (name: string, gpuList: string[]) => ({
    training: { name, gpuList, model: { parameters: 5e8 }, compute: { iteration: "30ms" }, allReduce: { algorithm: "ring", bucketSize: "1GB" } },
  });
  const a = job("a", ["h0g0", "h2g0"]);
  const b = job("b", ["h1g0", "h3g0"]);

  it("each alone: passes + 2(α + S/(2B)); together: the uplinks halve their rate", () => {
    const alone = runTraining(topology, [a]).results.get("a")!.iterations![0].iterationS;
    expect(alone).toBeCloseTo(0.03 + 2 * (4e-6 + 5e8 / 5e10), 12);
    const both = runTraining(topology, [a, b]).results;
    for (const name of ["a", "b"]) {
      expect(both.get(name)!.iterations![0].iterationS).toBeCloseTo(0.03 + 2 * (4e-6 + 5e8 / 2.5e10), 12);
    }
  });
});

describe("determinism", () => {
  it("the same seed gives identical records", () => {
    const job = {
      training: {
        name: "d",
        gpus: 16,
        parallelism: { tp: 2, pp: 2 },
        model: { parameters: 1e9, layers: 4, activationSize: "16MB" },
        compute: { iteration: "100ms" },
        allReduce: { bucketSize: "100MB" },
        pipeline: { microbatches: 4 },
        iterations: 2,
      },
    };
    const topology = cluster({ hosts: 4, gpusPerHost: 4, spines: 2 });
    const once = runTraining(topology, [job], 7).results.get("d")!;
    const again = runTraining(topology, [job], 7).results.get("d")!;
    expect(JSON.stringify(again)).toBe(JSON.stringify(once));
    expect(once.collectives!.length).toBeGreaterThan(0);
  });
});
