// Tests of ResourceLists: appending, swap-removing and growing the per-resource lists of flows.
import { describe, expect, it } from "vitest";
import { ResourceLists } from "../../../src/net/incremental/ResourceLists.js";

function listOf(l: ResourceLists, r: number): number[] {
  return Array.from(l.slot.subarray(l.span[2 * r], l.span[2 * r] + l.span[2 * r + 1]));
}

describe("ResourceLists", () => {
  it("appends flows in order and returns each one's position", () => {
    const l = new ResourceLists(3);
    expect([l.append(1, 7), l.append(1, 8), l.append(2, 9), l.append(1, 10)]).toEqual([0, 1, 0, 2]);
    expect([listOf(l, 0), listOf(l, 1), listOf(l, 2)]).toEqual([[], [7, 8, 10], [9]]);
  });

  it("removes by moving the last entry into the hole and names the flow it moved", () => {
    const l = new ResourceLists(1);
    for (const f of [4, 5, 6, 7]) l.append(0, f);
    expect(l.remove(0, 1)).toBe(7);
    expect(listOf(l, 0)).toEqual([4, 7, 6]);
    expect(l.remove(0, 2)).toBe(-1);
    expect(listOf(l, 0)).toEqual([4, 7]);
  });

  it("keeps every list intact while lists outgrow their room and the pool is compacted", () => {
    const R = 5;
    const l = new ResourceLists(R);
    const expected: number[][] = Array.from({ length: R }, () => []);
    for (let i = 0; i < 2000; i++) {
      const r = (i * 7) % R;
      if (i % 5 === 4 && expected[r].length > 0) {
        const p = i % expected[r].length;
        const moved = l.remove(r, p);
        const last = expected[r].pop()!;
        if (p < expected[r].length) {
          expect(moved).toBe(last);
          expected[r][p] = last;
        } else expect(moved).toBe(-1);
      } else {
        expect(l.append(r, i)).toBe(expected[r].length);
        expected[r].push(i);
      }
    }
    for (let r = 0; r < R; r++) expect(listOf(l, r), `resource ${r}`).toEqual(expected[r]);
  });

  it("lays the lists out again with fitted room once the pool spans more than twice that", () => {
    const R = 8;
    const l = new ResourceLists(R);
    const expected: number[][] = Array.from({ length: R }, () => []);
    // Every list grows to 40 entries (rooms of 64), then shrinks to r % 3 entries: rooms stay large.
    for (let i = 0; i < 40; i++) {
      for (let r = 0; r < R; r++) {
        l.append(r, 100 * r + i);
        expected[r].push(100 * r + i);
      }
    }
    for (let r = 0; r < R; r++) {
      while (expected[r].length > r % 3) {
        expected[r].pop();
        l.remove(r, expected[r].length);
      }
    }
    const before = Array.from({ length: R }, (_, r) => l.span[2 * r]);
    // Resource 1 grows again until some other list moves: only a repack moves another list.
    let moved = false;
    for (let i = 0; i < 1000 && !moved; i++) {
      expected[1].push(5000 + i);
      l.append(1, 5000 + i);
      for (let r = 0; r < R; r++) if (r !== 1 && l.span[2 * r] !== before[r]) moved = true;
    }
    expect(moved).toBe(true);
    // Right after the repack every list starts where the ones before it, each with the least power of two above its count (at least 2), end.
    let at = l.span[0];
    for (let r = 0; r < R; r++) {
      expect(l.span[2 * r], `resource ${r}`).toBe(at);
      expect(listOf(l, r), `resource ${r}`).toEqual(expected[r]);
      let room = 2;
      while (room <= expected[r].length) room *= 2;
      at += room;
    }
  });
});

