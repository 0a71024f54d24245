// plainValues: the shape tests of the fast scenario readers accept exactly what YAML and JSON parsers make of a mapping, an id and a key set.
import { describe, expect, it } from "vitest";
import { isId, isPlainObject, onlyKeys } from "../../src/scenario/plainValues.js";

describe("plainValues", () => {
  it("isPlainObject: parsed mappings only", () => {
    expect(isPlainObject(JSON.parse('{"a": 1}'))).toBe(true);
    for (const v of [null, [], "x", 1, new Map(), new Date(0), Object.create(null)]) expect(isPlainObject(v)).toBe(false);
  });

  it("isId: non-empty strings only", () => {
    expect(isId("h0")).toBe(true);
    for (const v of ["", 0, null, undefined, ["h0"]]) expect(isId(v)).toBe(false);
  });

  it("onlyKeys: every own key in the set; an inherited key counts as foreign", () => {
    const keys = new Set(["from", "to"]);
    expect(onlyKeys({ from: "a", to: "b" }, keys)).toBe(true);
    expect(onlyKeys({}, keys)).toBe(true);
    expect(onlyKeys({ from: "a", too: "b" }, keys)).toBe(false);
    const inherited = Object.create({ from: "a" }) as Record<string, unknown>;
    expect(onlyKeys(inherited, keys)).toBe(false);
  });
});
