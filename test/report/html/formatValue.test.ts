// Tests of formatValue: numbers for reading, to 4 significant digits in the unit that suits them.
import { describe, expect, it } from "vitest";
import { formatValue } from "../../../src/report/html/formatValue.js";

describe("formatValue", () => {
  it("scales seconds, bytes and rates", () => {
    expect(formatValue(0.00639602860064, "s")).toBe("6.396 ms");
    expect(formatValue(0.0000346668021053, "s")).toBe("34.67 µs");
    expect(formatValue(1.2177, "s")).toBe("1.218 s");
    expect(formatValue(8985652487, "bytes")).toBe("8.986 GB");
    expect(formatValue(3972.73669722, "gbps")).toBe("3.973 Tb/s");
    expect(formatValue(88.9, "gbps")).toBe("88.9 Gb/s");
  });

  it("writes shares as percentages, dollars with cents, counts with separators, and a dash for nothing", () => {
    expect(formatValue(0.9765, "share")).toBe("97.7%");
    expect(formatValue(1234.5, "usd")).toBe("$1,234.50");
    expect(formatValue(0.003149, "usd")).toBe("$0.003149");
    expect(formatValue(21504, "count")).toBe("21,504");
  });

  it("writes dollars under $1 to 4 significant digits, so a search's costs of a few cents read apart (agents-replicas: $0.0211 and $0.0245 both read $0.02)", () => {
    expect(formatValue(0.0211321700056, "usd")).toBe("$0.02113");
    expect(formatValue(0.0245075630255, "usd")).toBe("$0.02451");
    expect(formatValue(0.142157537832, "usd")).toBe("$0.1422");
    expect(formatValue(0.5, "usd")).toBe("$0.50");
    expect(formatValue(-0.25, "usd")).toBe("$-0.25");
    expect(formatValue(0.99996, "usd")).toBe("$1.00");
    expect(formatValue(2.0694, "usd")).toBe("$2.07");
    // Read back, every amount from $0.001 to $1 is within half a unit of its 4th significant digit.
    for (let x = 0.001; x < 1; x *= 1.0137) {
      const shown = Number(formatValue(x, "usd").replace("$", ""));
      expect(Math.abs(shown - x), `${x} shown ${formatValue(x, "usd")}`).toBeLessThanOrEqual(5e-4 * x + 1e-15);
    }
    expect(formatValue(NaN, "s")).toBe("—");
  });
});
