// findNonFiniteNumber: the first infinite or NaN number of a document, with its key path.
import { describe, expect, it } from "vitest";
import { load as loadYaml } from "js-yaml";
import { findNonFiniteNumber } from "../../src/scenario/findNonFiniteNumber.js";

describe("findNonFiniteNumber", () => {
  it("is null when every number is finite, however large", () => {
    expect(findNonFiniteNumber({ a: [1, 2.5, -1e308, { b: Number.MAX_VALUE }], c: "inf", d: null, e: true })).toBeNull();
  });

  it("names YAML's .inf, -.inf and .nan by their key path", () => {
    expect(findNonFiniteNumber(loadYaml("workloads:\n  - traffic: { load: .inf }"))).toEqual({
      keyPath: "workloads[0].traffic.load",
      message: "found infinity (.inf, or a literal too large for a 64-bit float) — every number in a scenario must be finite",
    });
    expect(findNonFiniteNumber(loadYaml("a: { b: [1, -.inf] }"))?.keyPath).toBe("a.b[1]");
    expect(findNonFiniteNumber(loadYaml("a: { b: [1, -.inf] }"))?.message).toContain("found minus infinity (-.inf");
    expect(findNonFiniteNumber(loadYaml("x: .nan"))).toEqual({ keyPath: "x", message: "found NaN (.nan), not a number — every number in a scenario must be finite" });
  });

  it("catches JSON literals too large for a double", () => {
    expect(findNonFiniteNumber(JSON.parse('{"seed": 1e400}'))?.keyPath).toBe("seed");
  });

  it("reports the first in document order", () => {
    expect(findNonFiniteNumber({ a: 1, b: [0, NaN], c: Infinity })?.keyPath).toBe("b[1]");
    expect(findNonFiniteNumber([[Infinity], NaN])?.keyPath).toBe("[0][0]");
  });

  it("reports a bare non-finite document with an empty key path", () => {
    expect(findNonFiniteNumber(Infinity)?.keyPath).toBe("");
  });
});
