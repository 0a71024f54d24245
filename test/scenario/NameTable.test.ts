// NameTable numbers distinct byte strings in order of first appearance, through rehashing, with one string each.
import { describe, expect, it } from "vitest";
import { NameTable } from "../../src/scenario/NameTable.js";

describe("NameTable", () => {
  it("gives each distinct name one number, in order of first appearance, for 50,000 names met twice", () => {
    const t = new NameTable();
    const names = Array.from({ length: 50_000 }, (_, i) => `node-${i}-é`);
    const bytes = Buffer.from(names.join("|"));
    const ranges: Array<[number, number]> = [];
    let at = 0;
    for (const n of names) {
      const len = Buffer.byteLength(n);
      ranges.push([at, at + len]);
      at += len + 1;
    }
    ranges.forEach(([s, e], i) => expect(t.intern(bytes, s, e)).toBe(i));
    ranges.forEach(([s, e], i) => expect(t.intern(bytes, s, e)).toBe(i));
    expect(t.size).toBe(50_000);
    expect(t.names).toEqual(names);
  });

  it("tells apart names of equal length and prefixes, and the empty name", () => {
    const t = new NameTable();
    const b = Buffer.from("abbaabab");
    expect(t.intern(b, 0, 2)).toBe(0); // ab
    expect(t.intern(b, 2, 4)).toBe(1); // ba
    expect(t.intern(b, 4, 6)).toBe(0); // ab
    expect(t.intern(b, 0, 1)).toBe(2); // a
    expect(t.intern(b, 0, 0)).toBe(3); // ""
    expect(t.names).toEqual(["ab", "ba", "a", ""]);
  });
});
