// binomial: a seeded Binomial(n, p) draw — exact counting up to 64, a normal approximation above.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../../src/core/randomStream.js";
import { binomial } from "../../../src/transport/tcp/binomial.js";

describe("binomial(random, n, p)", () => {
  it("is n or 0 at p = 1 or 0 without drawing", () => {
    let draws = 0;
    const counting = () => {
      draws++;
      return 0.5;
    };
    expect(binomial(counting, 10, 1)).toBe(10);
    expect(binomial(counting, 10, 0)).toBe(0);
    expect(draws).toBe(0);
  });

  it("counts uniforms below p for n ≤ 64 (n draws)", () => {
    const u = [0.1, 0.6, 0.3, 0.9];
    let i = 0;
    expect(binomial(() => u[i++], 4, 0.5)).toBe(2);
    expect(i).toBe(4);
  });

  it("draws the same from the same stream, stays within [0, n], and averages n·p", () => {
    const a = randomStream(1, "t");
    const b = randomStream(1, "t");
    let sum = 0;
    for (let k = 0; k < 2000; k++) {
      const x = binomial(a, 1000, 0.3);
      expect(x).toBe(binomial(b, 1000, 0.3));
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1000);
      sum += x;
    }
    // Mean 300, standard deviation √210 ≈ 14.5 per draw: over 2,000 draws the mean is within 1.
    expect(sum / 2000).toBeCloseTo(300, -0.3);
  });
});
