// Tensor, pipeline and expert parallelism: each pass's communication sits on the critical path as derived by hand.
import { describe, expect, it } from "vitest";
import { cluster, runTraining } from "./runTraining.js";

const B = 5e10; // NIC
const Bnv = 4.5e11; // NVLink per GPU, 0 s latency

describe("tensor parallelism", () => {
  // 2 GPUs in one host, NVLink 1 µs per GPU–NVSwitch link: α = 2 µs, B = 4.5e11 B/s; f = 30 ms, b = 60 ms.
  const alpha = 2e-6;
  const A = 16e6;
  const tpJob = (parallelism: Record<string, unknown>) =>
    runTraining(cluster({ hosts: 1, gpusPerHost: 2, nvlinkLatency: "1us" }), [
      { training: { name: "tp", gpus: 2, parallelism: { tp: 2, ...parallelism }, model: { parameters: 1e9, layers: 2, activationSize: "16MB" }, compute: { iteration: "90ms" } } },
    ]).results.get("tp")!;

  it("tp = 2 in one host: 2 ring all-reduces of the activation per layer and pass, each after its block's compute (Megatron-LM)", () => {
    // 2 layers × 2 blocks × 2 passes = 8 all-reduces of A, each 2 steps of α + A/(2B), all on the
    // critical path: 0.09 + 8 · 2(α + A/(2B)). (One merged all-reduce per pass would pay 2 · 2α.)
    const ar = 2 * (alpha + A / 2 / Bnv);
    const r = tpJob({});
    expect(r.iterations![0].iterationS).toBeCloseTo(0.09 + 8 * ar, 12);
    const tp = r.collectives!.filter((c) => c.name.startsWith("tp-"));
    expect(tp.map((c) => c.name)).toEqual([
      "tp-fwd0-layer0-attn-stage0-dp0",
      "tp-fwd0-layer0-mlp-stage0-dp0",
      "tp-fwd0-layer1-attn-stage0-dp0",
      "tp-fwd0-layer1-mlp-stage0-dp0",
      "tp-bwd0-layer1-mlp-stage0-dp0",
      "tp-bwd0-layer1-attn-stage0-dp0",
      "tp-bwd0-layer0-mlp-stage0-dp0",
      "tp-bwd0-layer0-attn-stage0-dp0",
    ]);
    for (const c of tp) {
      expect([c.kind, c.participants, c.sizeBytes]).toEqual(["all-reduce", 2, A]);
      expect(c.durationS).toBeCloseTo(ar, 12);
    }
    // Layer l+1's compute waits for layer l's all-reduce: the first starts after a quarter of the forward.
    expect(tp[0].startS).toBeCloseTo(0.03 / 4, 12);
    expect(tp[1].startS).toBeCloseTo(0.03 / 2 + ar, 12);
  });

  it("with sequence parallelism each all-reduce is an all-gather before and a reduce-scatter after the block (Korthikanti et al.)", () => {
    // 16 collectives of A, each 1 step of α + A/(2B): 0.09 + 16(α + A/(2B)) — the same bytes as 8 all-reduces, twice the latencies.
    const one = alpha + A / 2 / Bnv;
    const r = tpJob({ sequenceParallel: true });
    expect(r.iterations![0].iterationS).toBeCloseTo(0.09 + 16 * one, 12);
    const tp = r.collectives!.filter((c) => c.name.startsWith("tp-"));
    expect(tp.map((c) => c.kind)).toEqual(Array.from({ length: 8 }, () => ["all-gather", "reduce-scatter"]).flat());
    expect(tp.slice(0, 2).map((c) => c.name)).toEqual(["tp-fwd0-layer0-attn-ag-stage0-dp0", "tp-fwd0-layer0-attn-rs-stage0-dp0"]);
    for (const c of tp) expect(c.sizeBytes).toBe(A);
  });

  it("tpGranularity: pass merges a pass's all-reduces into one of 2 · layers · activation after its compute", () => {
    const S = 2 * 2 * A;
    const r = tpJob({ tpGranularity: "pass" });
    expect(r.iterations![0].iterationS).toBeCloseTo(0.09 + 2 * 2 * (alpha + S / 2 / Bnv), 12);
    const tp = r.collectives!.filter((c) => c.name.startsWith("tp-"));
    expect(tp.map((c) => [c.name, c.sizeBytes])).toEqual([
      ["tp-fwd0-stage0-dp0", S],
      ["tp-bwd0-stage0-dp0", S],
    ]);
  });

  it("per iteration: layers × microbatches × 2 passes × 2 all-reduces, every one the activation, in its stage's tp group", () => {
    // tp 2 × pp 2 on one host of 4 GPUs, 4 layers (2 per stage), 3 microbatches: 4 · 3 · 2 · 2 = 48.
    const r = runTraining(cluster({ hosts: 1, gpusPerHost: 4 }), [
      {
        training: {
          name: "tp",
          gpus: 4,
          parallelism: { tp: 2, pp: 2 },
          model: { parameters: 1e9, layers: 4, activationSize: "8MB" },
          compute: { iteration: "90ms" },
          pipeline: { microbatches: 3 },
        },
      },
    ]).results.get("tp")!;
    const tp = r.collectives!.filter((c) => c.name.startsWith("tp-"));
    expect(tp).toHaveLength(48);
    for (const c of tp) expect([c.kind, c.participants, c.sizeBytes]).toEqual(["all-reduce", 2, 8e6]);
    // Stage 0 holds layers 0–1, stage 1 layers 2–3: 24 each.
    expect(tp.filter((c) => c.name.endsWith("-stage0-dp0") && /-layer[01]-/.test(c.name))).toHaveLength(24);
    expect(tp.filter((c) => c.name.endsWith("-stage1-dp0") && /-layer[23]-/.test(c.name))).toHaveLength(24);
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
  it("ep = 2 over 2 replicas: a dispatch and a combine all-to-all per MoE layer and pass; only the dense gradient is all-reduced", () => {
    // 2 layers, both MoE; per pass each layer's MLP block is dispatch → experts' compute → combine:
    // 2 passes × 2 layers × 2 = 8 all-to-alls of S = 8 MB per rank, each rank sending S/2 to the
    // other over the rail: α + S/(2B). dp/ep = 1: no replica shares an expert, so the 4e8 expert
    // parameters are not all-reduced; the dense (1e9 − 4e8) × 2 B = 1.2e9 B is one bucket, made
    // when the last backward compute ends (the pass ends with the attention block of layer 0), then
    // a 2-rank ring: 2 steps of α + 6e8/B. Nothing overlaps: 0.09 + 8(α + S/(2B)) + 2(α + 6e8/B).
    const S = 8e6;
    const a2a = 2e-6 + S / 2 / B;
    const r = runTraining(cluster({ hosts: 2 }), [
      {
        training: {
          name: "moe",
          gpus: 2,
          parallelism: { ep: 2 },
          model: { parameters: 1e9, layers: 2 },
          compute: { iteration: "90ms" },
          allReduce: { bucketSize: "2GB" },
          expert: { allToAllSize: "8MB", parameters: 4e8 },
        },
      },
    ]).results.get("moe")!;
    expect(r.iterations![0].iterationS).toBeCloseTo(0.09 + 8 * a2a + 2 * (2e-6 + 6e8 / B), 12);
    const a2as = r.collectives!.filter((c) => c.kind === "all-to-all");
    expect(a2as.map((c) => c.name)).toEqual([
      "ep-fwd0-layer0-dispatch-stage0-tp0-group0",
      "ep-fwd0-layer0-combine-stage0-tp0-group0",
      "ep-fwd0-layer1-dispatch-stage0-tp0-group0",
      "ep-fwd0-layer1-combine-stage0-tp0-group0",
      "ep-bwd0-layer1-combine-stage0-tp0-group0",
      "ep-bwd0-layer1-dispatch-stage0-tp0-group0",
      "ep-bwd0-layer0-combine-stage0-tp0-group0",
      "ep-bwd0-layer0-dispatch-stage0-tp0-group0",
    ]);
    for (const c of a2as) {
      expect([c.participants, c.sizeBytes]).toEqual([2, S]);
      expect(c.durationS).toBeCloseTo(a2a, 12);
    }
    const grads = r.collectives!.filter((c) => c.name.startsWith("grad-"));
    expect(grads.map((c) => [c.name, c.participants, c.sizeBytes])).toEqual([["grad-bucket0", 2, 1.2e9]]);
  });
});
