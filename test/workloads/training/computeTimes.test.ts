// computeTimes: passes from a time or from FLOPs, split 1/3 forward, 2/3 backward, per microbatch; the ideal bubble.
import { describe, expect, it } from "vitest";
import { computeTimes } from "../../../src/workloads/training/computeTimes.js";

describe("computeTimes", () => {
  it("FLOPs / (GPUs · peak · efficiency)", () => {
    // 1.2e18 FLOP on 1,024 GPUs at 989e12 × 0.4 = 3.956e14 FLOP/s each: 1.2e18 / 4.050944e17 = 2.9623 s.
    const t = computeTimes({ flopsPerIteration: 1.2e18, gpuPeakFlops: 989e12, efficiency: 0.4, optimizerS: 0.01 }, 1024, 1, 1);
    expect(t.passesS).toBeCloseTo(1.2e18 / (1024 * 989e12 * 0.4), 12);
    expect(t.forwardS).toBeCloseTo(t.passesS / 3, 12);
    expect(t.backwardS).toBeCloseTo((2 * t.passesS) / 3, 12);
    expect(t.optimizerS).toBe(0.01);
    expect(t.bubbleS).toBe(0);
  });

  it("per microbatch and the bubble (p−1)(f+b)", () => {
    // 240 ms over 8 microbatches: f = 10 ms, b = 20 ms; 4 stages: bubble 3 × 30 ms.
    const t = computeTimes({ iterationS: 0.24, optimizerS: 0 }, 32, 4, 8);
    expect(t.forwardS).toBeCloseTo(0.01, 12);
    expect(t.backwardS).toBeCloseTo(0.02, 12);
    expect(t.bubbleS).toBeCloseTo(0.09, 12);
  });
});
