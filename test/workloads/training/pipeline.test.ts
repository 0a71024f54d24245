// Pipeline schedules: GPipe's bubble share is (p−1)/(m+p−1) and 1F1B takes the same iteration time.
import { describe, expect, it } from "vitest";
import { pipelineSchedule } from "../../../src/workloads/training/pipelineSchedule.js";
import { cluster, runTraining } from "./runTraining.js";

/** One pipeline of p stages (one GPU each), m microbatches, no communication at all (no activations, dp = 1). */
function pipelineIteration(schedule: "gpipe" | "1f1b", p: number, m: number) {
  const { results } = runTraining(cluster({ hosts: p }), [
    {
      training: {
        name: "pipe",
        gpus: p,
        parallelism: { pp: p },
        model: { parameters: 1e9, layers: p },
        compute: { iteration: "120ms" },
        pipeline: { microbatches: m, schedule },
      },
    },
  ]);
  return results.get("pipe")!.iterations![0];
}

describe("pipeline schedules without communication", () => {
  // Per GPU 120 ms of passes: forward 40 ms, backward 80 ms, per microbatch f = 40/m, b = 80/m.
  for (const [p, m] of [
    [4, 8],
    [4, 4],
    [2, 6],
  ]) {
    const f = 0.04 / m;
    const b = 0.08 / m;
    const iteration = (m + p - 1) * (f + b);

    it(`GPipe, p = ${p}, m = ${m}: (m+p−1)(f+b) and bubble share (p−1)/(m+p−1)`, () => {
      const r = pipelineIteration("gpipe", p, m);
      expect(r.iterationS).toBeCloseTo(iteration, 12);
      expect(r.computeS).toBeCloseTo(0.12, 12);
      expect(r.bubbleS / r.iterationS).toBeCloseTo((p - 1) / (m + p - 1), 12);
      expect((r.iterationS - r.computeS) / r.iterationS).toBeCloseTo((p - 1) / (m + p - 1), 12);
      expect(r.exposedCommS).toBeCloseTo(0, 12);
      expect(r.commS).toBe(0);
    });

    it(`1F1B, p = ${p}, m = ${m}: the same iteration time as GPipe`, () => {
      expect(pipelineIteration("1f1b", p, m).iterationS).toBeCloseTo(iteration, 12);
    });
  }
});

describe("pipelineSchedule", () => {
  it("1F1B on stage 0 of 4 with 6 microbatches: 3 warm-up forwards, then alternating, then 3 backwards", () => {
    const ops = pipelineSchedule("1f1b", 0, 4, 6).map((o) => `${o.forward ? "F" : "B"}${o.microbatch}`);
    expect(ops.join(" ")).toBe("F0 F1 F2 F3 B0 F4 B1 F5 B2 B3 B4 B5");
  });
  it("1F1B on the last stage alternates from the start", () => {
    const ops = pipelineSchedule("1f1b", 3, 4, 3).map((o) => `${o.forward ? "F" : "B"}${o.microbatch}`);
    expect(ops.join(" ")).toBe("F0 B0 F1 B1 F2 B2");
  });
});
