// BoundTimeLists: seconds per bottleneck summed as a map keyed in first-bound order would, lists of several flows interleaved in one array, blocks of three taken before a new block.
import { describe, expect, it } from "vitest";
import { BoundTimeLists } from "../../src/report/BoundTimeLists.js";

/** The (bottleneck, seconds) entries of the list starting at `first`, in list order. */
function entries(lists: BoundTimeLists, first: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let e = first; e >= 0; e = lists.next(e)) out.push([lists.bottleneckAt(e), lists.secondsAt(e)]);
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
    // a's second and third entries follow its first; its fourth starts a new block after b's.
    expect(lists.next(a)).toBe(a + 1);
    expect(lists.next(a + 1)).toBe(a + 2);
    expect(lists.next(a + 2)).toBeGreaterThan(b + 2);
    expect(entries(lists, a)).toEqual([1, 2, 3, 4, 5].map((k) => [k, k]));
    expect(entries(lists, b)).toEqual([1, 2, 3, 4, 5].map((k) => [10 * k, k]));
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
