// Tests of NumberCells: csvNumber's text per column, formatted again only when the column's value changes.
import { describe, expect, it } from "vitest";
import { csvNumber } from "../../src/report/csvNumber.js";
import { NumberCells } from "../../src/report/NumberCells.js";

describe("NumberCells", () => {
  it("gives csvNumber's text for every value, in any column", () => {
    const cells = new NumberCells();
    const values = [0, -0, 1, 0.1 + 0.2, 2 / 3, NaN, Infinity, -1e-7, 54160000000, 2 / 3, 0.3];
    for (let i = 0; i < values.length; i++) for (const col of [0, 3]) expect(cells.text(col, values[i])).toBe(csvNumber(values[i]));
  });

  it("formats a value again only when it differs from the one in the same column of the row before", () => {
    const formatted: number[] = [];
    const cells = new NumberCells((x) => {
      formatted.push(x);
      return csvNumber(x);
    });
    // Rows of (start, fct): the start repeats down column 0, column 1 alternates.
    const rows = [
      [0.25, 1 / 3],
      [0.25, 2 / 3],
      [0.25, 1 / 3],
      [0.5, 1 / 3],
    ];
    const text = rows.map((r) => r.map((x, col) => cells.text(col, x)));
    expect(text).toEqual(rows.map((r) => r.map(csvNumber)));
    expect(formatted).toEqual([0.25, 1 / 3, 2 / 3, 1 / 3, 0.5]);
  });

  it("never reuses the text of NaN (NaN equals nothing) and writes 0 and −0 alike", () => {
    let calls = 0;
    const cells = new NumberCells((x) => {
      calls++;
      return csvNumber(x);
    });
    expect([cells.text(0, NaN), cells.text(0, NaN)]).toEqual(["", ""]);
    expect(calls).toBe(2);
    expect([cells.text(1, 0), cells.text(1, -0)]).toEqual(["0", "0"]);
    expect(calls).toBe(3);
  });
});
