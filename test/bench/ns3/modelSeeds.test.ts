// bench/ns3/modelSeeds.ts: one case's errors over the model's seeds and the totals (expected, majority, as cased, by class), on hand-made figures (no simulator run).
import { describe, expect, it } from "vitest";
import { caseClasses, jitteredScenario, modelSeedsCsv, overSeeds, seedTotals, workerPool, type CaseOverSeeds } from "../../../bench/ns3/modelSeeds.js";
import type { TailFigures } from "../../../bench/ns3/seeds.js";

const t = (fctP50S: number, fctP99S: number, slowdownP99: number, timedOut = 0): TailFigures => ({ fctP50S, fctP99S, slowdownP99, timedOut });
/** ns-3 as cased: FCT p50 1 ms, p99 100 ms, slowdown p99 1,000; 20 flows timed out. */
const NS3 = t(1e-3, 0.1, 1000, 20);

describe("overSeeds(name, class, model, ns3, cased, seeded)", () => {
  it("counts the seeds within all three targets and spreads each signed error over the seeds, against ns-3 as cased", () => {
    const seeded = [
      t(1.1e-3, 0.11, 1100, 15), // +10 / +10 / +10 %: within
      t(1.2e-3, 0.1, 1000, 9), // FCT p50 +20 %: out (15 % target)
      t(0.9e-3, 0.124, 800, 30), // −10 / +24 / −20 %: within
      t(1e-3, 0.05, 300, 3), // FCT p99 −50 %, slowdown p99 −70 %: out
      t(0.86e-3, 0.076, 760, 11), // −14 / −24 / −24 %: within
    ];
    const c = overSeeds("c", "earlier", "tcp", NS3, t(1.3e-3, 0.1, 1000), seeded);
    expect(c.seeds).toBe(5);
    expect(c.within).toBe(3);
    expect(c.casedWithin).toBe(false); // as cased: FCT p50 +30 %
    // Errors sorted: FCT p50 −14, −10, 0, +10, +20 %; FCT p99 −50, −24, 0, +10, +24 %; slowdown p99 −70, −24, −20, 0, +10 %.
    expect(c.fctP50.min).toBeCloseTo(-0.14, 12);
    expect(c.fctP50.median).toBeCloseTo(0, 12);
    expect(c.fctP50.max).toBeCloseTo(0.2, 12);
    expect(c.fctP99.min).toBeCloseTo(-0.5, 12);
    expect(c.fctP99.median).toBeCloseTo(0, 12);
    expect(c.fctP99.max).toBeCloseTo(0.24, 12);
    expect(c.slowdownP99.min).toBeCloseTo(-0.7, 12);
    expect(c.slowdownP99.median).toBeCloseTo(-0.2, 12);
    expect(c.slowdownP99.max).toBeCloseTo(0.1, 12);
    expect(c.modelTimedOut).toEqual({ min: 3, median: 11, max: 30 });
    expect(c.ns3TimedOut).toBe(20);
  });

  it("takes an even count's median as the mean of the middle two, and refuses no seeds", () => {
    const c = overSeeds("c", "heldout", "tcp", NS3, NS3, [t(1e-3, 0.1, 1000, 1), t(1.1e-3, 0.1, 1000, 4), t(1.04e-3, 0.1, 1000, 2), t(1.2e-3, 0.1, 1000, 7)]);
    expect(c.within).toBe(3);
    expect(c.casedWithin).toBe(true);
    expect(c.fctP50.median).toBeCloseTo(0.07, 12); // (+4 % + 10 %) / 2
    expect(c.modelTimedOut.median).toBe(3);
    expect(() => overSeeds("c", "heldout", "tcp", NS3, NS3, [])).toThrow(/no seeds/);
  });
});

describe("seedTotals(cases)", () => {
  const of = (caseClass: CaseOverSeeds["caseClass"], within: number, seeds: number, casedWithin: boolean) =>
    overSeeds(`c${within}`, caseClass, "tcp", NS3, casedWithin ? NS3 : t(2e-3, 0.1, 1000), [
      ...Array.from({ length: within }, () => NS3),
      ...Array.from({ length: seeds - within }, () => t(2e-3, 0.1, 1000)),
    ]);

  it("sums each case's fraction of seeds within, counts a strict majority of seeds and the count as cased, in all and by class", () => {
    const cases = [of("earlier", 6, 6, true), of("earlier", 3, 6, true), of("earlier", 4, 6, false), of("heldout", 0, 6, false), of("heldout", 5, 6, true), of("heldout", 2, 3, false)];
    const { all, byClass } = seedTotals(cases);
    // 6/6 + 3/6 + 4/6 + 0 + 5/6 + 2/3 = 3.666…; a majority is more than half: 6, 4, 5 of 6 and 2 of 3 (3 of 6 is not).
    expect(all.cases).toBe(6);
    expect(all.expected).toBeCloseTo(11 / 3, 12);
    expect(all.majority).toBe(4);
    expect(all.cased).toBe(3);
    expect(byClass.earlier).toEqual({ cases: 3, expected: expect.closeTo(13 / 6, 12), majority: 2, cased: 2 });
    expect(byClass.heldout).toEqual({ cases: 3, expected: expect.closeTo(1.5, 12), majority: 2, cased: 1 });
    expect(byClass.other).toBeUndefined();
  });

  it("writes one CSV row per case with the spreads as signed fractions", () => {
    const lines = modelSeedsCsv([of("earlier", 1, 2, true)]).trimEnd().split("\n");
    expect(lines).toHaveLength(2);
    expect(lines[0].split(",")).toHaveLength(28);
    // No marks columns on either side: the nine marks cells are empty.
    expect(lines[1]).toBe("c1,earlier,tcp,2,1,1,0,0.5,1,0,0,0,0,0,0,0,10,20,20,,,,,,,,,");
  });

  it("writes the marks of the run as cased in the nine marks columns, cuts per marked flow empty where no flow was marked", () => {
    const c: CaseOverSeeds = {
      ...of("heldout", 1, 2, false),
      casedMarks: { flows: 10, ns3: { markedFlows: 3, marks: 30, markCuts: 7 }, model: { markedFlows: 0, marks: 0, markCuts: 0 }, ns3AckMarks: 2 },
    };
    const [header, row] = modelSeedsCsv([c]).trimEnd().split("\n");
    const cells = Object.fromEntries(header.split(",").map((k, i) => [k, row.split(",")[i]]));
    expect(cells).toMatchObject({
      ns3_marked_flows: "3",
      model_marked_flows: "0",
      ns3_marks: "30",
      model_marks: "0",
      ns3_mark_cuts: "7",
      model_mark_cuts: "0",
      ns3_cuts_per_marked_flow: "2.33333", // 7 / 3 to 6 significant digits
      model_cuts_per_marked_flow: "",
      ns3_ack_marks: "2",
    });
  });
});

describe("caseClasses() and workerPool(width)", () => {
  it("classes the first 27 cases of latencyCases() earlier, the 20 held out since heldout, and others other", () => {
    const classOf = caseClasses();
    expect(classOf("fattree-websearch-dctcp")).toBe("earlier");
    expect(classOf("incast-newreno-20x64k")).toBe("earlier"); // the 27th
    expect(classOf("fattree-websearch-dctcp-seed41-load0.4")).toBe("heldout"); // the 28th, session 51's first
    expect(classOf("leafspine-websearch-dctcp-5us-seed66")).toBe("heldout");
    expect(classOf("dumbbell-long")).toBe("other");
  });

  it("runs at most `width` tasks at once and resolves each with its own result", async () => {
    const pool = workerPool(2);
    let running = 0;
    let most = 0;
    const task = (x: number) => async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return x * 10;
    };
    expect(await Promise.all([1, 2, 3, 4, 5].map((x) => pool(task(x))))).toEqual([10, 20, 30, 40, 50]);
    expect(most).toBe(2);
  });
});

describe("jitteredScenario(text, seed, jitterS)", () => {
  const text = JSON.stringify({
    seed: 7,
    workloads: [
      { transfer: { id: "a", src: "h0", dst: "h1", size: "1000B", start: "0.5s" } },
      { traffic: { flows: 3 } },
      { transfer: { id: "b", src: "h1", dst: "h0", size: "2000B" } },
    ],
  });
  it("moves each transfer's start later by less than jitterS and leaves every other field as it was", () => {
    const out = JSON.parse(jitteredScenario(text, 3, 1e-6)) as { seed: number; workloads: Array<Record<string, Record<string, unknown>>> };
    const a = Number(String(out.workloads[0].transfer.start).slice(0, -1));
    const b = Number(String(out.workloads[2].transfer.start).slice(0, -1)); // no start: 0 s
    expect(a - 0.5).toBeGreaterThanOrEqual(0);
    expect(a - 0.5).toBeLessThan(1e-6);
    expect(b).toBeGreaterThanOrEqual(0);
    expect(b).toBeLessThan(1e-6);
    expect(a - 0.5).not.toBe(b); // one draw per transfer
    expect(out.seed).toBe(7);
    expect(out.workloads[1]).toEqual({ traffic: { flows: 3 } });
    expect(out.workloads[0].transfer).toMatchObject({ id: "a", src: "h0", dst: "h1", size: "1000B" });
  });
  it("draws from the seed alone: the same seed gives the same text, another seed other starts", () => {
    expect(jitteredScenario(text, 3, 1e-6)).toBe(jitteredScenario(text, 3, 1e-6));
    expect(jitteredScenario(text, 4, 1e-6)).not.toBe(jitteredScenario(text, 3, 1e-6));
  });
  it("refuses a jitter that is not a positive number of seconds and a start it cannot read, in one sentence", () => {
    expect(() => jitteredScenario(text, 1, 0)).toThrow(/--model-jitter: expected a positive number of seconds, got 0/);
    expect(() => jitteredScenario(text, 1, Number.NaN)).toThrow(/--model-jitter/);
    const bad = JSON.stringify({ workloads: [{ transfer: { start: "5ms" } }] });
    expect(() => jitteredScenario(bad, 1, 1e-6)).toThrow(/workloads\[0\]\.transfer\.start: expected "<seconds>s", got "5ms"/);
  });
});
