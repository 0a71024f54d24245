// logGamma: ln Γ against factorials and Γ(½) = √π.
import { describe, expect, it } from "vitest";
import { logGamma } from "../../src/sweep/logGamma.js";

describe("logGamma", () => {
  it("gives ln((n − 1)!) at the integers", () => {
    let factorial = 1;
    for (let n = 1; n <= 20; n++) {
      expect(logGamma(n), `n=${n}`).toBeCloseTo(Math.log(factorial), 12);
      factorial *= n;
    }
  });

  it("gives ln √π at ½ and ln(√π/2) at 3/2", () => {
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(1.5)).toBeCloseTo(0.5 * Math.log(Math.PI) - Math.LN2, 14);
  });

  it("satisfies Γ(x + 1) = x·Γ(x) for small x", () => {
    for (const x of [1e-8, 0.01, 0.3]) expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 12);
  });

  it("is NaN outside its domain", () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1)).toBeNaN();
  });
});
