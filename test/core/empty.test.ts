import { describe, expect, it } from "vitest";
import { empty } from "../../src/core/empty.js";

describe("empty", () => {
  it("clears a list in place, keeping the same array", () => {
    const list = [3, 1, 2];
    const same = list;
    empty(list);
    expect(list).toHaveLength(0);
    expect(list).toBe(same);
    list.push(7);
    expect(list).toEqual([7]);
  });

  it("leaves an empty list empty", () => {
    const list: string[] = [];
    empty(list);
    expect(list).toEqual([]);
  });
});
