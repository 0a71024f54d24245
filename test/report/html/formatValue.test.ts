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
    expect(formatValue(NaN, "s")).toBe("—");
  });
});
