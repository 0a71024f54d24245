// Claim "adaptive routing beats static ECMP under a traffic spike": permutation traffic with a 3× surge on a leaf–spine, six seeds, static versus fair-share TE.
import { quantile } from "d3-array";
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/run/simulate.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";

const SEEDS = [1, 2, 3, 4, 5, 6];

/** Flow count, mean and p99 flow completion time (seconds) of each seed. */
function fcts(file: string): Array<{ flows: number; mean: number; p99: number }> {
  const prepared = prepareScenario(`scenarios/claims/${file}.yaml`);
  return SEEDS.map((seed) => {
    const s = simulate(prepared, { seed });
    const fct = Array.from({ length: s.network.flowCount }, (_, f) => s.network.finishOf(f) - s.network.startOf(f)).sort((a, b) => a - b);
    expect(fct.every(Number.isFinite)).toBe(true);
    return { flows: fct.length, mean: fct.reduce((a, b) => a + b, 0) / fct.length, p99: quantile(fct, 0.99)! };
  });
}

describe("claim: spike-static-vs-adaptive", () => {
  const ecmp = fcts("spike-static-vs-adaptive");
  const te = fcts("spike-static-vs-adaptive-te");
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it("each seed has the flow count the claim's note states (180, 153, 173, 184, 181, 165), the same with and without TE", () => {
    expect(ecmp.map((x) => x.flows)).toEqual([180, 153, 173, 184, 181, 165]);
    expect(te.map((x) => x.flows)).toEqual(ecmp.map((x) => x.flows));
  });

  it("TE lowers the mean FCT in every seed, by 10–30% on average", () => {
    SEEDS.forEach((_, i) => expect(te[i].mean).toBeLessThan(ecmp[i].mean));
    const cut = 1 - avg(te.map((x) => x.mean)) / avg(ecmp.map((x) => x.mean));
    expect(cut).toBeGreaterThan(0.1);
    expect(cut).toBeLessThan(0.3);
  });

  it("TE never worsens p99 and lowers it on average (the tail is often bound at a receiving NIC, which no routing can fix)", () => {
    SEEDS.forEach((_, i) => expect(te[i].p99).toBeLessThanOrEqual(ecmp[i].p99 * (1 + 1e-9)));
    const cut = 1 - avg(te.map((x) => x.p99)) / avg(ecmp.map((x) => x.p99));
    expect(cut).toBeGreaterThan(0.05);
    expect(cut).toBeLessThan(0.3);
  });
});
