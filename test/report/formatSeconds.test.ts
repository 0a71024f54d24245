// formatSeconds: the terminal summary's seconds — µs, ms or s to 4 significant digits, the same as the HTML page's.
import { describe, expect, it } from "vitest";
import { formatSeconds } from "../../src/report/formatSeconds.js";
import { formatValue } from "../../src/report/html/formatValue.js";

describe("formatSeconds", () => {
  it("writes µs below 1 ms, ms below 1 s, else s, to 4 significant digits", () => {
    expect(formatSeconds(7.016e-5)).toBe("70.16 µs");
    expect(formatSeconds(0.0002282)).toBe("228.2 µs");
    expect(formatSeconds(0.03854)).toBe("38.54 ms");
    expect(formatSeconds(2.4565)).toBe("2.457 s");
    expect(formatSeconds(0)).toBe("0 s");
    expect(formatSeconds(NaN)).toBe("—");
  });

  it("agrees with the HTML page's formatValue(x, 's') everywhere", () => {
    for (const x of [0, 1e-9, 3.3e-7, 7.016e-5, 9.99949e-4, 1e-3, 0.5, 0.99996, 1, 59.5, 1e6, -2e-4, NaN, Infinity]) {
      expect(formatSeconds(x), String(x)).toBe(formatValue(x, "s"));
    }
  });
});
