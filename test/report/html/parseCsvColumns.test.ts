// Tests of parseCsvColumns: the chosen columns of a CSV, equal to what parseCsvText reads, quoted or not.
import { describe, expect, it } from "vitest";
import { parseCsvColumns } from "../../../src/report/html/parseCsvColumns.js";

describe("parseCsvColumns", () => {
  const TEXT = "id,size_bytes,fct_s,status\nweb-0,100,0.5,done\nweb-1,200,,failed\r\n\nweb-2,300,1.5,done\n";

  it("keeps the named text and number columns; empty cells are NaN, blank lines are skipped", () => {
    const c = parseCsvColumns(TEXT, ["id", "status"], ["size_bytes", "fct_s"]);
    expect(c.rows).toBe(3);
    expect(c.text("id")).toEqual(["web-0", "web-1", "web-2"]);
    expect(c.text("status")).toEqual(["done", "failed", "done"]);
    expect([...c.num("size_bytes")]).toEqual([100, 200, 300]);
    expect([...c.num("fct_s")]).toEqual([0.5, NaN, 1.5]);
  });

  it("reads a column the file lacks, or that was not asked for, as empty text and NaN", () => {
    const c = parseCsvColumns(TEXT, ["id"], ["handshake_s"]);
    expect(c.has("handshake_s")).toBe(false);
    expect(c.has("status")).toBe(true);
    expect(c.text("status")).toEqual(["", "", ""]);
    expect([...c.num("handshake_s")]).toEqual([NaN, NaN, NaN]);
  });

  it("gives the same columns for a file with quoted cells, and for short rows", () => {
    const quoted = parseCsvColumns('id,size_bytes\n"a,b",1\n"c""d",2\n', ["id"], ["size_bytes"]);
    expect(quoted.text("id")).toEqual(["a,b", 'c"d']);
    expect([...quoted.num("size_bytes")]).toEqual([1, 2]);
    const short = parseCsvColumns("a,b,c\n1\n", ["c"], ["b"]);
    expect(short.text("c")).toEqual([""]);
    expect([...short.num("b")]).toEqual([NaN]);
    expect(parseCsvColumns("", ["a"], []).rows).toBe(0);
  });
});
