// Tests of parseTargets and meetsTarget: "metric<=bound" targets, one sentence for a target that is not one.
import { describe, expect, it } from "vitest";
import { meetsTarget } from "../../../src/report/html/meetsTarget.js";
import { parseTargets } from "../../../src/report/html/parseTargets.js";

const KNOWN = new Set(["fct_p99_s", "gpu_utilization", "bots:total_s_p99"]);

describe("parseTargets", () => {
  it("reads comma-separated targets with any of <=, <, >=, > and spaces around them", () => {
    expect(parseTargets("fct_p99_s <= 0.01, gpu_utilization>0.9,bots:total_s_p99<1e-3", KNOWN)).toEqual([
      { metric: "fct_p99_s", op: "<=", bound: 0.01, text: "fct_p99_s<=0.01" },
      { metric: "gpu_utilization", op: ">", bound: 0.9, text: "gpu_utilization>0.9" },
      { metric: "bots:total_s_p99", op: "<", bound: 0.001, text: "bots:total_s_p99<1e-3" },
    ]);
  });

  it("refuses a target that is not METRIC OP NUMBER, or names a metric no run has", () => {
    expect(() => parseTargets("fct_p99_s=0.01", KNOWN)).toThrow('--target "fct_p99_s=0.01" is not METRIC<=NUMBER (or <, >=, >), e.g. "fct_p99_s<=0.01"');
    expect(() => parseTargets("fct_p99_s<=fast", KNOWN)).toThrow(/is not METRIC<=NUMBER/);
    expect(() => parseTargets("fct_p99<=0.01", KNOWN)).toThrow('--target "fct_p99<=0.01": no run has the metric "fct_p99" (compare.csv\'s metric column; did you mean fct_p99_s?)');
  });

  it("suggests the metric a typo resembles once underscores are ignored, and nothing for a stranger", () => {
    // "fctp99" is 3 edits from fct_p99_s and no substring of it; without underscores, fctp99 → fctp99s is 1.
    expect(() => parseTargets("fctp99<=1", KNOWN)).toThrow(/did you mean fct_p99_s\?\)$/);
    expect(() => parseTargets("gpu_utilisation>=0.9", KNOWN)).toThrow(/did you mean gpu_utilization\?\)$/);
    expect(() => parseTargets("energy_j<1", KNOWN)).toThrow('--target "energy_j<1": no run has the metric "energy_j" (compare.csv\'s metric column)');
  });
});

describe("meetsTarget", () => {
  it("compares with the target's operator, and never meets with no value", () => {
    const t = (op: "<=" | "<" | ">=" | ">") => ({ metric: "m", op, bound: 1, text: "" });
    expect([meetsTarget(1, t("<=")), meetsTarget(1, t("<")), meetsTarget(1, t(">=")), meetsTarget(1, t(">"))]).toEqual([true, false, true, false]);
    expect(meetsTarget(NaN, t("<="))).toBe(false);
  });
});
