// scheduleArrivals: each arrival process against its defining counts and gaps (Poisson counts within 4σ).
import { describe, expect, it } from "vitest";
import { randomStream } from "../../../src/core/randomStream.js";
import type { ArrivalSpec } from "../../../src/workloads/agents/AgentsSpec.js";
import { scheduleArrivals } from "../../../src/workloads/agents/scheduleArrivals.js";
import { FakeContext } from "../fakeContext.js";

/** Arrival (time, agent) pairs of `spec` for `count` agents, from startS up to endS or maxArrivals. */
function arrivals(spec: ArrivalSpec, count: number, startS: number, endS: number, maxArrivals = Infinity) {
  const ctx = new FakeContext(3, "pop");
  const out: Array<{ t: number; agent: number }> = [];
  scheduleArrivals(spec, count, ctx, randomStream(3, "times"), randomStream(3, "agents"), { startS, endS, maxArrivals }, (agent) =>
    out.push({ t: ctx.nowS(), agent }),
  );
  ctx.run();
  return out;
}

/** |observed − mean| ≤ 4 standard deviations of a Poisson count with that mean. */
function poissonCount(observed: number, mean: number): void {
  expect(Math.abs(observed - mean)).toBeLessThanOrEqual(4 * Math.sqrt(mean));
}

describe("scheduleArrivals", () => {
  it("periodic: one arrival every `every` from the start, agents in turn, bounded by maxArrivals", () => {
    const a = arrivals({ periodic: { everyS: 0.25 } }, 3, 1, Infinity, 5);
    expect(a).toEqual([
      { t: 1, agent: 0 },
      { t: 1.25, agent: 1 },
      { t: 1.5, agent: 2 },
      { t: 1.75, agent: 0 },
      { t: 2, agent: 1 },
    ]);
    expect(arrivals({ periodic: { everyS: 0.25 } }, 3, 1, 2).length).toBe(4); // strictly before endS = 2
  });

  it("poisson: about rate × duration arrivals, agents uniform", () => {
    // 1,000/s for 100 s: 100,000 expected; each of 4 agents 25,000 (binomial sd ≈ 137).
    const a = arrivals({ poisson: { ratePerS: 1000 } }, 4, 0, 100);
    poissonCount(a.length, 100_000);
    for (let k = 0; k < 4; k++) expect(Math.abs(a.filter((x) => x.agent === k).length - a.length / 4)).toBeLessThan(4 * Math.sqrt(a.length * 0.25 * 0.75));
    expect(a.every((x, i) => i === 0 || x.t >= a[i - 1].t)).toBe(true);
  });

  it("onOff: arrivals only during bursts, at the burst rate", () => {
    // on 1 s, off 3 s from t = 2: bursts [2, 3), [6, 7), …; 40 s hold 10 bursts → 10 × 1,000 = 10,000 expected.
    const a = arrivals({ onOff: { onS: 1, offS: 3, ratePerS: 1000 } }, 1, 2, 42);
    expect(a.every((x) => (x.t - 2) % 4 < 1)).toBe(true);
    poissonCount(a.length, 10_000);
  });

  it("profile: the rate steps from 100/s to 500/s at 10 s (times relative to the start)", () => {
    // Start 5 s: [5, 15) at 100/s → 1,000 expected; [15, 25) at 500/s → 5,000 expected.
    const a = arrivals({ profile: [{ atS: 0, ratePerS: 100 }, { atS: 10, ratePerS: 500 }] }, 1, 5, 25);
    poissonCount(a.filter((x) => x.t < 15).length, 1000);
    poissonCount(a.filter((x) => x.t >= 15).length, 5000);
    // A profile that starts later is silent before its first step, and a final zero rate ends it.
    const late = arrivals({ profile: [{ atS: 2, ratePerS: 1000 }, { atS: 3, ratePerS: 0 }] }, 1, 0, Infinity);
    expect(late.every((x) => x.t >= 2 && x.t < 3)).toBe(true);
    poissonCount(late.length, 1000);
  });

  it("pareto: every agent renews with Pareto gaps of the given mean", () => {
    // mean 10 ms, shape 2.5: x_m = 6 ms, variance x_m²·α/((α−1)²(α−2)) = 8e-5 s², sd 8.94 ms.
    // ≈ 20,000 gaps per agent over 200 s: the mean gap is within 4 × 8.94 ms / √n of 10 ms.
    const a = arrivals({ pareto: { meanGapS: 0.01, shape: 2.5 } }, 2, 0, 200);
    for (const agent of [0, 1]) {
      const t = a.filter((x) => x.agent === agent).map((x) => x.t);
      const gaps = t.slice(1).map((x, i) => x - t[i]);
      const mean = gaps.reduce((s, g) => s + g, 0) / gaps.length;
      expect(Math.abs(mean - 0.01)).toBeLessThan((4 * Math.sqrt(8e-5)) / Math.sqrt(gaps.length));
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(0.006);
    }
  });
});

/** Arrival times of `spec` with a rate factor k applied over [t1, t2) (set by timers, as scenario events do). */
function surgedTimes(spec: ArrivalSpec, count: number, startS: number, endS: number, k: number, t1: number, t2: number): number[] {
  const ctx = new FakeContext(3, "pop");
  const out: number[] = [];
  const control = scheduleArrivals(spec, count, ctx, randomStream(3, "times"), randomStream(3, "agents"), { startS, endS, maxArrivals: Infinity }, () =>
    out.push(ctx.nowS()),
  );
  ctx.schedule(t1, () => control.setRateFactor(k));
  ctx.schedule(t2, () => control.setRateFactor(1));
  ctx.run();
  return out;
}

describe("scheduleArrivals surges (setRateFactor)", () => {
  it("periodic: gaps of everyS/k inside the surge, then everyS again, shifted earlier by (k − 1)(t2 − t1)", () => {
    // every 1 s from 0 to 30 s, ×2 over [10, 20): 0..10 (11 arrivals), 10.5..19.5 (19), then base
    // times 30, 31, … land at 30 − 10 = 20, 21, …, 29 (10 before endS 30): 40 arrivals in all.
    const t = surgedTimes({ periodic: { everyS: 1 } }, 1, 0, 30, 2, 10, 20);
    const expected = [...Array.from({ length: 11 }, (_, i) => i), ...Array.from({ length: 19 }, (_, i) => 10.5 + i * 0.5), ...Array.from({ length: 10 }, (_, i) => 20 + i)];
    expect(t).toHaveLength(40);
    t.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 9));
  });

  it("a slow-down (k < 1) stretches gaps, and k = 1 leaves every time bit-identical", () => {
    // ×0.5 over [2, 6): base times 3, 4 land at 4, 6; after it, base 5, 6, … at 7, 8, …
    const t = surgedTimes({ periodic: { everyS: 1 } }, 1, 0, 9, 0.5, 2, 6);
    expect(t).toEqual([0, 1, 2, 4, 6, 7, 8]);
    const plain = arrivals({ poisson: { ratePerS: 50 } }, 2, 1, 20).map((x) => x.t);
    expect(surgedTimes({ poisson: { ratePerS: 50 } }, 2, 1, 20, 1, 5, 10)).toEqual(plain);
  });

  it("poisson: k times the arrivals in the window, the usual count outside it", () => {
    // 1,000/s for 30 s, ×3 over [10, 20): expected 10,000 before, 30,000 in, 10,000 after (Poisson, 4σ).
    const t = surgedTimes({ poisson: { ratePerS: 1000 } }, 4, 0, 30, 3, 10, 20);
    poissonCount(t.filter((x) => x < 10).length, 10_000);
    poissonCount(t.filter((x) => x >= 10 && x < 20).length, 30_000);
    poissonCount(t.filter((x) => x >= 20).length, 10_000);
    // Exactness: the surge moves each arrival to Λ⁻¹(s) — s inside [10, 10 + 3·10) maps to 10 + (s − 10)/3.
    const plain = arrivals({ poisson: { ratePerS: 1000 } }, 4, 0, 60).map((x) => x.t);
    const mapped = plain.map((s) => (s < 10 ? s : s < 40 ? 10 + (s - 10) / 3 : s - 20)).filter((x) => x < 30);
    expect(t).toHaveLength(mapped.length);
    t.forEach((x, i) => expect(x).toBeCloseTo(mapped[i], 9));
  });

  it("pareto: every agent's pending arrival moves with the surge", () => {
    // 3 agents, mean gap 10 ms, ×2 over [5, 10): per agent ≈ 500 + 1000 + 500 arrivals in [0, 15).
    const t = surgedTimes({ pareto: { meanGapS: 0.01, shape: 2.5 } }, 3, 0, 15, 2, 5, 10);
    const inside = t.filter((x) => x >= 5 && x < 10).length;
    const before = t.filter((x) => x < 5).length;
    expect(inside / before).toBeGreaterThan(1.8);
    expect(inside / before).toBeLessThan(2.2);
  });
});
