// NameColumn: names kept as indexes of the names seen, in order of first appearance.
import { describe, expect, it } from "vitest";
import { NameColumn } from "../../src/workloads/NameColumn.js";

describe("NameColumn", () => {
  it("keeps each row's name as the index of its first appearance", () => {
    const c = new NameColumn();
    c.grow(6);
    ["b", "b", "a", "c", "a", "b"].forEach((name, row) => c.set(row, name));
    expect(c.names).toEqual(["b", "a", "c"]);
    expect(Array.from(c.index)).toEqual([0, 0, 1, 2, 1, 0]);
    expect([0, 1, 2, 3, 4, 5].map((r) => c.nameOf(r)).join("")).toBe("bbacab");
  });

  it("keeps the rows set when it grows", () => {
    const c = new NameColumn();
    c.grow(1);
    c.set(0, "x");
    c.grow(3);
    c.set(2, "y");
    expect([c.nameOf(0), c.nameOf(2)]).toEqual(["x", "y"]);
  });
});
