// scenarios/ai/training-1024.yaml runs and reproduces its hand-derived iteration time, bucket all-reduce and checkpoint.
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/run/simulate.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";

describe("scenarios/ai/training-1024.yaml", () => {
  const s = simulate(prepareScenario("scenarios/ai/training-1024.yaml"));
  const r = s.workloads[0].results!();
  const alpha = 1e-6;
  // Hierarchical all-reduce of S = 2 GB over 128 hosts × 8 GPUs: NVLink reduce-scatter and all-gather,
  // 2·7·S/(8·4.5e11), plus one ring per rail, 2·127·(2α + S/(1024·5e10)).
  const S = 2e9;
  const allReduce = (2 * 7 * S) / (8 * 4.5e11) + 2 * 127 * (2 * alpha + S / (1024 * 5e10));
  // 1,024 reads of 1 MB through 1.25e10 B/s of read capacity, 3 links from storage0 to a GPU.
  const read = 3 * alpha + 1.024e9 / 1.25e10;

  it("runs every flow to completion", () => {
    expect(s.run.reason).toBe("idle");
    expect(s.network.flowCount).toBe(3 * (1024 + 7 * 3 * 1024) + 1024);
  });

  it("each bucket's all-reduce takes the hierarchical closed form", () => {
    const buckets = r.collectives!.filter((c) => c.name.startsWith("grad-bucket"));
    expect(buckets).toHaveLength(3 * 7);
    for (const b of buckets) {
      expect(Math.abs(b.durationS - allReduce) / allReduce).toBeLessThan(1e-9);
      expect(b.algorithm).toBe("hierarchical");
      expect(b.participants).toBe(1024);
      expect(b.busBwBps).toBeCloseTo(((S / allReduce) * 2 * 1023) / 1024, 0);
    }
  });

  it("an iteration is read + passes + the last bucket's all-reduce (the others hide behind backward)", () => {
    const [it0, it1, it2] = r.iterations!;
    const expected = read + 0.6 + allReduce; // 700.131 ms
    expect(Math.abs(it0.iterationS - expected) / expected).toBeLessThan(1e-9);
    expect(it0.exposedCommS).toBeCloseTo(read + allReduce, 9);
    expect(it0.networkWaitShare).toBeCloseTo((read + allReduce) / expected, 9);
    // Iteration 1 also writes the checkpoint: 112 GB through 1.25e10 B/s of write capacity.
    expect(it1.iterationS - expected).toBeCloseTo(3 * alpha + 112e9 / 1.25e10, 9);
    expect(it2.iterationS).toBeCloseTo(expected, 9);
  });
});
