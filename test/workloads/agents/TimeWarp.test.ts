// TimeWarp: the base clock of an arrival process under piecewise-constant rate factors, against hand-computed mappings.
import { describe, expect, it } from "vitest";
import { TimeWarp } from "../../../src/workloads/agents/TimeWarp.js";

describe("TimeWarp", () => {
  it("is the identity, bit for bit, until a factor is set", () => {
    const w = new TimeWarp(2);
    for (const u of [0.1, 2, 3.3, 1e9, Infinity]) expect(w.realAt(u)).toBe(u);
  });

  it("×2 from 10 s to 20 s: base 10…30 maps to 10…20, later base times shift 10 s earlier", () => {
    const w = new TimeWarp(0);
    w.setFactor(10, 2);
    expect(w.realAt(16)).toBeCloseTo(13, 12);
    expect(w.baseAt(20)).toBeCloseTo(30, 12);
    w.setFactor(20, 1);
    expect(w.realAt(31)).toBeCloseTo(21, 12);
    expect(w.realAt(Infinity)).toBe(Infinity);
  });

  it("a factor set before the start only changes the rate from the start on", () => {
    // Start 5 s, ×4 set at 1 s: base 5 + x is reached at 5 + x/4.
    const w = new TimeWarp(5);
    w.setFactor(1, 4);
    expect(w.realAt(9)).toBeCloseTo(6, 12);
    expect(w.realAt(5)).toBe(5);
  });

  it("factors compose over consecutive windows: ×3 on [0, 1), ×0.5 on [1, 3)", () => {
    // Base at 1 s = 3; at 3 s = 3 + 2 × 0.5 = 4. Base 3.5 is reached at 1 + 0.5/0.5 = 2 s.
    const w = new TimeWarp(0);
    w.setFactor(0, 3);
    w.setFactor(1, 0.5);
    expect(w.baseAt(3)).toBeCloseTo(4, 12);
    expect(w.realAt(3.5)).toBeCloseTo(2, 12);
  });
});
