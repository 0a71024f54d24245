// Tests of parseCsvText: report CSVs as written by fast-csv, quoted cells included, read back cell for cell.
import { describe, expect, it } from "vitest";
import { parseCsvText } from "../../../src/report/html/parseCsvText.js";

describe("parseCsvText", () => {
  it("splits plain text on newlines and commas, keeping empty cells", () => {
    expect(parseCsvText("a,b,c\n1,,3\n4,5,\n")).toEqual({ header: ["a", "b", "c"], rows: [["1", "", "3"], ["4", "5", ""]] });
  });

  it("reads quoted cells holding commas, doubled quotes and newlines, and CRLF line ends", () => {
    const text = 'id,src\r\n"a,b",x\r\n"say ""hi""",y\n"two\nlines",z\n';
    expect(parseCsvText(text).rows).toEqual([["a,b", "x"], ['say "hi"', "y"], ["two\nlines", "z"]]);
  });

  it("gives the same rows on both paths, and nothing for an empty text", () => {
    expect(parseCsvText('h\n"1"\n').rows).toEqual(parseCsvText("h\n1\n").rows);
    expect(parseCsvText("")).toEqual({ header: [], rows: [] });
    expect(parseCsvText("a,b").rows).toEqual([]);
  });
});
