// Tests of parseSweep: defaults, and one message per kind of mistake in a sweep block.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { parseSweep } from "../../src/sweep/parseSweep.js";

const vars = { nic: ["100Gbps", "200Gbps", "400Gbps", "800Gbps"], nicPrice: [400, 700, 1200, 2000], oversub: [1, 2, 4] };

describe("parseSweep", () => {
  it("fills defaults and keeps ranges as written", () => {
    const spec = parseSweep({ vars: { nic: ["a"], load: { from: 0.1, to: 0.9, step: 0.2 } } }, "sweep");
    expect(spec).toEqual({ vars: { nic: ["a"], load: { from: 0.1, to: 0.9, step: 0.2 } }, zip: [], repeat: 1 });
  });

  it("accepts the full example block", () => {
    const raw = { vars, zip: [["nic", "nicPrice"]], where: "!(nic == '800Gbps' && oversub == 4)", repeat: 10 };
    expect(parseSweep(raw, "sweep")).toEqual(raw);
  });

  it("accepts a block with only repeat (replications of the plain scenario)", () => {
    expect(parseSweep({ repeat: 3 }, "sweep")).toEqual({ vars: {}, zip: [], repeat: 3 });
  });

  it("keeps the metrics a study records besides summary.csv's (compare.csv's names), and refuses others", () => {
    const metrics = ["tier_share:host-nic", "tier_share:cap", "cost_gpu_idle_network_usd", "bots:total_s_p99", "llm:iteration_s_mean"];
    expect(parseSweep({ repeat: 2, metrics }, "sweep")).toEqual({ vars: {}, zip: [], repeat: 2, metrics });
    const refused = (m: unknown) => {
      try {
        parseSweep({ metrics: m }, "sweep");
      } catch (err) {
        return (err as Error).message;
      }
      return "accepted";
    };
    expect(refused("fct_p99_s")).toBe("sweep.metrics must be a list of metric names (cost_<item>_usd, tier_share:<tier>, <workload>:<metric>_mean, <workload>:<metric>_p50, <workload>:<metric>_p99), found \"fct_p99_s\"");
    expect(refused(["fct_p99_s"])).toBe(
      'sweep.metrics[0]: "fct_p99_s" is not a study metric (summary.csv\'s columns are always in sweep.csv) — use cost_<item>_usd, tier_share:<tier>, <workload>:<metric>_mean, <workload>:<metric>_p50, <workload>:<metric>_p99, as compare.csv names them',
    );
    expect(refused(["tier_share:host_nic"])).toBe('sweep.metrics[0]: "host_nic" is not a tier (did you mean "tier_share:host-nic"?)');
    expect(refused(["bots:total_s_p90"])).toMatch(/^sweep\.metrics\[0\]: "bots:total_s_p90" is not a study metric — use /);
    expect(refused(["cost_totl_usd"])).toBe('sweep.metrics[0]: "cost_totl_usd" is not a cost item (did you mean "cost_total_usd"?)');
    expect(refused(["cost_total_usd", "cost_total_usd"])).toBe('sweep.metrics[1]: "cost_total_usd" is listed twice');
    expect(refused([3])).toBe("sweep.metrics[0] must be a metric name, found 3");
  });

  it("starts every message with the given location", () => {
    expect(() => parseSweep({ vars: { load: { from: 0, to: 1, step: 0 } } }, "s.yaml: sweep")).toThrow(
      new InputError("s.yaml: sweep.vars.load.step must be > 0, found 0"),
    );
  });

  const range = (r: object) => ({ vars: { load: r } });
  it.each([
    ["a list as the block", [1], "sweep must be a mapping with keys vars, zip, where, repeat, metrics, found a list"],
    ["a misspelt key", { repeats: 3 }, 'sweep: unknown key "repeats" (did you mean "repeat"?)'],
    ["an unknown key", { foo: 1 }, 'sweep: unknown key "foo" — expected one of vars, zip, where, repeat, metrics'],
    ["vars as a list", { vars: [1] }, "sweep.vars must be a mapping from variable names to lists or ranges, found a list"],
    [
      "a bad variable name",
      { vars: { "nic-speed": [1] } },
      'sweep.vars: "nic-speed" is not a valid variable name — use letters, digits and _, starting with a letter or _',
    ],
    ["a reserved variable name", { vars: { seed: [1, 2] } }, 'sweep.vars: "seed" is reserved — choose another variable name'],
    ["an empty list", { vars: { nic: [] } }, "sweep.vars.nic is an empty list — give at least one value"],
    ["a null value", { vars: { a: [1, null] } }, "sweep.vars.a[1] must be text, a number or true/false, found null"],
    ["a nested list", { vars: { a: [1, [2]] } }, "sweep.vars.a[1] must be text, a number or true/false, found a list"],
    ["a repeated value", { vars: { a: [1, 2, 1] } }, "sweep.vars.a[2]: 1 is listed twice (also at [0])"],
    ["a scalar", { vars: { a: "100Gbps" } }, 'sweep.vars.a must be a list of values or a range { from, to, step }, found "100Gbps"'],
    ["a zero step", range({ from: 0.1, to: 0.9, step: 0 }), "sweep.vars.load.step must be > 0, found 0"],
    ["a negative step", range({ from: 0.1, to: 0.9, step: -0.2 }), "sweep.vars.load.step must be > 0, found -0.2"],
    ["a missing step", range({ from: 0.1, to: 0.9 }), "sweep.vars.load.step is missing — a range needs from, to and step"],
    ["a text bound", range({ from: "0.1", to: 0.9, step: 0.2 }), 'sweep.vars.load.from must be a number, found "0.1"'],
    ["a misspelt range key", range({ form: 0, to: 1, step: 1 }), 'sweep.vars.load: unknown key "form" (did you mean "from"?)'],
    ["an unknown range key", range({ from: 0, to: 1, step: 1, count: 3 }), 'sweep.vars.load: unknown key "count" — expected one of from, to, step'],
    ["a backwards range", range({ from: 0.9, to: 0.1, step: 0.2 }), "sweep.vars.load.to must be ≥ from (0.9), found 0.1"],
    ["a huge range", range({ from: 0, to: 1, step: 1e-7 }), "sweep.vars.load has more than 1,000,000 values — use a larger step"],
    ["zip as text", { vars, zip: "nic" }, 'sweep.zip must be a list of lists of variable names, found "nic"'],
    ["a zip group as text", { vars, zip: ["nic"] }, 'sweep.zip[0] must be a list of variable names, found "nic"'],
    ["an empty zip group", { vars, zip: [[]] }, "sweep.zip[0] is an empty list — name the variables that vary together"],
    ["a number in a zip group", { vars, zip: [[1]] }, "sweep.zip[0][0] must be a variable name, found 1"],
    ["a misspelt zip name", { vars, zip: [["nic", "nicPrise"]] }, 'sweep.zip[0][1]: unknown variable "nicPrise" (did you mean "nicPrice"?)'],
    ["an unknown zip name", { vars, zip: [["nic", "zzzzzz"]] }, 'sweep.zip[0][1]: unknown variable "zzzzzz" — declared: nic, nicPrice, oversub'],
    [
      "a variable in two zip groups",
      { vars: { ...vars, x: [1, 2, 3, 4] }, zip: [["nic", "nicPrice"], ["x", "nic"]] },
      'sweep.zip[1][1]: "nic" is already in zip[0] — a variable may be in one zip group only',
    ],
    ["a variable twice in one group", { vars, zip: [["nic", "nic"]] }, 'sweep.zip[0][1]: "nic" is listed twice'],
    [
      "zipped lists of unequal lengths",
      { vars, zip: [["nic", "oversub"]] },
      "sweep.zip[0]: nic has 4 values but oversub has 3 — zipped variables need equal lengths",
    ],
    [
      "a zipped range of the wrong length",
      { vars: { a: [1, 2], load: { from: 0, to: 1, step: 0.5 } }, zip: [["a", "load"]] },
      "sweep.zip[0]: a has 2 values but load has 3 — zipped variables need equal lengths",
    ],
    ["repeat 0", { repeat: 0 }, "sweep.repeat must be a whole number ≥ 1, found 0"],
    ["a fractional repeat", { repeat: 2.5 }, "sweep.repeat must be a whole number ≥ 1, found 2.5"],
    ["repeat as text", { repeat: "10" }, 'sweep.repeat must be a whole number ≥ 1, found "10"'],
    ["where as a boolean", { vars, where: true }, `sweep.where must be an expression in quotes, e.g. "!(nic == '800Gbps')", found true`],
    [
      "where naming an unknown variable",
      { vars, where: "!(nci == '800Gbps')" },
      `sweep.where "!(nci == '800Gbps')": unknown variable "nci" at column 3 (did you mean "nic"?)`,
    ],
    ["where that does not parse", { vars, where: "nic ==" }, 'sweep.where "nic ==": expected a value, found the end at column 7'],
    [
      "a study of too many runs",
      { vars: { a: { from: 0, to: 999, step: 1 }, b: { from: 0, to: 999, step: 1 } }, repeat: 2 },
      "sweep expands to 2,000,000 runs, more than the 1,000,000 accepted",
    ],
  ] as const)("rejects %s", (_what, raw, message) => {
    expect(() => parseSweep(raw, "sweep")).toThrow(new InputError(message));
  });

  it("checks a list of 1,000,000 values (the most a study may run) in linear time — quadratically it took many minutes", () => {
    const values = Array.from({ length: 1_000_000 }, (_, i) => i);
    expect((parseSweep({ vars: { x: values } }, "sweep").vars.x as number[]).length).toBe(1_000_000);
    values[999_999] = 12_345;
    expect(() => parseSweep({ vars: { x: values } }, "sweep")).toThrow(
      new InputError("sweep.vars.x[999999]: 12345 is listed twice (also at [12345])"),
    );
  });

  it("holds a long list to the run budget before checking its values", () => {
    const values = Array.from({ length: 2_000_000 }, (_, i) => i);
    expect(() => parseSweep({ vars: { x: values } }, "s.yaml: sweep")).toThrow(
      new InputError("s.yaml: sweep.vars.x has 2,000,000 values, more than the 1,000,000 runs accepted"),
    );
    expect(() => parseSweep({ vars: { x: values.slice(0, 1001) }, repeat: 1000 }, "sweep")).toThrow(
      new InputError("sweep.vars.x has 1,001 values × 1,000 repetitions, more than the 1,000,000 runs accepted"),
    );
    expect(() => parseSweep({ vars: { load: { from: 0, to: 2000, step: 1 } }, repeat: 1000 }, "sweep")).toThrow(
      new InputError("sweep.vars.load has 2,001 values × 1,000 repetitions, more than the 1,000,000 runs accepted"),
    );
  });

  it("counts a zip group once when limiting the number of runs", () => {
    const big = { from: 1, to: 1000, step: 1 };
    expect(parseSweep({ vars: { a: big, b: big }, zip: [["a", "b"]], repeat: 1000 }, "sweep").repeat).toBe(1000);
  });
});
