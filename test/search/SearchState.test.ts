// SearchState on synthetic grids (no simulation): it finds the exhaustive grid's optimum with a fraction of the simulations, deterministically.
import { describe, expect, it } from "vitest";
import { stringHash32 } from "../../src/core/stringHash32.js";
import type { SearchSpec } from "../../src/search/SearchSpec.js";
import { SearchState } from "../../src/search/SearchState.js";
import { expandStudy } from "../../src/sweep/expandStudy.js";
import type { StudyPoint } from "../../src/sweep/Study.js";

/** A deterministic noise in [-1, 1] for a point and repetition. */
const noise = (point: number, rep: number) => ((stringHash32(`${point}/${rep}`) >>> 0) / 2 ** 32) * 2 - 1;

/** A design space of link speed × oversubscription: utilisation rises with bandwidth per GPU, cost with ports. */
function fabric(): { points: StudyPoint[]; metrics: (p: StudyPoint, rep: number) => Map<string, number> } {
  const { points } = expandStudy({ vars: { gbps: [25, 50, 100, 200, 400, 800], oversub: [8, 4, 2, 1] }, zip: [], repeat: 1 }, 1);
  const metrics = (p: StudyPoint, rep: number) => {
    const gbps = p.values.gbps as number;
    const oversub = p.values.oversub as number;
    const perGpu = gbps / Math.max(1, oversub / 2);
    const util = perGpu / (perGpu + 20) + 0.01 * noise(p.index, rep);
    const cost = gbps * 10 + (gbps * 40) / oversub + 5 * noise(p.index + 1000, rep);
    return new Map([
      ["gpu_utilization", util],
      ["cost_usd", cost],
    ]);
  };
  return { points, metrics };
}

const SPEC: SearchSpec = { targets: [{ metric: "gpu_utilization", op: ">=", bound: 0.9, text: "gpu_utilization>=0.9" }], minimize: "cost_usd", monotone: { gbps: "up", oversub: "down" } };

/** The full grid's answer: every point at every repetition, feasible by means, cheapest mean cost (then lowest index). */
function exhaustive(points: StudyPoint[], metrics: (p: StudyPoint, rep: number) => Map<string, number>, repeat: number): number | undefined {
  let best: number | undefined;
  let bestCost = Infinity;
  for (const p of points) {
    const runs = Array.from({ length: repeat }, (_, r) => metrics(p, r));
    const mean = (m: string) => runs.reduce((s, x) => s + x.get(m)!, 0) / repeat;
    if (mean("gpu_utilization") >= 0.9 && mean("cost_usd") < bestCost) [best, bestCost] = [p.index, mean("cost_usd")];
  }
  return best;
}

/** Run a search to the end, answering every task from `metrics`; returns the result and the tasks in the order asked. */
function search(points: StudyPoint[], metrics: (p: StudyPoint, rep: number) => Map<string, number>, repeat: number, spec: SearchSpec, budget?: number) {
  const state = new SearchState(points, [], repeat, spec, budget);
  const asked: string[] = [];
  for (let round = state.next(); round.length > 0; round = state.next()) {
    for (const t of round) {
      asked.push(`p${t.point}-r${t.repetition}`);
      state.record(t, metrics(points[t.point], t.repetition));
    }
  }
  return { result: state.result(), asked };
}

describe("SearchState", () => {
  it("finds the full grid's optimum with at most a third of its simulations when the variables are monotone", () => {
    const { points, metrics } = fabric();
    for (const repeat of [3, 5]) {
      const { result } = search(points, metrics, repeat, SPEC);
      const want = exhaustive(points, metrics, repeat);
      expect(want).toBeDefined();
      expect(result.chosen?.point.index).toBe(want);
      expect(result.grid).toBe(24 * repeat);
      expect(result.simulations).toBeLessThanOrEqual(result.grid / 3);
    }
  });

  it("without monotone variables it races every design and still finds the optimum, with fewer simulations than the grid", () => {
    const { points, metrics } = fabric();
    const { result } = search(points, metrics, 5, { ...SPEC, monotone: {} });
    expect(result.chosen?.point.index).toBe(exhaustive(points, metrics, 5));
    expect(result.designs.every((d) => d.replications >= 2)).toBe(true);
    expect(result.simulations).toBeLessThan(result.grid);
  });

  it("asks for the same simulations in the same order every time (no hidden state, no randomness)", () => {
    const { points, metrics } = fabric();
    expect(search(points, metrics, 3, SPEC).asked).toEqual(search(points, metrics, 3, SPEC).asked);
  });

  it("rules out designs by monotonicity: a failure rules out every poorer design, a success every richer one", () => {
    const { points, metrics } = fabric();
    const { result } = search(points, metrics, 3, SPEC);
    const simulated = result.designs.filter((d) => d.replications > 0);
    expect(simulated.length).toBeLessThan(points.length / 2);
    // Every design never simulated was decided by a simulated neighbour, the right way round.
    for (const d of result.designs.filter((x) => x.replications === 0)) {
      if (d.feasible === "no") expect(d.stopped).toMatch(/^fewer resources than p\d+, which misses the targets$/);
      else expect(d.stopped).toMatch(/^more resources than p\d+, which /);
    }
  });

  it("decides a target on its 95 % interval before the last replication, and on the mean at the last", () => {
    const { points } = expandStudy({ vars: { x: [1] }, zip: [], repeat: 1 }, 1);
    const spec: SearchSpec = { targets: [{ metric: "m", op: "<=", bound: 1, text: "m<=1" }], minimize: "c", monotone: {} };
    // Values 0.5 and 0.5: interval [0.5, 0.5] ≤ 1 after two replications — met without a third.
    const met = new SearchState(points, [], 3, spec);
    for (const t of met.next()) met.record(t, new Map([["m", 0.5], ["c", 1]]));
    expect(met.next()).toEqual([]);
    expect(met.result().chosen?.replications).toBe(2);
    // Values 0.9 and 1.2 straddle 1: a third replication (1.0) gives the mean 1.0333 > 1, missed.
    const values = [0.9, 1.2, 1.0];
    const close = new SearchState(points, [], 3, spec);
    for (let round = close.next(); round.length > 0; round = close.next()) {
      for (const t of round) close.record(t, new Map([["m", values[t.repetition]], ["c", 1]]));
    }
    const r = close.result();
    expect(r.chosen).toBeUndefined();
    expect(r.designs[0].replications).toBe(3);
    expect(r.designs[0].stopped).toBe("misses m<=1");
  });

  it("a failed run makes its design fail", () => {
    const { points } = expandStudy({ vars: { x: [1, 2] }, zip: [], repeat: 1 }, 1);
    const state = new SearchState(points, [], 2, { ...SPEC, monotone: {} });
    for (const t of state.next()) state.record(t, t.point === 0 ? undefined : new Map([["gpu_utilization", 0.95], ["cost_usd", 1]]));
    expect(state.next()).toEqual([]);
    const r = state.result();
    expect(r.designs[0].stopped).toBe("a run failed");
    expect(r.chosen?.point.index).toBe(1);
  });

  it("stops at the budget and says so", () => {
    const { points, metrics } = fabric();
    const { result } = search(points, metrics, 3, SPEC, 5);
    expect(result.simulations).toBe(5);
    expect(result.budgetReached).toBe(true);
  });
});
