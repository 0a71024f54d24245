// checkValueBudget: counts values through shared references and bounds nesting depth.
import { describe, expect, it } from "vitest";
import { checkValueBudget } from "../../src/scenario/checkValueBudget.js";

describe("checkValueBudget", () => {
  it("counts a shared list once per place it is used", () => {
    const leaf = [1, 2, 3]; // 4 values: the list and its 3 items
    const doc = { a: leaf, b: leaf }; // 1 + 2 × 4 = 9 values
    expect(checkValueBudget(doc, 9, 64)).toBeNull();
    expect(checkValueBudget(doc, 8, 64)).toContain("more than 8 values");
  });

  it("accepts exactly the depth limit and refuses one more level", () => {
    const nest = (levels: number) => {
      let v: unknown = 0;
      for (let i = 0; i < levels; i++) v = [v];
      return v;
    };
    // nest(n) has containers at depths 0 … n-1.
    expect(checkValueBudget(nest(3), 100, 3)).toBeNull();
    expect(checkValueBudget(nest(4), 100, 3)).toBe("the document nests more than 3 levels deep");
  });
});
