// Tests of csvNumber: full-precision, locale-free cells, empty for undefined values.
import { describe, expect, it } from "vitest";
import { csvNumber } from "../../src/report/csvNumber.js";

describe("csvNumber", () => {
  it("writes the shortest round-trip form without rounding", () => {
    // 0.1 + 0.2 is 0.30000000000000004 in float64; 1e21 switches to exponent form in JS.
    expect(csvNumber(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(csvNumber(1234567.5)).toBe("1234567.5");
    expect(csvNumber(1e21)).toBe("1e+21");
  });

  it("leaves NaN and infinities empty", () => {
    expect([csvNumber(NaN), csvNumber(Infinity), csvNumber(-Infinity)]).toEqual(["", "", ""]);
  });
});
