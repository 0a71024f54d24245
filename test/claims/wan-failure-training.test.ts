// Claim "a WAN failure during a cross-region checkpoint costs time; TE recovers most of it": 8 streams lose the direct link at 0.31 s; static ECMP and fair-share TE against the hand-computed finish times.
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/run/simulate.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";

/** Finish time of the last stream, seconds, and every stream's finish. */
function run(file: string, seed?: number) {
  const s = simulate(prepareScenario(`scenarios/claims/${file}.yaml`), seed === undefined ? {} : { seed });
  const finish = Array.from({ length: s.network.flowCount }, (_, f) => s.network.finishOf(f));
  return { last: Math.max(...finish), finish };
}

// By hand (see the scenario): no failure 0.81 s; streams restart on the backups at 0.38 s
// with 3.125e9 B left each; backups carry 3.75e10 and 1.25e10 B/s.
const NO_FAILURE_S = 0.01 + 40e9 / 5e10;
const RESTART_S = 0.31 + 0.05 + 0.02;
const LEFT_B = 5e9 - (0.3 * 5e10) / 8;
/** When the last stream ends with k streams on backup 1 (fat) and 8 − k on backup 2 (thin). */
const splitEnd = (k: number) => RESTART_S + Math.max((k * LEFT_B) / 3.75e10, ((8 - k) * LEFT_B) / 1.25e10);

describe("claim: wan-failure-training", () => {
  const ecmp = run("wan-failure-training");
  const te = run("wan-failure-training-te");

  it("static ECMP (seed 1) hashes 2 streams onto the 300 Gb/s backup and 6 onto the 100 Gb/s one: done at 0.38 + 6 × 3.125e9 / 1.25e10 = 1.88 s", () => {
    expect(splitEnd(2)).toBeCloseTo(1.88, 12);
    expect(ecmp.last).toBeCloseTo(splitEnd(2), 9);
    expect(ecmp.finish.filter((f) => Math.abs(f - (RESTART_S + (2 * LEFT_B) / 3.75e10)) < 1e-9)).toHaveLength(2);
  });

  it("TE (fair-share, 50 ms, 10 ms delay) ends within 2% of the ideal 6/2 split (0.88 s), losing < 0.1 s instead of > 1 s", () => {
    expect(splitEnd(6)).toBeCloseTo(0.88, 12);
    expect(te.last).toBeGreaterThanOrEqual(splitEnd(6) - 1e-9);
    expect(te.last).toBeLessThan(splitEnd(6) * 1.02);
    expect(te.last - NO_FAILURE_S).toBeLessThan(0.1);
    expect(ecmp.last - NO_FAILURE_S).toBeGreaterThan(1);
  });

  it("TE never does worse than static ECMP over other seeds (other hash splits), and is deterministic", () => {
    for (let seed = 2; seed <= 6; seed++) {
      const a = run("wan-failure-training", seed).last;
      const b = run("wan-failure-training-te", seed).last;
      expect(b).toBeLessThanOrEqual(a + 1e-9);
      expect(b).toBeLessThan(splitEnd(6) * 1.05);
    }
    expect(run("wan-failure-training-te").finish).toEqual(te.finish);
  });
});
