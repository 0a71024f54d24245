// bench/ns3/seeds.ts: the seeded case texts and scenarios, the timed-out counts, and the per-seed table with each side's spread (no ns-3 needed).
import { describe, expect, it } from "vitest";
import { compareCase, type Ns3Run } from "../../bench/ns3/compare.js";
import { errors, modelTimedOut, ns3TimedOut, parseSeeds, passCounts, seedTable, seededNs3Text, seededScenario, spread, type SeedRow, type TailFigures } from "../../bench/ns3/seeds.js";

describe("parseSeeds(spec)", () => {
  it("reads whole numbers and ranges, in order", () => {
    expect(parseSeeds("1-6")).toEqual([1, 2, 3, 4, 5, 6]);
    expect(parseSeeds("3, 1,7-8")).toEqual([3, 1, 7, 8]);
  });
  it("refuses seed 0, reversed ranges, repeats and anything else", () => {
    for (const bad of ["0", "5-3", "1,1", "1-3,2", "", "a", "1.5", "-2"]) expect(() => parseSeeds(bad), bad).toThrow(/--seeds/);
  });
});

describe("seededNs3Text(caseText, seed, jitterS) and seededScenario(json, seed)", () => {
  it("appends flows.cc's jitter and RngRun to the case, and gives the model the seed", () => {
    const text = "option cc newreno\nnode a\n";
    expect(seededNs3Text(text, 3, 1e-6)).toBe("option cc newreno\nnode a\n# seeds.ts: seed 3\noption jitter 0.000001\noption rngrun 3\n");
    expect(seededNs3Text("node a", 2, 1e-5).split("\n").slice(0, 2)).toEqual(["node a", "# seeds.ts: seed 2"]);
    expect(JSON.parse(seededScenario(JSON.stringify({ name: "c", seed: 21, workloads: [1] }), 4))).toEqual({ name: "c", seed: 4, workloads: [1] });
  });
  it("refuses no jitter: without it every RngRun is the same replay", () => {
    expect(() => seededNs3Text("node a\n", 1, 0)).toThrow(/jitter must be positive/);
    expect(() => seededNs3Text("node a\n", 1, NaN)).toThrow(/jitter must be positive/);
  });
});

describe("ns3TimedOut(run, synTimeoutS) and modelTimedOut(rows)", () => {
  it("counts ns-3's flows with a data RTO or a handshake (without established_s: an FCT) of a SYN timeout or more, and the model's flows with any timeout", () => {
    const ns3: Ns3Run = {
      startS: new Map([["a", 0.5], ["b", 0], ["c", 0], ["d", 0]]),
      finishS: new Map([["a", 1.6], ["b", 0.9], ["c", 0.2], ["d", NaN]]),
      timeouts: new Map([["a", 0], ["b", 0], ["c", 2], ["d", 0]]),
      wallS: 1,
    };
    // a: FCT 1.1 s >= 1 s (a lost SYN); b: 0.9 s, none; c: a data RTO; d: unfinished, none.
    expect(ns3TimedOut(ns3, 1)).toBe(2);
    expect(ns3TimedOut(ns3, 2)).toBe(1);
    // With flows.cc's established_s a lost handshake is read off the handshake, not the FCT: a 1.7 s bulk flow
    // established after one 80 ms round trip is not one, a flow established 1.005 s after its start is.
    const wan: Ns3Run = {
      startS: new Map([["bulk", 0], ["syn", 0], ["rto", 0]]),
      finishS: new Map([["bulk", 1.72], ["syn", 1.18], ["rto", 0.3]]),
      timeouts: new Map([["bulk", 0], ["syn", 0], ["rto", 1]]),
      establishedS: new Map([["bulk", 0.08], ["syn", 1.005], ["rto", 0.08]]),
      wallS: 1,
    };
    expect(ns3TimedOut(wan, 1)).toBe(2); // syn and rto
    expect(ns3TimedOut({ ...wan, establishedS: undefined }, 1)).toBe(3); // without it, bulk too (by its FCT)
    expect(ns3TimedOut(wan, 2)).toBe(1); // rto
    // A flow whose sender never got established (the run stopped first, or every SYN was lost) waited out a SYN timeout.
    const never: Ns3Run = { startS: new Map([["n", 0]]), finishS: new Map([["n", NaN]]), timeouts: new Map([["n", 0]]), establishedS: new Map([["n", NaN]]), wallS: 1 };
    expect(ns3TimedOut(never, 1)).toBe(1);
    const rows = new Map(["0", "2", "1", ""].map((t, i) => [`f${i}`, { id: `f${i}`, timeouts: t }]));
    expect(modelTimedOut(rows)).toBe(2);
  });
});

const t = (fctP50S: number, fctP99S: number, slowdownP99: number, timedOut = 0): TailFigures => ({ fctP50S, fctP99S, slowdownP99, timedOut });

describe("errors(model, ns3)", () => {
  it("is the model's relative error on FCT p50, p99 and slowdown p99, within at 15 %, 25 % and 25 % inclusive", () => {
    const e = errors(t(1.15, 1.25, 7.5), t(1, 1, 10));
    expect(e.fctP50).toBeCloseTo(0.15, 12);
    expect(e.fctP99).toBeCloseTo(0.25, 12);
    expect(e.slowdownP99).toBeCloseTo(-0.25, 12);
    expect(errors(t(1.1, 1.2, 7.6), t(1, 1, 10)).within).toBe(true);
    expect(errors(t(1.16, 1, 10), t(1, 1, 10)).within).toBe(false);
    expect(errors(t(1, 1.26, 10), t(1, 1, 10)).within).toBe(false);
    expect(errors(t(1, 1, 7.4), t(1, 1, 10)).within).toBe(false);
  });
});

describe("spread(xs)", () => {
  it("gives the min, the median (middle two averaged for an even count) and the max, whatever the order", () => {
    expect(spread([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3 });
    expect(spread([201, 0.98, 0.97, 123])).toEqual({ min: 0.97, median: (0.98 + 123) / 2, max: 201 });
  });
});

// ns-3 passes the 1 ms tail on seeds 1 and 2 and times out on 3; the model times out on 1 and 3.
const rows: SeedRow[] = [
  { seed: "case", ns3: t(1e-3, 1e-3, 20, 1), model: t(1e-3, 0.2, 4000, 5) },
  { seed: 1, ns3: t(1e-3, 1e-3, 20, 1), model: t(1.1e-3, 0.2, 4000, 4) },
  { seed: 2, ns3: t(1e-3, 1.1e-3, 21, 0), model: t(1.1e-3, 1.1e-3, 21, 1) },
  { seed: 3, ns3: t(1e-3, 0.2, 4000, 4), model: t(1.1e-3, 0.2, 4000, 6) },
];

describe("passCounts(rows)", () => {
  it("counts the (ns-3 seed, model seed) pairs within all three targets and the model as cased against each ns-3 seed", () => {
    // Within: (ns-3 1, model 2), (ns-3 2, model 2), (ns-3 3, model 1), (ns-3 3, model 3); the cased model only against ns-3 seed 3.
    expect(passCounts(rows)).toEqual({ pairs: 9, pairsWithin: 4, casedModelWithin: 1, seeds: 3 });
  });
});

describe("seedTable(name, model, jitterS, rows)", () => {
  it("prints a row per seed with both sides' figures and errors, then each side's spread and the pass counts", () => {
    const lines = seedTable("inc", "tcp", 1e-6, rows).trimEnd().split("\n");
    expect(lines[0]).toMatch(/^inc: ns-3 with each flow's start jittered by U\[0, 0\.000001 s\) \(RngRun = seed/);
    expect(lines[3]).toBe("| case | 1 / 1 / 20 / 1 | 1 / 200 / 4000 / 5 | +0 / +19900 / +19900 | no |");
    expect(lines[5]).toBe("| 2 | 1 / 1.1 / 21 / 0 | 1.1 / 1.1 / 21 / 1 | +10 / +0 / +0 | yes |");
    expect(lines[7]).toBe("ns-3 over 3 seeds (min … median … max): FCT p50 1 … 1 … 1 ms, p99 1 … 1.1 … 200 ms, slowdown p99 20 … 21 … 4000, timed out 0 … 1 … 4");
    expect(lines[8]).toBe("tcp over 3 seeds (min … median … max): FCT p50 1.1 … 1.1 … 1.1 ms, p99 1.1 … 200 … 200 ms, slowdown p99 21 … 4000 … 4000, timed out 1 … 4 … 6");
    expect(lines[9]).toBe("within all three targets: 4 of 9 (ns-3 seed, tcp seed) pairs; tcp as cased against ns-3's seeds: 1 of 3");
  });
});

describe("compareCase(dir, name, model, ns3, idealOf, cp)", () => {
  it("measures ns-3's FCT from ns-3's own start, which `option jitter` moves off the case's", () => {
    const ns3: Ns3Run = { startS: new Map([["f", 0.5]]), finishS: new Map([["f", 1.5]]), timeouts: new Map([["f", 0]]), wallS: 1 };
    const cp = { rows: new Map([["f", { id: "f", start_s: "0.4", fct_s: "1.2" }]]), wallS: 0.1 };
    const row = compareCase("unused", "c", "tcp", ns3, () => 0.5, cp);
    expect(row.ns3Fct).toEqual([1, 1, 1]);
    expect(row.ns3Slowdown).toEqual([2, 2, 2]);
    expect(row.fctRatio[2]).toBeCloseTo(1.2, 12);
  });
});
