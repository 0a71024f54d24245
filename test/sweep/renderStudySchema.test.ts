// renderStudySchema: the committed study schema is what the code generates; it takes `sweep` and `${…}` values and still refuses mistakes.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { SWEEP_KEYS } from "../../src/sweep/parseSweep.js";
import { renderStudySchema } from "../../src/sweep/renderStudySchema.js";

const schema = JSON.parse(renderStudySchema());
const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);

/** A small valid study to vary. */
const study = () => ({
  name: "s",
  sweep: { vars: { load: { from: 0.1, to: 0.5, step: 0.2 }, bw: [10, 40] }, repeat: 2 },
  topology: { fatTree: { k: 4, bandwidth: "${bw}Gbps", latency: "1us" } },
  workloads: [{ traffic: { pattern: "uniform", load: "${load}", size: { cdf: "websearch" }, flows: 100 } }],
});

describe("renderStudySchema", () => {
  it("matches schema/chokepoint-study.schema.json (regenerate with npm run schema)", () => {
    expect(readFileSync("schema/chokepoint-study.schema.json", "utf8")).toBe(renderStudySchema());
  });

  it("accepts a study whose values are ${…} expressions, wholly (a number) or inside a unit string", () => {
    expect(validate(study()), JSON.stringify(validate.errors)).toBe(true);
  });

  it("describes the sweep block with exactly the keys parseSweep knows, and requires it", () => {
    expect(Object.keys(schema.properties.sweep.properties)).toEqual(SWEEP_KEYS);
    const { sweep: _, ...scenario } = study();
    expect(validate(scenario)).toBe(false);
    expect(validate.errors?.map((e) => e.params)).toContainEqual({ missingProperty: "sweep" });
  });

  it("still refuses what neither the study nor the scenario allows", () => {
    const cases: Array<[string, (s: ReturnType<typeof study>) => void]> = [
      ["an unknown sweep key", (s) => Object.assign(s.sweep, { repeats: 2 })],
      ["a reserved variable name", (s) => Object.assign(s.sweep.vars, { seed: [1, 2] })],
      ["an empty value list", (s) => Object.assign(s.sweep.vars, { x: [] })],
      ["a range with step 0", (s) => Object.assign(s.sweep.vars, { x: { from: 0, to: 1, step: 0 } })],
      ["a range without to", (s) => Object.assign(s.sweep.vars, { x: { from: 0, step: 1 } })],
      ["repeat 0", (s) => Object.assign(s.sweep, { repeat: 0 })],
      ["a plain word where a number goes", (s) => Object.assign(s.workloads[0].traffic, { load: "half" })],
      ["a bandwidth without unit or expression", (s) => Object.assign(s.topology.fatTree, { bandwidth: "10" })],
      ["an unknown scenario key", (s) => Object.assign(s, { workload: [] })],
    ];
    for (const [what, spoil] of cases) {
      const s = study();
      spoil(s);
      expect(validate(s), what).toBe(false);
    }
  });
});
