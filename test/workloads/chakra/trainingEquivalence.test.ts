// A data- and pipeline-parallel training job written as a Chakra trace replays in the same iteration times as the training workload.
import { describe, expect, it } from "vitest";
import { trainingChakraTrace } from "../../../src/workloads/chakra/trainingChakraTrace.js";
import type { TrainingWorkload } from "../../../src/workloads/training/TrainingWorkload.js";
import { cluster, runTraining } from "../training/runTraining.js";
import { writeTrace } from "./writeTrace.js";

/** Run `training` (file form) on `topology`, write its trace, replay it; return both jobs' records. */
function both(topology: unknown, training: Record<string, unknown>) {
  const t = runTraining(topology, [{ training: { name: "job", ...training } }]);
  const plan = (t.sim.workloads[0] as TrainingWorkload).plan;
  const prefix = writeTrace(trainingChakraTrace(plan));
  const { algorithm } = training.allReduce as { algorithm: string };
  const c = runTraining(topology, [{ chakra: { name: "job", trace: prefix, iterations: training.iterations ?? 1, allReduce: { algorithm } } }]);
  return { training: t.results.get("job")!, chakra: c.results.get("job")! };
}

describe("trainingChakraTrace(plan) replayed by ChakraWorkload", () => {
  it("dp 2 × pp 2, 1F1B, 4 microbatches, activations and gradient buckets contending on the fabric: iteration times agree within 1e-9 s", () => {
    // Forward 15 ms, backward 30 ms per microbatch; 64 MB gradient per GPU in 4 buckets of 16 MB (7.5 ms of backward each);
    // 32 MB activations: 2.56 ms per send at 100 Gb/s, sharing NICs with the all-reduces.
    const { training, chakra } = both(cluster({ hosts: 4, gpusPerHost: 1, nicBandwidth: "100Gbps", uplinkBandwidth: "100Gbps" }), {
      gpus: 4,
      parallelism: { pp: 2 },
      model: { parameters: 64e6, bytesPerParameter: 2, layers: 4, activationSize: "32MB" },
      compute: { iteration: "180ms", optimizer: "2ms" },
      allReduce: { algorithm: "ring", bucketSize: "16MB" },
      pipeline: { microbatches: 4, schedule: "1f1b" },
      iterations: 2,
    });
    expect(training.iterations!.length).toBe(2);
    expect(chakra.iterations!.length).toBe(2);
    for (let i = 0; i < 2; i++) {
      expect(Math.abs(chakra.iterations![i].iterationS - training.iterations![i].iterationS)).toBeLessThan(1e-9);
      expect(Math.abs(chakra.iterations![i].startS - training.iterations![i].startS)).toBeLessThan(1e-9);
    }
    // The network is on the critical path: the iteration is longer than compute and bubble alone.
    const t = training.iterations![0];
    expect(t.iterationS).toBeGreaterThan(t.computeS + t.bubbleS + 0.005);
    // The same collectives and sends (the trace's nodes carry the training records' names), each starting and lasting as long.
    const rows = (r: typeof training) =>
      r.collectives!.map((c) => ({ key: `${c.iteration} ${c.name} ${c.kind} ${c.participants} ${c.sizeBytes}`, startS: c.startS, durationS: c.durationS })).sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : x.startS - y.startS));
    const [a, b] = [rows(training), rows(chakra)];
    expect(a.length).toBe(2 * (2 * 4 + 2 * 2 * 4));
    expect(b.map((x) => x.key)).toEqual(a.map((x) => x.key));
    a.forEach((x, k) => {
      expect(Math.abs(b[k].startS - x.startS)).toBeLessThan(1e-9);
      expect(Math.abs(b[k].durationS - x.durationS)).toBeLessThan(1e-9);
    });
  });

  it("dp 2 × pp 4 on hosts of 4 GPUs, GPipe, hierarchical all-reduce: iteration times agree within 1e-9 s", () => {
    const { training, chakra } = both(cluster({ hosts: 2, gpusPerHost: 4, nicBandwidth: "100Gbps", uplinkBandwidth: "200Gbps" }), {
      gpus: 8,
      parallelism: { pp: 4 },
      model: { parameters: 24e6, bytesPerParameter: 2, layers: 8, activationSize: "16MB" },
      compute: { iteration: "120ms" },
      allReduce: { algorithm: "hierarchical", bucketSize: "4MB" },
      pipeline: { microbatches: 2, schedule: "gpipe" },
    });
    expect(Math.abs(chakra.iterations![0].iterationS - training.iterations![0].iterationS)).toBeLessThan(1e-9);
    expect(chakra.iterations![0].iterationS).toBeGreaterThan(0.12);
  });
});
