// dropShares: a full drop-tail buffer's drops shared by the flows' arrivals into it — in proportion, and none for a flow that brings nothing.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../../src/core/randomStream.js";
import { dropShares } from "../../../src/transport/tcp/dropShares.js";

describe("dropShares(arrivals, n, drops, random, lost)", () => {
  it("shares the drops as the arrivals: 3:1 arrival rates lose 3:1, a flow with no arrivals none", () => {
    // Arrivals 3, 0 and 1 (the second flow's packets all already queued or sent): 8 drops fall
    // one every half unit of arrivals, 6 in the first flow's 3 and 2 in the third's 1.
    const lost: number[] = [];
    expect(dropShares([3, 0, 1], 3, 8, randomStream(7, "drops"), lost)).toBe(8);
    expect(lost).toEqual([6, 0, 2]);
  });

  it("gives each flow its share rounded down or up, wherever the first drop falls", () => {
    // 5 drops among arrivals 3 and 1: 3.75 and 1.25 expected, so 3 or 4 and 1 or 2, summing to 5.
    for (const u of [0, 0.1, 0.5, 0.9, 0.999999]) {
      const lost: number[] = [];
      dropShares([3, 1], 2, 5, () => u, lost);
      expect(lost[0] + lost[1]).toBe(5);
      expect(lost[0]).toBeGreaterThanOrEqual(3);
      expect(lost[0]).toBeLessThanOrEqual(4);
    }
  });

  it("one drop among equal flows lands on one of them; the same stream gives the same draws", () => {
    const a: number[] = [];
    const b: number[] = [];
    dropShares([1, 1, 1, 1], 4, 1, randomStream(3, "drops"), a);
    dropShares([1, 1, 1, 1], 4, 1, randomStream(3, "drops"), b);
    expect(a.reduce((s, x) => s + x, 0)).toBe(1);
    expect(a).toEqual(b);
  });

  it("places nothing when no flow arrives", () => {
    const lost = [5, 5];
    expect(dropShares([0, 0], 2, 3, randomStream(1, "drops"), lost)).toBe(0);
    expect(lost).toEqual([0, 0]);
  });
});
