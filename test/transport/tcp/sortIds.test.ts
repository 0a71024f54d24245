// sortIds: an overflow's flow ids sorted ascending in place — by insertion up to 32 ids, by Array.prototype.sort beyond, the same order either way.
import { describe, expect, it } from "vitest";
import { sortIds } from "../../../src/transport/tcp/sortIds.js";

/** A seeded linear congruential sequence in [0, 1) (the test's own draws; no Math.random). */
function draws(seed: number): () => number {
  let x = seed >>> 0;
  return () => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x / 2 ** 32;
  };
}

/** `n` distinct ids in [0, 10n), shuffled by `next`. */
function shuffledIds(n: number, next: () => number): number[] {
  const ids = Array.from({ length: n }, (_, i) => i * 10 + Math.floor(next() * 10));
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }
  return ids;
}

describe("sortIds(ids)", () => {
  it("sorts short and long lists of distinct ids ascending, in the same array", () => {
    const next = draws(11);
    // Lengths around the switch from insertion to Array.prototype.sort (32), and the empty and single lists.
    for (const n of [0, 1, 2, 3, 7, 31, 32, 33, 64, 500]) {
      for (let trial = 0; trial < 20; trial++) {
        const ids = shuffledIds(n, next);
        const expected = [...ids].sort((a, b) => a - b);
        const same = ids;
        sortIds(ids);
        expect(ids, `n ${n} trial ${trial}`).toBe(same);
        expect(ids, `n ${n} trial ${trial}`).toEqual(expected);
      }
    }
  });

  it("leaves sorted and reversed lists ascending", () => {
    const up = [1, 4, 9, 16, 25];
    sortIds(up);
    expect(up).toEqual([1, 4, 9, 16, 25]);
    const down = Array.from({ length: 40 }, (_, i) => 40 - i);
    sortIds(down);
    expect(down).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });
});
