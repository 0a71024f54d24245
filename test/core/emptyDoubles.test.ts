// emptyDoubles, emptyRecords: empty arrays, each its own, that take what they are meant to hold.
import { describe, expect, it } from "vitest";
import { emptyDoubles, emptyRecords } from "../../src/core/emptyDoubles.js";

describe("emptyDoubles", () => {
  it("is a new empty array that holds fractions and small integers alike", () => {
    const a = emptyDoubles();
    const b = emptyDoubles();
    expect(a).toEqual([]);
    expect(a).not.toBe(b);
    a.push(0.25, 3, -1.5);
    expect(a).toEqual([0.25, 3, -1.5]);
    expect(b).toHaveLength(0);
  });
});

describe("emptyRecords", () => {
  it("is a new empty array that holds records", () => {
    const a = emptyRecords<{ flow: number }>();
    expect(a).toEqual([]);
    expect(a).not.toBe(emptyRecords());
    a.push({ flow: 1 }, { flow: 2 });
    expect(a.map((r) => r.flow)).toEqual([1, 2]);
  });
});
