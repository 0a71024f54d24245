// Tests of expandStudy: cross product order, zip, where, inclusive ranges, run ids and common-random-number seeds.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { expandStudy, formatValues } from "../../src/sweep/expandStudy.js";
import { parseSweep } from "../../src/sweep/parseSweep.js";
import type { SweepSpec } from "../../src/sweep/Study.js";

const spec = (s: Partial<SweepSpec>): SweepSpec => ({ vars: {}, zip: [], repeat: 1, ...s });
const valuesOf = (s: SweepSpec) => expandStudy(s, 1).points.map((p) => p.values);

const example = parseSweep(
  {
    vars: {
      nic: ["100Gbps", "200Gbps", "400Gbps", "800Gbps"],
      nicPrice: [400, 700, 1200, 2000],
      oversub: [1, 2, 4],
      load: { from: 0.1, to: 0.9, step: 0.2 },
    },
    zip: [["nic", "nicPrice"]],
    where: "!(nic == '800Gbps' && oversub == 4)",
    repeat: 10,
  },
  "sweep",
);

describe("expandStudy", () => {
  it("crosses variables like nested loops, the first declared slowest", () => {
    expect(valuesOf(spec({ vars: { a: [1, 2], b: ["x", "y", "z"] } }))).toEqual([
      { a: 1, b: "x" },
      { a: 1, b: "y" },
      { a: 1, b: "z" },
      { a: 2, b: "x" },
      { a: 2, b: "y" },
      { a: 2, b: "z" },
    ]);
  });

  it("advances zipped variables together, keeping keys in declaration order", () => {
    expect(valuesOf(spec({ vars: { a: [1, 2, 3], b: ["x", "y"], c: [10, 20, 30] }, zip: [["a", "c"]] }))).toEqual([
      { a: 1, b: "x", c: 10 },
      { a: 1, b: "y", c: 10 },
      { a: 2, b: "x", c: 20 },
      { a: 2, b: "y", c: 20 },
      { a: 3, b: "x", c: 30 },
      { a: 3, b: "y", c: 30 },
    ]);
  });

  it("places a zip group at its earliest-declared variable, whatever the order inside the group", () => {
    expect(valuesOf(spec({ vars: { b: ["x", "y"], a: [1, 2], c: [3, 4] }, zip: [["c", "a"]] }))).toEqual([
      { b: "x", a: 1, c: 3 },
      { b: "x", a: 2, c: 4 },
      { b: "y", a: 1, c: 3 },
      { b: "y", a: 2, c: 4 },
    ]);
  });

  it("expands the example study to 55 points and 550 runs", () => {
    // 4 nic/price pairs × 3 oversub × 5 loads = 60, minus the 5 loads of (800Gbps, 4) = 55; × 10 repetitions = 550.
    const { points, runs } = expandStudy(example, 1);
    expect(points).toHaveLength(55);
    expect(runs).toHaveLength(550);
    expect(points.filter((p) => p.values.nic === "800Gbps" && p.values.oversub === 4)).toEqual([]);
    expect(points.filter((p) => p.values.nic === "800Gbps")).toHaveLength(10);
    expect(points.map((p) => p.index)).toEqual(Array.from({ length: 55 }, (_, i) => i));
    // The dropped points are the last 5, so point i is unfiltered index i: nic·15 + oversub·5 + load.
    expect(points[0].values).toEqual({ nic: "100Gbps", nicPrice: 400, oversub: 1, load: 0.1 });
    expect(points[17].values).toEqual({ nic: "200Gbps", nicPrice: 700, oversub: 1, load: 0.5 });
    expect(points[54].values).toEqual({ nic: "800Gbps", nicPrice: 2000, oversub: 2, load: 0.9 });
    expect(runs[0]).toMatchObject({ runId: "p00-r0", point: 0, repetition: 0 });
    expect(runs[11]).toMatchObject({ runId: "p01-r1", point: 1, repetition: 1 });
    expect(runs[549]).toMatchObject({ runId: "p54-r9", point: 54, repetition: 9 });
    expect(runs[549].values).toBe(points[54].values);
  });

  it("numbers the points kept by where from 0", () => {
    const s = spec({ vars: { oversub: [1, 2, 4], q: ["a", "b"] }, where: "oversub != 2" });
    expect(expandStudy(s, 1).points).toEqual([
      { index: 0, values: { oversub: 1, q: "a" } },
      { index: 1, values: { oversub: 1, q: "b" } },
      { index: 2, values: { oversub: 4, q: "a" } },
      { index: 3, values: { oversub: 4, q: "b" } },
    ]);
  });

  it("refuses a where that keeps no point", () => {
    expect(() => expandStudy(spec({ vars: { a: [1, 2] }, where: "a > 5" }), 1, "s.yaml: sweep")).toThrow(
      new InputError('s.yaml: sweep.where "a > 5" keeps none of the 2 points — nothing to run'),
    );
  });

  it.each([
    [{ from: 0.1, to: 0.9, step: 0.2 }, [0.1, 0.3, 0.5, 0.7, 0.9]],
    [{ from: 0, to: 1, step: 0.1 }, [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]],
    [{ from: 1, to: 10, step: 4 }, [1, 5, 9]],
    [{ from: 5, to: 5, step: 1 }, [5]],
    [{ from: -1, to: 1, step: 0.5 }, [-1, -0.5, 0, 0.5, 1]],
    [{ from: 1e9, to: 4e9, step: 1e9 }, [1e9, 2e9, 3e9, 4e9]],
  ])("expands the inclusive range %j to exact decimals", (range, expected) => {
    expect(valuesOf(spec({ vars: { x: range } })).map((v) => v.x)).toEqual(expected);
  });

  it("with no variables, replicates the single empty point", () => {
    const { points, runs } = expandStudy(spec({ repeat: 3 }), 5);
    expect(points).toEqual([{ index: 0, values: {} }]);
    expect(runs.map((r) => r.runId)).toEqual(["p0-r0", "p0-r1", "p0-r2"]);
  });

  it("pads run ids to the digits of the largest index", () => {
    const ids = (n: number, repeat: number) => expandStudy(spec({ vars: { a: { from: 1, to: n, step: 1 } }, repeat }), 1).runs.map((r) => r.runId);
    expect(ids(10, 1).at(-1)).toBe("p9-r0");
    expect(ids(11, 1).slice(0, 2)).toEqual(["p00-r0", "p01-r0"]);
    expect(ids(11, 1).at(-1)).toBe("p10-r0");
    expect(ids(2, 11).slice(9, 12)).toEqual(["p0-r09", "p0-r10", "p1-r00"]);
  });

  it("gives every point the same seed in one repetition and different seeds across repetitions", () => {
    const { runs } = expandStudy(example, 42);
    const seedOf = new Map<number, Set<number>>();
    for (const r of runs) seedOf.set(r.repetition, (seedOf.get(r.repetition) ?? new Set()).add(r.seed));
    expect([...seedOf.values()].every((s) => s.size === 1)).toBe(true);
    const seeds = [...seedOf.values()].map((s) => [...s][0]);
    expect(new Set(seeds).size).toBe(10);
    expect(seeds[0]).toBe(42); // repetition 0 keeps the scenario's seed
    for (const s of seeds) expect(Number.isInteger(s) && s >= 0 && s < 2 ** 31).toBe(true);
  });

  it("derives a repetition's seed from the base seed and the repetition only", () => {
    const seeds = (base: number, s: SweepSpec) => expandStudy(s, base).runs.filter((r) => r.point === 0).map((r) => r.seed);
    const small = seeds(42, spec({ vars: { a: [1] }, repeat: 3 }));
    expect(seeds(42, example).slice(0, 3)).toEqual(small);
    expect(seeds(43, spec({ vars: { a: [1] }, repeat: 3 }))).not.toEqual(small);
    const many = seeds(7, spec({ repeat: 1000 }));
    expect(new Set(many).size).toBe(1000);
  });

  it("gives a million repetitions distinct seeds in linear time (a quadratic search took many minutes)", () => {
    const { runs } = expandStudy(spec({ repeat: 1_000_000 }), 7);
    expect(runs).toHaveLength(1_000_000);
    expect(new Set(runs.map((r) => r.seed)).size).toBe(1_000_000);
  });

  it("validates a hand-built spec", () => {
    expect(() => expandStudy(spec({ vars: { a: [1, 2], b: [1] }, zip: [["a", "b"]] }), 1)).toThrow(
      new InputError("sweep.zip[0]: a has 2 values but b has 1 — zipped variables need equal lengths"),
    );
  });

  it("reports a where that fails on a point, naming the point", () => {
    expect(() => expandStudy(spec({ vars: { x: [1, "a"] }, where: "x < 2" }), 1)).toThrow(
      new InputError('sweep.where "x < 2" at x=a: "<" cannot compare string "a" with number 2 at column 3'),
    );
  });

  it("names the study file in a where that fails on a point", () => {
    expect(() => expandStudy(spec({ vars: { x: [1, "a"] }, where: "x < 2" }), 1, "s.yaml: sweep")).toThrow(
      new InputError('s.yaml: sweep.where "x < 2" at x=a: "<" cannot compare string "a" with number 2 at column 3'),
    );
  });

  it("reports a where that does not give true or false", () => {
    expect(() => expandStudy(spec({ vars: { x: [1] }, where: "x" }), 1)).toThrow(
      new InputError('sweep.where "x" at x=1: gives number 1, expected true or false'),
    );
  });
});

describe("formatValues", () => {
  it("lists name=value pairs, quoting text only when it would be ambiguous", () => {
    expect(formatValues({ nic: "400Gbps", oversub: 2, on: true, label: "a b" })).toBe('nic=400Gbps, oversub=2, on=true, label="a b"');
  });
});
