// Tests of maxMinViolations: it accepts the max-min allocation and names what is wrong with others.
import { describe, expect, it } from "vitest";
import type { SharingProblem } from "../../src/net/maxMinRates.js";
import { maxMinViolations } from "../../src/net/maxMinViolations.js";

// L0 (C=10) carries flows 0 and 1; L1 (C=4) carries flow 0. Max-min: x0 = 4 (L1), x1 = 6 (L0).
const p: SharingProblem = {
  capacityBps: Float64Array.of(10, 4),
  flowCount: 2,
  routeStart: Int32Array.of(0, 2, 3),
  routeResources: Int32Array.of(0, 1, 0),
};

describe("maxMinViolations(problem, rates, bottleneck)", () => {
  it("accepts the max-min allocation", () => {
    expect(maxMinViolations(p, Float64Array.of(4, 6), Int32Array.of(1, 0))).toEqual([]);
  });

  it("reports an overloaded resource", () => {
    expect(maxMinViolations(p, Float64Array.of(4, 7)).join("\n")).toMatch(/resource 0: load 11 exceeds capacity 10/);
  });

  it("reports a flow that could still grow", () => {
    expect(maxMinViolations(p, Float64Array.of(4, 5)).join("\n")).toMatch(/flow 1: .*no resource on its route limits it/);
  });

  it("reports an equal split that starves nobody but is not max-min", () => {
    // x0 = x1 = 4 leaves L0 unsaturated, so flow 1 is not limited.
    expect(maxMinViolations(p, Float64Array.of(4, 4))).toHaveLength(1);
  });

  it("reports a bottleneck id that does not limit its flow", () => {
    expect(maxMinViolations(p, Float64Array.of(4, 6), Int32Array.of(0, 0)).join("\n")).toMatch(/flow 0: bottleneck 0 does not limit it/);
  });

  it("reports a cap bottleneck for a flow below its cap", () => {
    const capped = { ...p, capBps: Float64Array.of(Infinity, 8) };
    expect(maxMinViolations(capped, Float64Array.of(4, 6), Int32Array.of(1, -1)).join("\n")).toMatch(/flow 1: bottleneck -1/);
  });
});
