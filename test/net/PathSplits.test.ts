// PathSplits: smooth weighted round-robin deals flows in proportion to the weights, skips dead paths, and forgets nothing it was not told to.
import { describe, expect, it } from "vitest";
import type { Path } from "../../src/net/kShortestPaths.js";
import { PathSplits } from "../../src/net/PathSplits.js";

const path = (id: number): Path => ({ nodes: [0, id, 9], channels: [id], cost: id });

describe("PathSplits", () => {
  const a = path(1);
  const b = path(2);
  const c = path(3);

  it("deals weights 3 : 1 as a, a, b, a (nginx's smooth order: by hand, counters (3,1) → (−1,1) → (2,2) → (−2,2) → (1,3) → (1,−1) → (4,0) → (0,0))", () => {
    const s = new PathSplits();
    s.set(7, [a, b], [3, 1]);
    const picks = Array.from({ length: 8 }, () => s.pick(7, () => true));
    expect(picks).toEqual([a, a, b, a, a, a, b, a]);
  });

  it("keeps every prefix within one flow of its weight's share", () => {
    const s = new PathSplits();
    const weights = [5e9, 3.75e9, 1.25e9];
    s.set(1, [a, b, c], weights);
    const counts = [0, 0, 0];
    for (let n = 1; n <= 200; n++) {
      const p = s.pick(1, () => true)!;
      counts[[a, b, c].indexOf(p)]++;
      counts.forEach((k, i) => expect(Math.abs(k - (n * weights[i]) / 10e9)).toBeLessThan(1));
    }
  });

  it("skips a dead path and spreads over the others; null without a split or without a usable weighted path", () => {
    const s = new PathSplits();
    s.set(2, [a, b, c], [1, 1, 0]);
    expect(Array.from({ length: 4 }, () => s.pick(2, (p) => p !== a))).toEqual([b, b, b, b]);
    expect(s.pick(3, () => true)).toBeNull();
    expect(s.pick(2, (p) => p === c)).toBeNull();
    s.delete(2);
    expect(s.size).toBe(0);
  });
});
