// Tests of TrafficWorkload: Poisson arrivals, endpoint patterns, ids, streams and determinism.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { arrivalRateForLoad } from "../../src/workloads/arrivalRateForLoad.js";
import { TrafficWorkload } from "../../src/workloads/TrafficWorkload.js";
import type { TrafficSpec } from "../../src/workloads/specs.js";
import type { TransferRequest } from "../../src/workloads/Workload.js";
import { FakeContext, type RecordedTransfer } from "./fakeContext.js";

const hosts = (n: number) => Array.from({ length: n }, (_, i) => `h${i}`);

function spec(over: Partial<TrafficSpec>): TrafficSpec {
  return {
    kind: "traffic", name: "bg", hosts: hosts(8), pattern: "uniform", arrivalRatePerS: 1000,
    size: { fixed: 1000 }, startS: 0, durationS: 1, ...over,
  };
}

function run(s: TrafficSpec, seed = 7): RecordedTransfer[] {
  const w = new TrafficWorkload(s);
  const ctx = new FakeContext(seed, w.name);
  w.start(ctx);
  ctx.run();
  return ctx.transfers;
}

/** Flows grouped by arrival (flows of one arrival share its start time). */
function arrivals(ts: RecordedTransfer[]): RecordedTransfer[][] {
  const groups: RecordedTransfer[][] = [];
  for (const t of ts) {
    const last = groups[groups.length - 1];
    if (last && last[0].atS === t.atS) last.push(t);
    else groups.push([t]);
  }
  return groups;
}

describe("TrafficWorkload arrivals", () => {
  it("counts rate × duration arrivals within 4σ, all strictly inside (startS, startS + durationS)", () => {
    // A Poisson count with mean λT = 10,000 has σ = √10,000 = 100.
    const ts = run(spec({ arrivalRatePerS: 1000, startS: 3, durationS: 10 }));
    expect(Math.abs(ts.length - 10_000)).toBeLessThan(4 * 100);
    expect(ts.every((t) => t.atS > 3 && t.atS < 13)).toBe(true);
  });

  it("has mean inter-arrival 1/rate within 4 standard errors", () => {
    // With a fixed count n the last arrival is a sum of n exponential gaps: se of the mean gap = (1/λ)/√n.
    const n = 20_000, rate = 250;
    const ts = run(spec({ arrivalRatePerS: rate, startS: 5, durationS: undefined, flows: n }));
    expect(ts.length).toBe(n);
    const meanGap = (ts[n - 1].atS - 5) / n;
    expect(Math.abs(meanGap - 1 / rate)).toBeLessThan(4 / rate / Math.sqrt(n));
    for (let i = 1; i < n; i++) expect(ts[i].atS).toBeGreaterThan(ts[i - 1].atS);
  });

  it("stops after `flows` arrivals even before durationS ends", () => {
    expect(run(spec({ flows: 7, durationS: 100 })).length).toBe(7);
    expect(arrivals(run(spec({ pattern: "incast", fanIn: 3, flows: 5, durationS: 100 }))).length).toBe(5);
  });

  it("names flows <name>-<n>, n counting from 0", () => {
    const ts = run(spec({ name: "mice", pattern: "all-to-all", hosts: hosts(3), flows: 2 }));
    expect(ts.map((t) => t.id)).toEqual(Array.from({ length: 12 }, (_, i) => `mice-${i}`));
  });

  it("offers load × Σ host access capacity when its rate comes from arrivalRateForLoad", () => {
    // Total bytes of a compound Poisson process: Var = λT·E[X²] = λT·2m² for exponential sizes,
    // so σ(total) = m·√(2λT); with λT = 10,000 that is 1.41% of the mean.
    const n = 8, accessBps = 1.25e9, load = 0.4, m = 1e6, durationS = 10;
    const rate = arrivalRateForLoad(load, Array(n).fill(accessBps), m, "uniform");
    const ts = run(spec({ arrivalRatePerS: rate, size: { exponential: { meanBytes: m } }, durationS }));
    const offeredBps = ts.reduce((a, t) => a + t.sizeBytes, 0) / durationS;
    const expected = load * n * accessBps;
    const lambdaT = rate * durationS;
    expect(Math.abs(offeredBps - expected)).toBeLessThan((4 * m * Math.sqrt(2 * lambdaT)) / durationS);
  });
});

describe("TrafficWorkload patterns", () => {
  it("uniform: never src = dst, every ordered pair about equally often", () => {
    // 12 ordered pairs of 4 hosts; each count is Binomial(24,000, 1/12): mean 2,000, σ = √(2000·11/12) ≈ 42.8.
    const ts = run(spec({ hosts: hosts(4), durationS: undefined, flows: 24_000 }));
    const counts = new Map<string, number>();
    for (const t of ts) {
      expect(t.src).not.toBe(t.dst);
      counts.set(`${t.src}>${t.dst}`, (counts.get(`${t.src}>${t.dst}`) ?? 0) + 1);
    }
    expect(counts.size).toBe(12);
    for (const c of counts.values()) expect(Math.abs(c - 2000)).toBeLessThan(4 * Math.sqrt((2000 * 11) / 12));
  });

  it("permutation: one fixed mapping, a bijection without fixed points", () => {
    const ts = run(spec({ pattern: "permutation", hosts: hosts(10), durationS: undefined, flows: 2000 }));
    const map = new Map<string, string>();
    for (const t of ts) {
      expect(map.get(t.src) ?? t.dst).toBe(t.dst);
      map.set(t.src, t.dst);
    }
    // 2,000 uniform sources over 10 hosts: every host is a source (miss probability 10·0.9^2000).
    expect([...map.keys()].sort()).toEqual(hosts(10).sort());
    expect(new Set(map.values()).size).toBe(10);
    for (const [src, dst] of map) expect(src).not.toBe(dst);
  });

  it("incast: each arrival is fanIn distinct senders to one receiver", () => {
    const groups = arrivals(run(spec({ pattern: "incast", fanIn: 5, hosts: hosts(6), flows: 500 })));
    expect(groups.length).toBe(500);
    const receivers = new Set<string>();
    for (const g of groups) {
      expect(g.length).toBe(5);
      const dst = g[0].dst;
      receivers.add(dst);
      expect(g.every((t) => t.dst === dst)).toBe(true);
      const senders = new Set(g.map((t) => t.src));
      expect(senders.size).toBe(5);
      expect(senders.has(dst)).toBe(false);
    }
    expect(receivers.size).toBe(6);
  });

  it("all-to-all: each arrival is n(n−1) flows covering every ordered pair once", () => {
    const groups = arrivals(run(spec({ pattern: "all-to-all", hosts: hosts(5), flows: 3 })));
    expect(groups.length).toBe(3);
    for (const g of groups) {
      expect(g.length).toBe(20);
      const pairs = new Set(g.map((t) => `${t.src}>${t.dst}`));
      expect(pairs.size).toBe(20);
      expect(g.every((t) => t.src !== t.dst)).toBe(true);
    }
  });
});

describe("TrafficWorkload randomness", () => {
  it("repeats the same flows for the same seed and name", () => {
    const s = spec({ size: { exponential: { meanBytes: 1e5 } }, flows: 200 });
    expect(run(s, 3)).toEqual(run(s, 3));
  });

  it("draws differently under another workload name or seed", () => {
    const times = (ts: RecordedTransfer[]) => ts.map((t) => t.atS);
    const a = run(spec({ name: "a", flows: 50 }));
    expect(times(run(spec({ name: "b", flows: 50 })))).not.toEqual(times(a));
    expect(times(run(spec({ name: "a", flows: 50 }), 8))).not.toEqual(times(a));
  });

  it("keeps arrival times when the pattern or size distribution changes", () => {
    const arrivalTimes = (ts: RecordedTransfer[]) => arrivals(ts).map((g) => g[0].atS);
    const uniform = arrivalTimes(run(spec({ flows: 100 })));
    expect(arrivalTimes(run(spec({ flows: 100, pattern: "incast", fanIn: 3 })))).toEqual(uniform);
    expect(arrivalTimes(run(spec({ flows: 100, pattern: "permutation", size: { cdf: "websearch" } })))).toEqual(uniform);
  });

  it("passes every flow's node numbers, each host's looked up once before the first arrival", () => {
    const w = new TrafficWorkload(spec({ hosts: ["x", "y", "z"], flows: 40 }));
    const asked: string[] = [];
    const seen: Array<[string, number | undefined, string, number | undefined]> = [];
    const ctx = new (class extends FakeContext {
      override node(name: string): number {
        asked.push(name);
        return super.node(name);
      }
      override startTransfer(request: TransferRequest): number {
        seen.push([request.src, request.srcNode, request.dst, request.dstNode]);
        return super.startTransfer(request);
      }
    })(3, w.name);
    w.start(ctx);
    expect(asked).toEqual(["x", "y", "z"]);
    ctx.run();
    const number = { x: 0, y: 1, z: 2 } as Record<string, number>;
    expect(seen.length).toBe(40);
    for (const [src, srcNode, dst, dstNode] of seen) expect([srcNode, dstNode]).toEqual([number[src], number[dst]]);
  });

  it("uses the arrivals, pairs and sizes streams", () => {
    const w = new TrafficWorkload(spec({ flows: 1 }));
    const ctx = new FakeContext(1, w.name);
    w.start(ctx);
    expect([...ctx.streams].sort()).toEqual(["arrivals", "pairs", "sizes"]);
  });
});

describe("TrafficWorkload validation", () => {
  it("rejects bad specs with InputError naming the workload", () => {
    expect(() => new TrafficWorkload(spec({ hosts: ["h0"] }))).toThrow(/traffic "bg": needs at least 2 hosts/);
    expect(() => new TrafficWorkload(spec({ pattern: "incast" }))).toThrow(/fanIn/);
    expect(() => new TrafficWorkload(spec({ pattern: "incast", fanIn: 8 }))).toThrow(/from 1 to 7/);
    expect(() => new TrafficWorkload(spec({ durationS: undefined }))).toThrow(/durationS or flows/);
    expect(() => new TrafficWorkload(spec({ arrivalRatePerS: 0 }))).toThrow(InputError);
    expect(() => new TrafficWorkload(spec({ size: { cdf: "nope" } }))).toThrow(/traffic "bg": unknown flow-size CDF/);
  });

  it("exposes the mean flow size of its distribution", () => {
    expect(new TrafficWorkload(spec({ size: { pareto: { meanBytes: 5e5, shape: 2 } } })).meanFlowBytes).toBe(5e5);
  });
});

describe("TrafficWorkload surges (setRateFactor)", () => {
  /** Arrival times with the rate × k over [t1, t2), switched through the context's clock. */
  function surged(s: TrafficSpec, k: number, t1: number, t2: number, seed = 7): number[] {
    const w = new TrafficWorkload(s);
    const ctx = new FakeContext(seed, w.name);
    w.start(ctx);
    ctx.schedule(t1, () => w.setRateFactor(k));
    ctx.schedule(t2, () => w.setRateFactor(1));
    ctx.run();
    return ctx.transfers.map((t) => t.atS);
  }

  it("packs the arrivals of [t1, t1 + k(t2 − t1)) into [t1, t2) and shifts later ones by (k − 1)(t2 − t1), exactly", () => {
    // Time rescaling of a Poisson process: the n-th arrival at base time s maps to s before
    // t1, t1 + (s − t1)/k inside the surge, and s − (k − 1)(t2 − t1) after it.
    const s = spec({ arrivalRatePerS: 1000, durationS: 5 });
    // Base arrivals up to 6 s: those of [5, 6) move into [4, 5).
    const base = run({ ...s, durationS: 6 }).map((t) => t.atS);
    const k = 2;
    const [t1, t2] = [1, 2];
    const warped = base
      .map((b) => (b < t1 ? b : b < t1 + k * (t2 - t1) ? t1 + (b - t1) / k : b - (k - 1) * (t2 - t1)))
      .filter((t) => t < 5);
    const got = surged(s, k, t1, t2);
    expect(got.length).toBe(warped.length);
    got.forEach((t, i) => expect(Math.abs(t - warped[i])).toBeLessThan(1e-9));
    // Inside the window, exactly the base arrivals of [1, 3): twice those of [1, 2) on average.
    const inWindow = got.filter((t) => t >= t1 && t < t2).length;
    expect(inWindow).toBe(base.filter((b) => b >= t1 && b < t1 + k * (t2 - t1)).length);
  });

  it("doubles the arrival count in its window within 5σ (mean 2λT = 20,000, σ ≈ 141)", () => {
    const got = surged(spec({ arrivalRatePerS: 1000, durationS: 30 }), 2, 10, 20);
    const inWindow = got.filter((t) => t >= 10 && t < 20).length;
    const before = got.filter((t) => t < 10).length;
    expect(Math.abs(inWindow - 20_000)).toBeLessThan(5 * Math.sqrt(20_000));
    expect(Math.abs(before - 10_000)).toBeLessThan(5 * Math.sqrt(10_000));
  });

  it("draws the same arrival times as before when the factor stays 1", () => {
    const s = spec({ arrivalRatePerS: 500, durationS: 2 });
    expect(surged(s, 1, 0.5, 1)).toEqual(run(s).map((t) => t.atS));
  });

  it("scales every wait, the first included, when the surge starts before the workload", () => {
    // Arrivals run over [2 s, 3 s); with k = 4 over [0 s, 10 s) the base arrival at s comes at
    // 2 + (s − 2)/4, so [2, 3) holds the base arrivals of [2, 6).
    const s = spec({ arrivalRatePerS: 100, startS: 2, durationS: 1 });
    const expected = run({ ...s, durationS: 4 }).map((t) => 2 + (t.atS - 2) / 4);
    const got = surged(s, 4, 0, 10);
    expect(got.length).toBe(expected.length);
    got.forEach((t, i) => expect(Math.abs(t - expected[i])).toBeLessThan(1e-9));
  });

  it("rejects a factor that is not > 0", () => {
    const w = new TrafficWorkload(spec({}));
    expect(() => w.setRateFactor(0)).toThrow(/factor must be > 0/);
  });
});
