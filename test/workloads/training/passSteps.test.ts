// passSteps: a pass as compute, per-layer tensor-parallel collectives and MoE all-to-alls, checked step by step against the papers' placement.
import { describe, expect, it } from "vitest";
import { passSteps, type PassShape, type PassStep } from "../../../src/workloads/training/passSteps.js";

const shape = (over: Partial<PassShape>): PassShape => ({
  forward: true,
  firstLayer: 0,
  layers: 2,
  passS: 0.08,
  tp: 1,
  sequenceParallel: false,
  activationBytes: 1e6,
  tpGranularity: "layer",
  isMoe: () => false,
  expertParallel: false,
  ...over,
});
/** A step written short: "c<halves>" for compute, "<collective initial>:<layer><block initial>" for tp, "d:<layer>"/"x:<layer>" for dispatch/combine. */
const short = (steps: PassStep[], halves: number, passS: number) =>
  steps.map((s) => {
    if (s.kind === "compute") {
      expect(s.seconds).toBeCloseTo((passS * (s.toShare - s.fromShare) * halves) / halves, 15);
      return `c${Math.round((s.toShare - s.fromShare) * halves)}`;
    }
    if (s.kind === "ep") return `${s.which === "dispatch" ? "d" : "x"}:${s.layer}`;
    return `${{ "all-reduce": "ar", "all-gather": "ag", "reduce-scatter": "rs" }[s.collective]}:${s.layer}${s.block[0]}`;
  });

describe("passSteps(shape)", () => {
  it("tp = 1 and no MoE: one compute step of exactly the pass's time (dp and pp jobs keep their timings)", () => {
    const passS = 0.1 / 3; // not a multiple of anything: n · passS / n would round
    expect(passSteps(shape({ passS, layers: 7 }))).toEqual([{ kind: "compute", seconds: passS, fromShare: 0, toShare: 1 }]);
  });

  it("tp > 1: attention and MLP blocks of equal compute, each followed by an all-reduce of the activation — 2 per layer in each pass (Megatron-LM)", () => {
    const fwd = passSteps(shape({ tp: 4, firstLayer: 4, layers: 2 }));
    expect(short(fwd, 4, 0.08)).toEqual(["c1", "ar:4a", "c1", "ar:4m", "c1", "ar:5a", "c1", "ar:5m"]);
    // Backward walks the layers in reverse, MLP before attention.
    const bwd = passSteps(shape({ tp: 4, firstLayer: 4, layers: 2, forward: false }));
    expect(short(bwd, 4, 0.08)).toEqual(["c1", "ar:5m", "c1", "ar:5a", "c1", "ar:4m", "c1", "ar:4a"]);
    for (const s of [...fwd, ...bwd]) if (s.kind === "tp") expect(s.sizeBytes).toBe(1e6);
  });

  it("sequence parallelism: an all-gather before and a reduce-scatter after each block — 4 per layer and pass, forward and backward (Korthikanti et al.)", () => {
    for (const forward of [true, false]) {
      const steps = passSteps(shape({ tp: 2, layers: 1, sequenceParallel: true, forward }));
      expect(short(steps, 2, 0.08)).toEqual(forward ? ["ag:0a", "c1", "rs:0a", "ag:0m", "c1", "rs:0m"] : ["ag:0m", "c1", "rs:0m", "ag:0a", "c1", "rs:0a"]);
    }
  });

  it("every other layer MoE with ep > 1: dispatch and combine around the experts' compute (backward: combine's gradient first); dense compute merges", () => {
    const isMoe = (l: number) => l % 2 === 1;
    const fwd = passSteps(shape({ layers: 4, isMoe, expertParallel: true }));
    expect(short(fwd, 8, 0.08)).toEqual(["c3", "d:1", "c1", "x:1", "c3", "d:3", "c1", "x:3"]);
    const bwd = passSteps(shape({ layers: 4, isMoe, expertParallel: true, forward: false }));
    expect(short(bwd, 8, 0.08)).toEqual(["x:3", "c1", "d:3", "c3", "x:1", "c1", "d:1", "c3"]);
    // Without expert parallelism (ep = 1) an MoE layer's experts are local: no all-to-all.
    expect(short(passSteps(shape({ layers: 4, isMoe })), 8, 0.08)).toEqual(["c8"]);
  });

  it("MoE with tp: the all-to-alls sit inside the MLP block's tensor-parallel collectives", () => {
    const steps = passSteps(shape({ tp: 2, layers: 1, isMoe: () => true, expertParallel: true }));
    expect(short(steps, 2, 0.08)).toEqual(["c1", "ar:0a", "d:0", "c1", "x:0", "ar:0m"]);
  });

  it("tpGranularity: pass — one all-reduce of 2 · layers · activation after the whole compute", () => {
    const steps = passSteps(shape({ tp: 8, layers: 20, activationBytes: 1.5e6, tpGranularity: "pass" }));
    expect(steps).toEqual([
      { kind: "compute", seconds: 0.08, fromShare: 0, toShare: 1 },
      { kind: "tp", collective: "all-reduce", sizeBytes: 6e7, layer: -1, block: "pass" },
    ]);
    const sp = passSteps(shape({ tp: 8, layers: 20, activationBytes: 1.5e6, tpGranularity: "pass", sequenceParallel: true }));
    expect(sp.slice(1).map((s) => s.kind === "tp" && [s.collective, s.sizeBytes])).toEqual([
      ["reduce-scatter", 6e7],
      ["all-gather", 6e7],
    ]);
  });
});
