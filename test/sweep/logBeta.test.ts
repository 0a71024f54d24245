// logBeta: ln B(a, b) against closed forms, including very large arguments.
import { describe, expect, it } from "vitest";
import { logBeta } from "../../src/sweep/logBeta.js";

describe("logBeta", () => {
  it("gives ln π at (½, ½) and −ln b at (1, b)", () => {
    // B(½, ½) = Γ(½)² = π; B(1, b) = Γ(1)Γ(b)/Γ(b + 1) = 1/b.
    expect(logBeta(0.5, 0.5)).toBeCloseTo(Math.log(Math.PI), 14);
    for (const b of [2, 9.5, 10, 19.9, 20, 50, 1e6, 1e12]) {
      expect(logBeta(1, b) / -Math.log(b), `b=${b}`).toBeCloseTo(1, 13);
      expect(logBeta(b, 1) / -Math.log(b), `b=${b}`).toBeCloseTo(1, 13);
    }
  });

  it("keeps ln B(ν/2, ½) accurate for huge ν (no cancellation of ln Γ terms)", () => {
    // B(a, ½) = √π·Γ(a)/Γ(a + ½) and Γ(a + ½)/Γ(a) = √a·(1 − 1/(8a) + O(a⁻²)), so
    // ln B(a, ½) = ½·ln(π/a) + 1/(8a) + O(a⁻²), the O term ≈ 1e-18 at a = 5e8.
    const a = 5e8;
    expect(logBeta(a, 0.5)).toBeCloseTo(0.5 * Math.log(Math.PI / a) + 1 / (8 * a), 14);
  });
});
