// Tests of solveCapOnly: a lone cap change solved without a fill gives, bit for bit, what the ordinary solve gives, now and in every later solve.
import { describe, expect, it } from "vitest";
import { randomStream, type RandomStream } from "../../../src/core/randomStream.js";
import { IncrementalSharing } from "../../../src/net/IncrementalSharing.js";

const pick = (rng: RandomStream, n: number) => Math.floor(rng() * n);

/**
 * Two engines, one with the path and one without, fed the same random changes: mostly lone cap
 * changes of flows at their caps (up and down, near the room their links leave, at 0 and lifted),
 * with arrivals, departures, capacity changes, weight changes and two cap changes in one step among
 * them. After every solve both must report the same flows in the same order with the same rates
 * (Object.is: bit for bit), and every flow's rate and reported bottleneck must be the same.
 * Returns how many solves took the path.
 */
function run(seed: number): number {
  const rng = randomStream(seed, "solveCapOnly");
  const R = 3 + pick(rng, 20);
  const capacity = Float64Array.from({ length: R }, () => (rng() < 0.5 ? [1e9, 1.25e9, 5e8][pick(rng, 3)] : 1e8 + rng() * 4e9));
  const fast = new IncrementalSharing(capacity);
  const slow = new IncrementalSharing(capacity, 0.5, false);
  const both = (op: (e: IncrementalSharing) => void) => {
    op(fast);
    op(slow);
  };
  const flows: number[] = [];
  let next = 0;
  const add = () => {
    const len = pick(rng, Math.min(5, R) + 1);
    const route = new Set<number>();
    while (route.size < len) route.add(pick(rng, R));
    const r = Int32Array.from(route);
    const w = rng() < 0.3 ? [0.5, 2, 3][pick(rng, 3)] : 1;
    const c = rng() < 0.6 ? 1e6 + rng() * 3e8 : Infinity;
    const f = next++;
    if (len === 0 && c === Infinity) return;
    both((e) => e.addFlow(f, r, w, c));
    flows.push(f);
  };
  const compare = (label: string) => {
    const a = fast.solve();
    const b = slow.solve();
    expect(a, `seed ${seed} ${label}: changed count`).toBe(b);
    for (let i = 0; i < a; i++) {
      if (fast.changedFlows()[i] !== slow.changedFlows()[i] || !Object.is(fast.changedRateBps(i), slow.changedRateBps(i)) || fast.changedBottleneck(i) !== slow.changedBottleneck(i)) {
        expect.fail(`seed ${seed} ${label}: change ${i} differs: ${fast.changedFlows()[i]} ${fast.changedRateBps(i)} ${fast.changedBottleneck(i)} vs ${slow.changedFlows()[i]} ${slow.changedRateBps(i)} ${slow.changedBottleneck(i)}`);
      }
    }
    for (const f of flows) {
      if (!Object.is(fast.rateBps(f), slow.rateBps(f)) || fast.bottleneck(f) !== slow.bottleneck(f)) {
        expect.fail(`seed ${seed} ${label}: flow ${f} ${fast.rateBps(f)}/${fast.bottleneck(f)} vs ${slow.rateBps(f)}/${slow.bottleneck(f)}`);
      }
    }
  };
  const initial = 3 + pick(rng, 40);
  for (let i = 0; i < initial; i++) add();
  compare("initial");
  for (let step = 0; step < 300; step++) {
    const f = flows[pick(rng, flows.length)];
    const x = fast.rateBps(f);
    const v = rng();
    // Around its rate (a window's step), far above (past its links' room), 0, or lifted.
    const cap = v < 0.05 ? 0 : v < 0.1 ? Infinity : v < 0.3 ? x * (1 + rng() * 4) : x * (0.5 + rng());
    both((e) => e.setFlowCap(f, cap));
    const u = rng();
    if (u < 0.05) {
      const g = flows[pick(rng, flows.length)];
      const c2 = fast.rateBps(g) * (0.5 + rng());
      both((e) => e.setFlowCap(g, c2));
    } else if (u < 0.1) add();
    else if (u < 0.15 && flows.length > 2) {
      const i = pick(rng, flows.length);
      const g = flows[i];
      both((e) => e.removeFlow(g));
      flows.splice(i, 1);
    } else if (u < 0.18) {
      const r = pick(rng, R);
      const c = capacity[r] * (0.5 + rng());
      capacity[r] = c;
      both((e) => e.setCapacity(r, c));
    } else if (u < 0.2) {
      const g = flows[pick(rng, flows.length)];
      const w = [0.5, 1, 2][pick(rng, 3)];
      both((e) => e.setFlowWeight(g, w));
    }
    compare(`step ${step}`);
  }
  expect(slow.stats.capOnly).toBe(0);
  return fast.stats.capOnly;
}

describe("solveCapOnly", () => {
  it("gives the ordinary solve's rates, reports and bottlenecks bit for bit, now and later", () => {
    let taken = 0;
    for (let seed = 0; seed < 200; seed++) taken += run(seed);
    // The path is taken often enough for the comparison to test it.
    expect(taken).toBeGreaterThan(5_000);
  });

  it("takes the path for a capped flow with room, and not once a link would bind it", () => {
    // f (cap 2e8) and g (uncapped) share a 1e9 link; g is bound there, so f's route has a bound flow: no path.
    const e = new IncrementalSharing(Float64Array.of(1e9, 1e9));
    e.addFlow(0, Int32Array.of(0), 1, 2e8);
    e.addFlow(1, Int32Array.of(1), 1, 3e8);
    e.addFlow(2, Int32Array.of(0), 1, Infinity);
    e.solve();
    expect([e.rateBps(0), e.rateBps(1), e.rateBps(2)]).toEqual([2e8, 3e8, 8e8]);
    e.setFlowCap(0, 2.5e8);
    expect(e.solve()).toBe(2);
    expect(e.stats.capOnly).toBe(0);
    // Flow 1 alone on link 1, at its cap with room: its raise is solved by the path.
    e.setFlowCap(1, 4e8);
    expect(e.solve()).toBe(1);
    expect(e.stats.capOnly).toBe(1);
    expect(e.rateBps(1)).toBe(4e8);
    expect(e.bottleneck(1)).toBe(-1);
    // A cap at the link's capacity: the level there ties the cap's, so the ordinary solve runs.
    e.setFlowCap(1, 1e9);
    expect(e.solve()).toBe(1);
    expect(e.stats.capOnly).toBe(1);
    expect(e.bottleneck(1)).toBe(1);
  });
});
