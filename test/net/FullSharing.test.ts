// Tests of FullSharing: the reference SharingEngine keeps rates max-min fair through every kind of change.
import { describe, expect, it } from "vitest";
import { FullSharing } from "../../src/net/FullSharing.js";

const route = (...r: number[]) => Int32Array.from(r);
const changedIds = (e: FullSharing, n: number) => Array.from(e.changedFlows().subarray(0, n)).sort((a, b) => a - b);

describe("FullSharing", () => {
  it("reports a rate change only beyond 1e-13 relative, as IncrementalSharing does (the same bottleneck columns from both)", () => {
    // L0 (C=10): x1 = 10. C moved by 1e-15 relative: the exact rate moves by ~1e-14, below reportedRateMoved's 1e-13 — no change reported.
    const e = new FullSharing(Float64Array.of(10));
    e.addFlow(1, route(0), 1, Infinity);
    expect(e.solve()).toBe(1);
    e.setCapacity(0, 10 * (1 + 1e-15));
    expect(e.solve()).toBe(0);
    expect(e.rateBps(1)).toBe(10);
    // Moved by 1e-9 relative: reported, at the new capacity.
    e.setCapacity(0, 10 * (1 + 1e-9));
    expect(e.solve()).toBe(1);
    expect(e.rateBps(1)).toBe(10 * (1 + 1e-9));
  });

  it("gives a lone flow its route's bottleneck and reports it as changed", () => {
    // L0 (C=10), L1 (C=4): x7 ≤ 10, x7 ≤ 4 ⇒ x7 = 4, limited by L1.
    const e = new FullSharing(Float64Array.of(10, 4));
    e.addFlow(7, route(0, 1), 1, Infinity);
    expect(e.solve()).toBe(1);
    expect(changedIds(e, 1)).toEqual([7]);
    expect(e.rateBps(7)).toBe(4);
    expect(e.bottleneck(7)).toBe(1);
  });

  it("halves a flow's rate when a second flow joins its link, reporting both", () => {
    // L0 (C=10): x1 + x2 ≤ 10 ⇒ 5 each.
    const e = new FullSharing(Float64Array.of(10));
    e.addFlow(1, route(0), 1, Infinity);
    e.solve();
    e.addFlow(2, route(0), 1, Infinity);
    expect(e.solve()).toBe(2);
    expect(changedIds(e, 2)).toEqual([1, 2]);
    expect(e.rateBps(1)).toBe(5);
    expect(e.rateBps(2)).toBe(5);
  });

  it("reports only the flows whose rate changed", () => {
    // L0 (C=10): flows 1, 2; L1 (C=6): flow 3. Adding flow 4 on L1 ⇒ x3 = x4 = 3; L0 untouched.
    const e = new FullSharing(Float64Array.of(10, 6));
    e.addFlow(1, route(0), 1, Infinity);
    e.addFlow(2, route(0), 1, Infinity);
    e.addFlow(3, route(1), 1, Infinity);
    e.solve();
    e.addFlow(4, route(1), 1, Infinity);
    expect(e.solve()).toBe(2);
    expect(changedIds(e, 2)).toEqual([3, 4]);
    expect(e.rateBps(1)).toBe(5);
  });

  it("gives a departed flow's share back to the others", () => {
    // L0 (C=9): three flows at 3; flow 0 leaves ⇒ 4.5 each for flows 1 and 2.
    const e = new FullSharing(Float64Array.of(9));
    for (let f = 0; f < 3; f++) e.addFlow(f, route(0), 1, Infinity);
    e.solve();
    e.removeFlow(0);
    expect(e.solve()).toBe(2);
    expect(e.rateBps(1)).toBe(4.5);
    expect(e.rateBps(0)).toBe(0);
  });

  it("returns 0 from a solve with nothing changed", () => {
    const e = new FullSharing(Float64Array.of(9));
    e.addFlow(0, route(0), 1, Infinity);
    e.solve();
    expect(e.solve()).toBe(0);
  });

  it("follows capacity changes, down to a failed link at 0", () => {
    // L0 (C=8 → 2 → 0): two flows share it equally.
    const e = new FullSharing(Float64Array.of(8));
    e.addFlow(0, route(0), 1, Infinity);
    e.addFlow(1, route(0), 1, Infinity);
    e.solve();
    e.setCapacity(0, 2);
    e.solve();
    expect(e.rateBps(0)).toBe(1);
    e.setCapacity(0, 0);
    expect(e.solve()).toBe(2);
    expect(e.rateBps(1)).toBe(0);
  });

  it("applies a cap change and hands the freed capacity to the neighbour", () => {
    // L0 (C=10): x0 ≤ 2 (cap) ⇒ x0 = 2, x1 = 8; removing the cap ⇒ 5, 5.
    const e = new FullSharing(Float64Array.of(10));
    e.addFlow(0, route(0), 1, Infinity);
    e.addFlow(1, route(0), 1, Infinity);
    e.solve();
    e.setFlowCap(0, 2);
    e.solve();
    expect([e.rateBps(0), e.rateBps(1), e.bottleneck(0)]).toEqual([2, 8, -1]);
    e.setFlowCap(0, Infinity);
    e.solve();
    expect([e.rateBps(0), e.rateBps(1)]).toEqual([5, 5]);
  });

  it("applies a weight change", () => {
    // L0 (C=12): weights 3:1 ⇒ 9 and 3.
    const e = new FullSharing(Float64Array.of(12));
    e.addFlow(0, route(0), 1, Infinity);
    e.addFlow(1, route(0), 1, Infinity);
    e.solve();
    e.setFlowWeight(0, 3);
    e.solve();
    expect([e.rateBps(0), e.rateBps(1)]).toEqual([9, 3]);
  });

  it("keeps its own copy of the capacities", () => {
    const capacity = Float64Array.of(10);
    const e = new FullSharing(capacity);
    capacity[0] = 1;
    e.addFlow(0, route(0), 1, Infinity);
    e.solve();
    expect(e.rateBps(0)).toBe(10);
  });

  it("rejects operations on flows that are not active, and a flow added twice", () => {
    const e = new FullSharing(Float64Array.of(10));
    e.addFlow(0, route(0), 1, Infinity);
    expect(() => e.addFlow(0, route(0), 1, Infinity)).toThrow(/already active/);
    expect(() => e.removeFlow(1)).toThrow(/not active/);
    expect(() => e.setFlowCap(1, 5)).toThrow(/not active/);
    expect(() => e.setFlowWeight(1, 2)).toThrow(/not active/);
    expect(() => e.addFlow(2, route(3), 1, Infinity)).toThrow(/resource 3/);
  });
});
