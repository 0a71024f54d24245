// Tests of randomDerangement: no fixed points, a bijection, uniform over derangements.
import { describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { randomStream } from "../../src/core/randomStream.js";
import { randomDerangement } from "../../src/workloads/randomDerangement.js";

describe("randomDerangement(n, rng)", () => {
  it("is a permutation of 0..n−1 without fixed points", () => {
    const rng = randomStream(5, "derangement");
    for (let n = 2; n <= 40; n++) {
      const p = randomDerangement(n, rng);
      expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      p.forEach((v, i) => expect(v).not.toBe(i));
    }
  });

  it("picks each of the 2 derangements of 3 elements half the time", () => {
    // Count of [1,2,0] ~ Binomial(4000, 1/2): σ = √(4000/4) ≈ 31.6.
    const rng = randomStream(5, "derangement3");
    let cyclic = 0;
    for (let i = 0; i < 4000; i++) {
      const p = randomDerangement(3, rng);
      if (p[0] === 1) cyclic++;
      else expect([...p]).toEqual([2, 0, 1]);
    }
    expect(Math.abs(cyclic - 2000)).toBeLessThan(4 * Math.sqrt(1000));
  });

  it("rejects fewer than 2 elements", () => {
    expect(() => randomDerangement(1, randomStream(1, "x"))).toThrow(InputError);
  });
});
