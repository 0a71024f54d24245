// jsonErrorOffset: locates the first JSON syntax error (offset and 1-based line:column).
import { describe, expect, it } from "vitest";
import { jsonErrorOffset, lineColumn } from "../../src/scenario/jsonErrorOffset.js";

describe("jsonErrorOffset", () => {
  it("returns null for valid JSON of every shape", () => {
    for (const text of ['{"a": [1, -2.5e3, true, false, null, "x\\"y"], "b": {}}', "[]", " 3 ", '"s"', "[[[]]]"]) {
      expect(jsonErrorOffset(text), text).toBeNull();
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it("points at the offending character", () => {
    expect(jsonErrorOffset('{"a": 1,}')?.offset).toBe(8); // the "}" where a key should be
    expect(jsonErrorOffset("[1, 2,]")?.offset).toBe(6);
    expect(jsonErrorOffset('{"a" 1}')?.offset).toBe(5);
    expect(jsonErrorOffset('{"a": tru}')?.offset).toBe(6);
    expect(jsonErrorOffset("{a: 1}")?.offset).toBe(1);
    expect(jsonErrorOffset('{"a": 1} x')?.offset).toBe(9);
  });

  it("reports an unexpected end of input", () => {
    const r = jsonErrorOffset('{"a": [1, 2');
    expect(r?.offset).toBe(11);
    expect(r?.reason).toContain("unexpected end of input");
  });

  it("converts an offset to a 1-based line and column", () => {
    const text = "ab\ncd\nef";
    expect(lineColumn(text, 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn(text, 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn(text, 6)).toEqual({ line: 3, column: 1 });
  });
});
