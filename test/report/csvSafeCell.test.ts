// Tests of csvSafeCell: formula-like text gets a leading quote (OWASP), numbers and plain text stay as they are.
import { describe, expect, it } from "vitest";
import { csvSafeCell } from "../../src/report/csvSafeCell.js";

describe("csvSafeCell", () => {
  it("prefixes text starting with = + - @ tab or CR with a single quote", () => {
    expect(csvSafeCell("=1+2")).toBe("'=1+2");
    expect(csvSafeCell("+cmd|' /C calc'!A0")).toBe("'+cmd|' /C calc'!A0");
    expect(csvSafeCell("-2+3")).toBe("'-2+3");
    expect(csvSafeCell("@SUM(A1:A9)")).toBe("'@SUM(A1:A9)");
    expect(csvSafeCell("\t=1")).toBe("'\t=1");
    expect(csvSafeCell("\r=1")).toBe("'\r=1");
    expect(csvSafeCell("-")).toBe("'-");
    expect(csvSafeCell("-Infinity")).toBe("'-Infinity");
  });

  it("leaves numbers, empty cells, plain text and already quoted cells unchanged", () => {
    for (const cell of ["-1.5", "-2e-7", "+3", "-0", "-.5", "1e+21", "", "a=b", "h0g1", "a->b", "'=already"]) expect(csvSafeCell(cell)).toBe(cell);
  });
});
