// Golden and property tests of maxMinRates: hand-derived systems in SimGrid kernel/lmm style, then random ones.
import { describe, expect, it } from "vitest";
import { randomStream, type RandomStream } from "../../src/core/randomStream.js";
import { maxMinRates, type SharingProblem } from "../../src/net/maxMinRates.js";
import { maxMinViolations } from "../../src/net/maxMinViolations.js";

/** A problem from capacities and one list of resource ids per flow. */
function problem(capacityBps: number[], routes: number[][], weight?: number[], capBps?: number[]): SharingProblem {
  const routeStart = new Int32Array(routes.length + 1);
  routes.forEach((r, f) => (routeStart[f + 1] = routeStart[f] + r.length));
  return {
    capacityBps: Float64Array.from(capacityBps),
    flowCount: routes.length,
    routeStart,
    routeResources: Int32Array.from(routes.flat()),
    weight: weight && Float64Array.from(weight),
    capBps: capBps && Float64Array.from(capBps),
  };
}

function expectRates(actual: Float64Array, expected: number[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((x, f) => expect(actual[f], `flow ${f}`).toBeCloseTo(x, 9));
}

describe("maxMinRates golden systems", () => {
  it("splits one link equally between two flows", () => {
    // L (C=10): x0 + x1 ≤ 10. Both rise together until L saturates at x0 = x1 = 5.
    const p = problem([10], [[0], [0]]);
    const s = maxMinRates(p);
    expectRates(s.rateBps, [5, 5]);
    expect(Array.from(s.bottleneck)).toEqual([0, 0]);
  });

  it("gives every flow of a uniform parking lot the same share", () => {
    // Links L0, L1, L2 (C=1). Long flow 0 crosses all three; short flow i+1 crosses Li.
    //   Li: x0 + x(i+1) ≤ 1   for i = 0, 1, 2
    // All three links saturate together at level 1/2: every flow gets 0.5.
    const p = problem([1, 1, 1], [[0, 1, 2], [0], [1], [2]]);
    const s = maxMinRates(p);
    expectRates(s.rateBps, [0.5, 0.5, 0.5, 0.5]);
    for (let f = 1; f <= 3; f++) expect(s.bottleneck[f]).toBe(f - 1);
    expect([0, 1, 2]).toContain(s.bottleneck[0]);
  });

  it("lets short flows of a parking lot with growing capacities take what the long flow leaves", () => {
    // L0 (C=1), L1 (C=2), L2 (C=3); long flow 0 crosses all, short flow i+1 crosses Li.
    //   L0: x0 + x1 ≤ 1,  L1: x0 + x2 ≤ 2,  L2: x0 + x3 ≤ 3
    // L0 saturates first at level 1/2 ⇒ x0 = x1 = 0.5 (bottleneck L0).
    // L1 then has 2 − 0.5 = 1.5 for flow 2 alone; L2 has 3 − 0.5 = 2.5 for flow 3.
    const p = problem([1, 2, 3], [[0, 1, 2], [0], [1], [2]]);
    const s = maxMinRates(p);
    expectRates(s.rateBps, [0.5, 0.5, 1.5, 2.5]);
    expect(Array.from(s.bottleneck)).toEqual([0, 0, 1, 2]);
  });

  it("freezes a flow at the smaller of two unequal links and gives the rest to its neighbour", () => {
    // L (C=10) carries flows 0 and 1; M (C=4) carries flow 0 only.
    //   L: x0 + x1 ≤ 10,  M: x0 ≤ 4
    // Levels: L = 5, M = 4 ⇒ M first: x0 = 4 (bottleneck M); then L: x1 = 10 − 4 = 6.
    const p = problem([10, 4], [[0, 1], [0]]);
    const s = maxMinRates(p);
    expectRates(s.rateBps, [4, 6]);
    expect(Array.from(s.bottleneck)).toEqual([1, 0]);
  });

  it("shares a link 2:1 between flows of weight 2 and 1", () => {
    // L (C=9): x0 + x1 ≤ 9 with x0 = 2λ, x1 = λ ⇒ 3λ = 9, λ = 3 ⇒ x0 = 6, x1 = 3.
    const p = problem([9], [[0], [0]], [2, 1]);
    const s = maxMinRates(p);
    expectRates(s.rateBps, [6, 3]);
    expect(Array.from(s.bottleneck)).toEqual([0, 0]);
  });

  it("freezes a flow at its own cap first and gives the freed capacity to the others", () => {
    // L (C=12): x0 + x1 + x2 ≤ 12, and x0 ≤ 2 (flow 0's cap).
    // Fair share 4 > 2 ⇒ flow 0 freezes at its cap 2 (bottleneck −1);
    // L then has 12 − 2 = 10 for flows 1 and 2: 5 each.
    const p = problem([12], [[0], [0], [0]], undefined, [2, Infinity, Infinity]);
    const s = maxMinRates(p);
    expectRates(s.rateBps, [2, 5, 5]);
    expect(Array.from(s.bottleneck)).toEqual([-1, 0, 0]);
  });

  it("ignores a cap above the flow's fair share", () => {
    // L (C=12): x0 + x1 ≤ 12, x0 ≤ 10. Fair share 6 < 10 ⇒ x0 = x1 = 6, both limited by L.
    const p = problem([12], [[0], [0]], undefined, [10, Infinity]);
    const s = maxMinRates(p);
    expectRates(s.rateBps, [6, 6]);
    expect(Array.from(s.bottleneck)).toEqual([0, 0]);
  });

  it("caps the level of a weighted flow at cap ÷ weight", () => {
    // L (C=9): x0 + x1 ≤ 9, x0 = 2λ ≤ 3 (cap), x1 = λ.
    // Link level 3 > cap level 3/2 ⇒ x0 = 3 (its cap); x1 = 9 − 3 = 6.
    const p = problem([9], [[0], [0]], [2, 1], [3, Infinity]);
    const s = maxMinRates(p);
    expectRates(s.rateBps, [3, 6]);
    expect(Array.from(s.bottleneck)).toEqual([-1, 0]);
  });

  it("makes flows on disjoint links share a node capacity", () => {
    // Links L0, L1 (C=10); node resource N (C=8) on the paths of flows 0 and 1; flow 2 on L0 only.
    //   L0: x0 + x2 ≤ 10,  L1: x1 ≤ 10,  N: x0 + x1 ≤ 8
    // Levels: L0 = 5, L1 = 10, N = 4 ⇒ N first: x0 = x1 = 4 (bottleneck N);
    // L0 then has 10 − 4 = 6 for flow 2.
    const p = problem([10, 10, 8], [[0, 2], [1, 2], [0]]);
    const s = maxMinRates(p);
    expectRates(s.rateBps, [4, 4, 6]);
    expect(Array.from(s.bottleneck)).toEqual([2, 2, 0]);
  });

  it("gives zero to every flow crossing a zero-capacity resource", () => {
    // L0 (C=0): x0 ≤ 0 ⇒ x0 = 0; L1 (C=10): x0 + x1 ≤ 10 ⇒ x1 = 10.
    const p = problem([0, 10], [[0, 1], [1]]);
    const s = maxMinRates(p);
    expectRates(s.rateBps, [0, 10]);
    expect(Array.from(s.bottleneck)).toEqual([0, 1]);
  });

  it("keeps a resource constraining flows with tiny weights", () => {
    // Weights 1e-13 (so λ is huge but rates are not):
    //   L0 (C=1): x0 + x1 ≤ 1,  L1 (C=100): x0 ≤ 100,  L2 (C=0.2): x1 ≤ 0.2
    // Levels 5e12, 1e15, 2e12 ⇒ L2 first: x1 = 0.2; then L0 (weight 1e-13 left): x0 = 0.8.
    // L0 must stay in play although its remaining weight sum is below 1e-12.
    const p = problem([1, 100, 0.2], [[0, 1], [0, 2]], [1e-13, 1e-13]);
    const s = maxMinRates(p);
    expectRates(s.rateBps, [0.8, 0.2]);
    expect(Array.from(s.bottleneck)).toEqual([0, 2]);
  });
});

/** A random problem: 1–30 resources (some of zero capacity), 1–60 flows of 1–5 distinct resources, weights and caps. */
function randomProblem(rng: RandomStream): SharingProblem {
  const R = 1 + Math.floor(rng() * 30);
  const F = 1 + Math.floor(rng() * 60);
  const capacity = Array.from({ length: R }, () => (rng() < 0.05 ? 0 : 1e6 * (0.1 + rng() * 10)));
  const routes: number[][] = [];
  for (let f = 0; f < F; f++) {
    const len = 1 + Math.floor(rng() * Math.min(5, R));
    const route = new Set<number>();
    while (route.size < len) route.add(Math.floor(rng() * R));
    routes.push([...route]);
  }
  const weight = Array.from({ length: F }, () => (rng() < 0.5 ? 1 : 0.25 + rng() * 3.75));
  const cap = Array.from({ length: F }, () => (rng() < 0.3 ? 1e6 * rng() * 3 : Infinity));
  return problem(capacity, routes, weight, cap);
}

describe("maxMinRates on random problems", () => {
  it("meets the max-min optimality conditions, bottleneck ids included", () => {
    const rng = randomStream(1, "maxMinRates.property");
    for (let trial = 0; trial < 500; trial++) {
      const p = randomProblem(rng);
      const s = maxMinRates(p);
      expect(maxMinViolations(p, s.rateBps, s.bottleneck, { relative: 1e-9, absoluteBps: 1e-6 }), `trial ${trial}`).toEqual([]);
    }
  });

  it("does not depend on the order in which flows are listed", () => {
    const rng = randomStream(2, "maxMinRates.order");
    for (let trial = 0; trial < 200; trial++) {
      const p = randomProblem(rng);
      const order = Array.from({ length: p.flowCount }, (_, f) => f).reverse();
      const routes = order.map((f) => Array.from(p.routeResources.subarray(p.routeStart[f], p.routeStart[f + 1])));
      const q = problem(
        Array.from(p.capacityBps),
        routes,
        order.map((f) => p.weight![f]),
        order.map((f) => p.capBps![f]),
      );
      const a = maxMinRates(p).rateBps;
      const b = maxMinRates(q).rateBps;
      order.forEach((f, i) => expect(b[i]).toBeCloseTo(a[f], 6));
    }
  });
});
