// Tests of randomStream and exponential: reproducibility, independence by name, and the exponential mean.
import { describe, expect, it } from "vitest";
import { exponential, randomStream } from "../../src/core/randomStream.js";

const draw = (rng: () => number, n: number) => Array.from({ length: n }, rng);

describe("randomStream", () => {
  it("gives the same sequence for the same seed and name", () => {
    expect(draw(randomStream(42, "traffic"), 1000)).toEqual(draw(randomStream(42, "traffic"), 1000));
    expect(draw(randomStream("s", "x"), 10)).toEqual(draw(randomStream("s", "x"), 10));
  });

  it("gives different sequences for different names under one seed", () => {
    const a = draw(randomStream(42, "traffic"), 100);
    const b = draw(randomStream(42, "agents"), 100);
    expect(a.filter((v, i) => v === b[i]).length).toBe(0);
  });

  it("gives different sequences for different seeds under one name", () => {
    const a = draw(randomStream(1, "traffic"), 100);
    const b = draw(randomStream(2, "traffic"), 100);
    expect(a.filter((v, i) => v === b[i]).length).toBe(0);
  });

  it("does not let the seed and the name run together", () => {
    // "1" + "2x" and "12" + "x" must be different streams.
    expect(draw(randomStream(1, "2x"), 10)).not.toEqual(draw(randomStream(12, "x"), 10));
  });

  it("draws uniforms in [0, 1)", () => {
    const xs = draw(randomStream(7, "uniform"), 10_000);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe("exponential", () => {
  it("has the requested mean within 4 standard errors over 1e5 draws", () => {
    const mean = 2.5;
    const n = 100_000;
    const rng = randomStream(3, "exponential");
    let sum = 0;
    for (let i = 0; i < n; i++) sum += exponential(rng, mean);
    // An exponential's standard deviation equals its mean, so the standard error is mean/sqrt(n).
    const standardError = mean / Math.sqrt(n);
    expect(Math.abs(sum / n - mean)).toBeLessThan(4 * standardError);
  });

  it("draws only positive finite values", () => {
    const rng = randomStream(4, "exponential");
    const xs = Array.from({ length: 10_000 }, () => exponential(rng, 1));
    expect(xs.every((x) => x >= 0 && Number.isFinite(x))).toBe(true);
  });
});
