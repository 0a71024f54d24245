// Tensor, pipeline and expert parallelism: each pass's communication sits on the critical path as derived by hand.
import { describe, expect, it } from "vitest";
import { cluster, runTraining } from "./runTraining.js";

const B = 5e10; // NIC
const Bnv = 4.5e11; // NVLink per GPU, 0 s latency

describe("tensor parallelism", () => {
  it("tp = 2 in one host: each pass is followed by a ring all-reduce of 2 · layers · activation on NVLink", () => {
    // S = 2 all-reduces × 2 layers × 16 MB = 64 MB; a 2-rank ring: 2 steps of S/2 at 4.5e11 B/s.
    const S = 2 * 2 * 16e6;
    const ar = 2 * (S / 2 / Bnv);
    const r = runTraining(cluster({ hosts: 1, gpusPerHost: 2 }), [
      { training: { name: "tp", gpus: 2, parallelism: { tp: 2 }, model: { parameters: 1e9, layers: 2, activationSize: "16MB" }, compute: { iteration: "90ms" } } },
    ]).results.get("tp")!;
    expect(r.iterations![0].iterationS).toBeCloseTo(0.09 + 2 * ar, 12);
    const tp = r.collectives!.filter((c) => c.name.startsWith("tp-"));
    expect(tp.map((c) => c.name)).toEqual(["tp-fwd0-stage0-dp0", "tp-bwd0-stage0-dp0"]);
    expect(tp[0].sizeBytes).toBe(S);
  });
});

describe("pipeline parallelism with activations", () => {
  it("2 stages on two hosts, 1 microbatch: activation forward and gradient back, each α + a/B", () => {
    // f = 30 ms, b = 60 ms; stage 0 → stage 1 over the rail: α = 2 µs, 64 MB at 5e10 B/s.
    const hop = 2e-6 + 64e6 / B;
    const r = runTraining(cluster({ hosts: 2 }), [
      { training: { name: "pp", gpus: 2, parallelism: { pp: 2 }, model: { parameters: 1e9, layers: 2, activationSize: "64MB" }, compute: { iteration: "90ms" } } },
    ]).results.get("pp")!;
    expect(r.iterations![0].iterationS).toBeCloseTo(2 * 0.09 + 2 * hop, 12);
    expect(r.iterations![0].bubbleS).toBeCloseTo(0.09, 12);
    expect(r.iterations![0].exposedCommS).toBeCloseTo(2 * hop, 12);
    const p2p = r.collectives!.filter((c) => c.kind === "send-recv");
    expect(p2p.map((c) => c.name)).toEqual(["pp-fwd0-stage0to1-dp0", "pp-bwd0-stage1to0-dp0"]);
    expect(p2p[0].durationS).toBeCloseTo(hop, 12);
  });
});

describe("expert parallelism", () => {
  it("ep = 2 over 2 replicas: each pass ends with an all-to-all of 2 · layers · size per rank", () => {
    // S = 2 (dispatch, combine) × 2 layers × 8 MB = 32 MB; each rank sends S/2 to the other over
    // the rail: α + S/(2B). The one bucket (2 GB, a 2-rank ring: 2 steps of 1e9 B) is ready when
    // backward compute ends, so its step 0 starts with the backward all-to-all and shares each
    // rail channel with it: both at B/2 until the all-to-all's S/2 is through, then step 0 alone.
    // Step 0 ends α + (1e9 + S/2)/B after the backward compute; step 1 takes α + 1e9/B.
    const S = 2 * 2 * 8e6;
    const a2a = 2e-6 + S / 2 / B;
    const backwardTail = 2e-6 + (1e9 + S / 2) / B + 2e-6 + 1e9 / B;
    const r = runTraining(cluster({ hosts: 2 }), [
      {
        training: {
          name: "moe",
          gpus: 2,
          parallelism: { ep: 2 },
          model: { parameters: 1e9, layers: 2 },
          compute: { iteration: "90ms" },
          allReduce: { bucketSize: "2GB" },
          expert: { allToAllSize: "8MB" },
        },
      },
    ]).results.get("moe")!;
    expect(r.iterations![0].iterationS).toBeCloseTo(0.09 + a2a + backwardTail, 12);
    const a2as = r.collectives!.filter((c) => c.kind === "all-to-all");
    expect(a2as).toHaveLength(2);
    expect(a2as[0].durationS).toBeCloseTo(a2a, 12);
  });
});
