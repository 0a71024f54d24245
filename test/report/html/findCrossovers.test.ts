// Tests of findCrossovers: where two lines of a study chart swap order, located by hand.
import { describe, expect, it } from "vitest";
import { findCrossovers } from "../../../src/report/html/findCrossovers.js";

describe("findCrossovers", () => {
  it("finds where two lines swap order, interpolated on a numeric variable", () => {
    // a: 1, 2, 3; b: 3, 2.5, 1. a − b: −2, −0.5, +2 → the sign changes between x = 2 and x = 4,
    // a quarter of the way along (0.5 / (0.5 + 2) = 0.2): x = 2 + 2 × 0.2 = 2.4, where a = 2 + 0.2 = 2.2.
    const [c, ...rest] = findCrossovers("m", "load", ["0", "2", "4"], true, [
      { label: "a", means: [1, 2, 3] },
      { label: "b", means: [3, 2.5, 1] },
    ]);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({ metric: "m", variable: "load", lines: ["a", "b"], between: ["2", "4"] });
    expect(c.at).toBeCloseTo(2.4, 12);
    expect(c.mean).toBeCloseTo(2.2, 12);
  });

  it("skips missing points, ignores touches, and gives no position on a variable that is not numeric", () => {
    const lines = [
      { label: "a", means: [1, NaN, 3, 3] },
      { label: "b", means: [2, 0, 3, 2] },
    ];
    // 1 < 2, (missing), 3 = 3 (a touch), 3 > 2: the order changes across the touch, where they meet at 3.
    const found = findCrossovers("m", "kind", ["x", "y", "z", "w"], false, lines);
    expect(found).toEqual([{ metric: "m", variable: "kind", lines: ["a", "b"], at: null, mean: 3, between: ["x", "w"] }]);
    expect(findCrossovers("m", "v", ["1", "2"], true, [{ label: "a", means: [1, 2] }, { label: "b", means: [1, 2] }])).toEqual([]);
    // A touch that keeps the order (below, equal, below) is no crossing.
    expect(findCrossovers("m", "v", ["1", "2", "3"], true, [{ label: "a", means: [1, 2, 1] }, { label: "b", means: [2, 2, 2] }])).toEqual([]);
  });
  it("compares only lines one other variable apart: a pair that changes two variables at once is no crossover", () => {
    // Four lines over te × gbps. "te=a, gbps=1" and "te=b, gbps=2" cross but differ in both: not reported;
    // "te=a, gbps=1" and "te=b, gbps=1" cross and differ in te alone: reported.
    const lines = [
      { label: "te=a, gbps=1", means: [1, 3], values: ["a", "1"] },
      { label: "te=a, gbps=2", means: [0, 0.5], values: ["a", "2"] },
      { label: "te=b, gbps=1", means: [2, 2], values: ["b", "1"] },
      { label: "te=b, gbps=2", means: [2.5, 2.5], values: ["b", "2"] },
    ];
    const found = findCrossovers("m", "load", ["0", "1"], true, lines).map((c) => c.lines);
    expect(found).toEqual([["te=a, gbps=1", "te=b, gbps=1"]]);
    // Without values every pair is compared, the cross-diagonal one too.
    const all = findCrossovers("m", "load", ["0", "1"], true, lines.map(({ label, means }) => ({ label, means }))).map((c) => c.lines);
    expect(all).toEqual([["te=a, gbps=1", "te=b, gbps=1"], ["te=a, gbps=1", "te=b, gbps=2"]]);
  });
  it("skips x values where the two lines' 95 % intervals overlap: a crossing inside the noise is none", () => {
    // a − b: −1, +0.2, +1. At x = 1 the intervals overlap (a: [1.5, 2.9], b: [1.8, 2.2]): undecided, skipped.
    // The order is decided at x = 0 (a below) and x = 2 (a above): one crossing, interpolated between 0 and 2.
    const a = { label: "a", means: [1, 2.2, 3], low: [0.9, 1.5, 2.9], high: [1.1, 2.9, 3.1] };
    const b = { label: "b", means: [2, 2, 2], low: [1.9, 1.8, 1.9], high: [2.1, 2.2, 2.1] };
    const [c, ...rest] = findCrossovers("m", "load", ["0", "1", "2"], true, [a, b]);
    expect(rest).toEqual([]);
    expect(c.between).toEqual(["0", "2"]);
    expect(c.at).toBeCloseTo(1, 12); // −1 at 0, +1 at 2: they meet half way.
    // Overlapping at the far end too: the order after never is decided, so no crossing.
    const wide = { ...a, low: [0.9, 1.5, 1.5], high: [1.1, 2.9, 3.5] };
    expect(findCrossovers("m", "load", ["0", "1", "2"], true, [wide, b])).toEqual([]);
    // Unknown intervals (one repetition: NaN) decide nothing and skip nothing.
    const one = { ...a, low: [NaN, NaN, NaN], high: [NaN, NaN, NaN] };
    expect(findCrossovers("m", "load", ["0", "1", "2"], true, [one, b]).map((x) => x.between)).toEqual([["0", "1"]]);
  });
});
