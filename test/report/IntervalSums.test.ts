// Tests of IntervalSums: spans split at interval boundaries by hand, the boundary rule, and the lookup.
import { describe, expect, it } from "vitest";
import { IntervalSums } from "../../src/report/IntervalSums.js";

/** Series s's triples as [k, a, b] rows. */
function rows(sums: IntervalSums, s: number): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < sums.used[s]; i += 3) out.push([sums.lists[s]![i], sums.lists[s]![i + 1], sums.lists[s]![i + 2]]);
  return out;
}

describe("IntervalSums", () => {
  it("splits a span at the boundaries it crosses and merges spans within one interval", () => {
    const sums = new IntervalSums(0.5, 2);
    sums.addSpan(1, 0.25, 1.25, 4, 2); // 0.25 s in [0, 0.5), 0.5 s in [0.5, 1), 0.25 s in [1, 1.5)
    sums.addSpan(1, 1.25, 1.5, 8, 0); // the rest of [1, 1.5)
    expect(rows(sums, 1)).toEqual([
      [0, 1, 0.5],
      [1, 2, 1],
      [2, 1 + 2, 0.5],
    ]);
    expect(sums.used[0]).toBe(0);
  });

  it("starts interval k at k / (1/Δ) when 1/Δ is whole, else k · Δ", () => {
    expect(new IntervalSums(0.1, 1).startS(3)).toBe(0.3); // 3 · 0.1 = 0.30000000000000004
    expect(new IntervalSums(0.3, 1).startS(3)).toBe(3 * 0.3);
  });

  it("ends a span that starts on a boundary ⌊t / Δ⌋ puts one interval early (0.29 / 0.01 = 28.999…)", () => {
    const sums = new IntervalSums(0.01, 1);
    sums.addSpan(0, 0.29, 0.295, 1, 1);
    expect(rows(sums, 0)).toEqual([[29, 0.295 - 0.29, 0.295 - 0.29]]);
  });

  it("finds an interval's triple, or −1", () => {
    const sums = new IntervalSums(1, 1);
    for (const k of [0, 2, 3, 7]) sums.addSpan(0, k, k + 0.5, 1, 0);
    expect([0, 1, 2, 3, 7, 8].map((k) => sums.indexOf(0, k))).toEqual([0, -1, 3, 6, 9, -1]);
    expect(new IntervalSums(1, 1).indexOf(0, 0)).toBe(-1);
  });
});
