// scenarios/ai/moe-expert-parallel.yaml runs and reproduces its hand-derived collective counts, gradient bytes and expert all-reduce.
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/run/simulate.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";

describe("scenarios/ai/moe-expert-parallel.yaml", () => {
  it("per iteration: 256 tensor-parallel all-reduces of the activation, 64 expert all-to-alls, dense and expert gradients on their own groups", () => {
    const r = simulate(prepareScenario("scenarios/ai/moe-expert-parallel.yaml")).workloads[0].results!();
    const of0 = r.collectives!.filter((c) => c.iteration === 0);
    const tp = of0.filter((c) => c.name.startsWith("tp-"));
    expect(tp).toHaveLength(8 * 2 * 2 * 4 * 2);
    for (const c of tp) expect([c.kind, c.participants, c.sizeBytes]).toEqual(["all-reduce", 2, 32 * 2 ** 20]);
    const a2a = of0.filter((c) => c.kind === "all-to-all");
    expect(a2a).toHaveLength(2 * 2 * 2 * 2 * 4);
    for (const c of a2a) expect([c.participants, c.sizeBytes]).toEqual([4, 64 * 2 ** 20]);
    // Dense: (4e9 − 3e9) × 2 / tp = 1e9 B per GPU over 8 replicas; expert: 3e9 × 2 / (tp · ep) = 7.5e8 B over 2.
    const bytes = (prefix: string, suffix: string, n: number) => {
      const part = of0.filter((c) => c.name.startsWith(prefix) && c.name.endsWith(suffix));
      for (const c of part) expect(c.participants).toBe(n);
      return part.reduce((s, c) => s + c.sizeBytes, 0);
    };
    for (const t of [0, 1]) {
      expect(bytes("grad-bucket", `-stage0-tp${t}`, 8)).toBe(1e9);
      for (const j of [0, 1, 2, 3]) expect(bytes("grad-expert-bucket", `-stage0-tp${t}-ep${j}`, 2)).toBe(7.5e8);
    }
    // Sent per GPU for gradients, 2(n−1)/n × S: 1.75e9 + 7.5e8 = 2.5e9 B (7e9 B if all 4e9 parameters were dense).
    expect(((2 * 7) / 8) * 1e9 + ((2 * 1) / 2) * 7.5e8).toBe(2.5e9);
    // The first expert bucket (250 MB) alone on its rail: a ring of 2, 2 steps of 2α + S/(2B), α = 1 µs, B = 5e10 B/s.
    const first = of0.find((c) => c.name === "grad-expert-bucket0-stage0-tp0-ep0")!;
    expect(first.algorithm).toBe("ring");
    expect(first.durationS).toBeCloseTo(2 * (2e-6 + 2.5e8 / 2 / 5e10), 12);
    expect(r.iterations).toHaveLength(2);
  });
});
