// BoundTimeLists: seconds per bottleneck summed as a map keyed in first-bound order would, lists of several flows interleaved in one array, blocks of three taken before a new block.
import { describe, expect, it } from "vitest";
import { BoundTimeLists } from "../../src/report/BoundTimeLists.js";

/** The (bottleneck, seconds) entries of the list starting at `first`, in list order. */
function entries(lists: BoundTimeLists, first: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  lists.forEach(first, -99, false, 0, (b, s) => out.push([b, s]));
  return out;
}

describe("BoundTimeLists", () => {
  it("create(b, s) starts a list of one entry; add sums into an entry already there and appends a new bottleneck last", () => {
    const lists = new BoundTimeLists();
    const a = lists.create(7, 0.5);
    expect(entries(lists, a)).toEqual([[7, 0.5]]);
    lists.add(a, 3, 0.25);
    lists.add(a, 7, 1);
    lists.add(a, -1, 2);
    expect(entries(lists, a)).toEqual([
      [7, 1.5],
      [3, 0.25],
      [-1, 2],
    ]);
    expect(lists.has(a, 3)).toBe(true);
    expect(lists.has(a, -1)).toBe(true);
    expect(lists.has(a, 4)).toBe(false);
  });

  it("keeps a list's first three entries side by side, and lists made in turn apart, however their appends interleave", () => {
    const lists = new BoundTimeLists();
    const a = lists.create(1, 1);
    const b = lists.create(10, 1);
    // Each list reserves a block of three: b starts three entries after a.
    expect(b - a).toBe(3);
    for (let i = 2; i <= 5; i++) {
      lists.add(a, i, i);
      lists.add(b, 10 * i, i);
    }
    // a's fourth entry started a new block after b's: the next list made starts two blocks on.
    expect(lists.create(99, 1) - b).toBe(9);
    expect(entries(lists, a)).toEqual([1, 2, 3, 4, 5].map((k) => [k, k]));
    expect(entries(lists, b)).toEqual([1, 2, 3, 4, 5].map((k) => [10 * k, k]));
  });

  it("longest: the most seconds with the open interval counted for the current bottleneck, ties to the first; forEach adds it, or lists the current one last", () => {
    const lists = new BoundTimeLists();
    const a = lists.create(1, 2);
    lists.add(a, 2, 3);
    expect(lists.longest(a, 1, 0, -2)).toBe(2);
    expect(lists.longest(a, 1, 1, -2)).toBe(1);
    expect(lists.longest(a, 1, 2, -2)).toBe(1);
    // A current bottleneck with no entry wins only by more than every entry.
    expect(lists.longest(a, 5, 3, -2)).toBe(2);
    expect(lists.longest(a, 5, 3.5, -2)).toBe(5);
    const seen: Array<[number, number]> = [];
    lists.forEach(a, 2, true, 0.5, (b, s) => seen.push([b, s]));
    lists.forEach(a, 7, true, 0.25, (b, s) => seen.push([b, s]));
    lists.forEach(a, 7, false, 0.25, (b, s) => seen.push([b, s]));
    expect(seen).toEqual([
      [1, 2],
      [2, 3.5],
      [1, 2],
      [2, 3],
      [7, 0.25],
      [1, 2],
      [2, 3],
    ]);
  });

  it("grows past its first 256 entries without losing one", () => {
    const lists = new BoundTimeLists();
    const firsts = Array.from({ length: 200 }, (_, f) => lists.create(f, f));
    for (let f = 0; f < firsts.length; f++) for (let k = 1; k < 6; k++) lists.add(firsts[f], 1000 + k, f + k);
    for (let f = 0; f < firsts.length; f++) {
      expect(entries(lists, firsts[f])).toEqual([[f, f], ...[1, 2, 3, 4, 5].map((k) => [1000 + k, f + k])]);
    }
  });
});
