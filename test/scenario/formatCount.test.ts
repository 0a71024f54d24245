// formatCount: counts for messages, grouped as toLocaleString("en-US") groups them, and very large ones in three digits.
import { describe, expect, it } from "vitest";
import { formatCount } from "../../src/scenario/formatCount.js";

describe("formatCount", () => {
  it("writes counts as toLocaleString('en-US') does, and large ones in three digits", () => {
    const values = [0, -0, 0.4, -0.4, 1, 7, 999, 999.5, 1000, 1234, 12345, 123456, 1234567, 20_000, 1e6, 999_999_999_999_999, -1, -1234.5, -1e15, 2.5, 1e14 + 0.5];
    for (let e = 0; e < 15; e++) for (const m of [1, 1.5, 3.3, 9.99]) values.push(m * 10 ** e);
    for (const n of values) expect(formatCount(n), String(n)).toBe(Math.round(n).toLocaleString("en-US"));
    expect(formatCount(1e15)).toBe("1.00e+15");
    expect(formatCount(Infinity)).toBe("infinitely many");
  });
});
