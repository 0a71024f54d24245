// A training job whose sizes do not divide evenly moves whole bytes: integer flows, records that add up exactly.
import { describe, expect, it } from "vitest";
import { cluster, runTraining } from "./runTraining.js";

describe("training moves whole bytes", () => {
  it("gradients, buckets, activations, input reads and checkpoints are cut into whole-byte shares", () => {
    // 12 GPUs: tp = 3, pp = 2, dp = 2. Per GPU the gradient is 2 · (1e9 + 1) / 6 = 333,333,333.67 B →
    // 333,333,334 B; each tp rank sends a third of the 100 MB activation; each replica reads a third of
    // 100 MB per stage-0 GPU; the checkpoint writes 16 · (1e9 + 1) B, a twelfth per GPU — none divide.
    const { results, sim } = runTraining(cluster({ hosts: 4, gpusPerHost: 3, storage: { nodes: 1, read: "100Gbps", write: "50Gbps", linkBandwidth: "400Gbps" } }), [
      {
        training: {
          name: "job",
          gpus: 12,
          parallelism: { tp: 3, pp: 2 },
          model: { parameters: 1e9 + 1, layers: 2, activationSize: "100MB" },
          compute: { iteration: "90ms" },
          allReduce: { bucketSize: "100MB" },
          input: { from: "storage0", size: "100MB" },
          checkpoint: { every: 1, to: "storage0" },
          iterations: 1,
        },
      },
    ]);
    const network = sim.network;
    for (let f = 0; f < network.flowCount; f++) expect(Number.isInteger(network.sizeOf(f)), `flow ${f}: ${network.sizeOf(f)} B`).toBe(true);
    const records = results.get("job")!.collectives!;
    const flowBytes = (flows: ArrayLike<number>) => Array.from(flows, (f) => network.sizeOf(f)).reduce((sum, b) => sum + b, 0);
    for (const r of records) expect(Number.isInteger(r.sizeBytes), `${r.name}: ${r.sizeBytes} B`).toBe(true);

    const checkpoint = records.find((r) => r.name === "checkpoint")!;
    expect(checkpoint.sizeBytes).toBe(16 * (1e9 + 1));
    expect(flowBytes(checkpoint.flows)).toBe(16 * (1e9 + 1));
    const input = records.find((r) => r.name === "input")!;
    expect(input.sizeBytes).toBe(2 * 100e6);
    expect(flowBytes(input.flows)).toBe(2 * 100e6);
    // The buckets of one data-parallel group add up to its GPU's gradient.
    const buckets = records.filter((r) => r.name.startsWith("grad-bucket") && r.name.endsWith("-stage0-tp0"));
    expect(buckets.reduce((sum, r) => sum + r.sizeBytes, 0)).toBe(333_333_334);
    // A pipeline send: the tp ranks' shares add up to the activation; the record counts the largest.
    const send = records.find((r) => r.kind === "send-recv")!;
    expect(flowBytes(send.flows)).toBe(100e6);
    expect(send.sizeBytes).toBe(33_333_334);
  });
});
