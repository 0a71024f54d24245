// Tests of arrivalRateForLoad against hand calculations.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { arrivalRateForLoad } from "../../src/workloads/arrivalRateForLoad.js";

// 4 hosts at 100 Gbps = 12.5e9 B/s each: Σ = 5e10 B/s; at load 0.5 the offered load is 2.5e10 B/s.
const access = [12.5e9, 12.5e9, 12.5e9, 12.5e9];

describe("arrivalRateForLoad(load, hostAccessBps, meanFlowBytes, pattern, fanIn, hostCount)", () => {
  it("uniform and permutation: one flow per arrival, 2.5e10 / 1e6 = 25,000 per second", () => {
    expect(arrivalRateForLoad(0.5, access, 1e6, "uniform")).toBeCloseTo(25_000, 9);
    expect(arrivalRateForLoad(0.5, access, 1e6, "permutation")).toBeCloseTo(25_000, 9);
  });

  it("incast divides by fanIn: 25,000 / 5 = 5,000 per second", () => {
    expect(arrivalRateForLoad(0.5, access, 1e6, "incast", 5)).toBeCloseTo(5_000, 9);
  });

  it("all-to-all divides by n(n−1): 25,000 / 12 per second, n defaulting to the host count", () => {
    expect(arrivalRateForLoad(0.5, access, 1e6, "all-to-all")).toBeCloseTo(25_000 / 12, 9);
    expect(arrivalRateForLoad(0.5, access, 1e6, "all-to-all", undefined, 3)).toBeCloseTo(25_000 / 6, 9);
  });

  it("sums unequal access capacities", () => {
    // 0.8 · (1.25e9 + 5e9) / 2.5e5 = 20,000 per second.
    expect(arrivalRateForLoad(0.8, [1.25e9, 5e9], 2.5e5, "uniform")).toBeCloseTo(20_000, 9);
  });

  it("rejects incast without fanIn, a negative load and a zero mean", () => {
    expect(() => arrivalRateForLoad(0.5, access, 1e6, "incast")).toThrow(InputError);
    expect(() => arrivalRateForLoad(-0.1, access, 1e6, "uniform")).toThrow(/load/);
    expect(() => arrivalRateForLoad(0.5, access, 0, "uniform")).toThrow(/mean flow size/);
  });
});
