// Tests of bottleneckAmongTies: among resources that bind a flow at the same share, both engines report the first along its route.
import { describe, expect, it } from "vitest";
import { bottleneckAmongTies } from "../../src/net/bottleneckAmongTies.js";
import { FullSharing } from "../../src/net/FullSharing.js";
import { IncrementalSharing } from "../../src/net/IncrementalSharing.js";
import { saturatedShare } from "../../src/net/saturatedShare.js";

const route = (...r: number[]) => Int32Array.from(r);

describe("saturatedShare", () => {
  it("is the largest share on a saturated resource, -1 on one with room, and absorbs round-off", () => {
    expect(saturatedShare(10, 10, 5)).toBe(5);
    expect(saturatedShare(10 - 1e-14, 10, 5)).toBe(5);
    expect(saturatedShare(9, 10, 5)).toBe(-1);
    expect(saturatedShare(0, 0, 0)).toBe(0);
  });
});

describe("bottleneckAmongTies", () => {
  it("takes the first binding resource along the route, skipping one with room or a larger share", () => {
    // Resources 0…3: 0 has room, 1 is saturated with a larger share (6) on it, 2 and 3 bind at 5.
    const top = Float64Array.of(-1, 6, 5, 5);
    expect(bottleneckAmongTies(route(0, 1, 3, 2), 0, 4, 5, 5, Infinity, top, 2)).toBe(3);
    expect(bottleneckAmongTies(route(0, 1, 2, 3), 0, 4, 5, 5, Infinity, top, 3)).toBe(2);
    // Within the tie slack (relative 1e-12): still binding.
    expect(bottleneckAmongTies(route(3), 0, 1, 5 * (1 - 1e-14), 5, Infinity, top, -1)).toBe(3);
    // No resource binds: its own cap (-1), else the engine's witness.
    expect(bottleneckAmongTies(route(0, 1), 0, 2, 5, 5, 5, top, 1)).toBe(-1);
    expect(bottleneckAmongTies(route(0, 1), 0, 2, 5, 5, Infinity, top, 1)).toBe(1);
    // A cap that binds too loses to a binding resource.
    expect(bottleneckAmongTies(route(0, 2), 0, 2, 5, 5, 5, top, -1)).toBe(2);
  });

  it("reads resource r's share at stride × r when the shares sit in records", () => {
    // The same shares as above, every other double: a record of two per resource.
    const records = Float64Array.of(-1, 0, 6, 0, 5, 0, 5, 0);
    expect(bottleneckAmongTies(route(0, 1, 3, 2), 0, 4, 5, 5, Infinity, records, 2, 2)).toBe(3);
    expect(bottleneckAmongTies(route(0, 1), 0, 2, 5, 5, Infinity, records, 1, 2)).toBe(1);
  });
});

describe.each([
  ["FullSharing", (c: Float64Array) => new FullSharing(c)],
  ["IncrementalSharing", (c: Float64Array) => new IncrementalSharing(c)],
])("%s reports the first of tied bottlenecks along the route", (_name, make) => {
  it("whatever order the resources saturated in", () => {
    // B = resource 0 (C=20), A = resource 1 (C=10). f crosses B then A.
    // f alone: x_f ≤ 20, x_f ≤ 10 ⇒ x_f = 10, only A saturated ⇒ bottleneck A.
    const e = make(Float64Array.of(20, 10));
    e.addFlow(0, route(0, 1), 1, Infinity);
    e.solve();
    expect([e.rateBps(0), e.bottleneck(0)]).toEqual([10, 1]);
    // h crosses B only: x_f + x_h ≤ 20, x_f ≤ 10 ⇒ 10 each. B saturates with no share above
    // f's, so B binds f as A does: the tie goes to B, first on f's route (the incremental
    // engine holds f at A, where the fill had frozen it).
    e.addFlow(1, route(0), 1, Infinity);
    e.solve();
    expect([e.rateBps(0), e.rateBps(1), e.bottleneck(0), e.bottleneck(1)]).toEqual([10, 10, 0, 0]);
    // h leaves: B has room again, A alone binds f.
    e.removeFlow(1);
    e.solve();
    expect([e.rateBps(0), e.bottleneck(0)]).toEqual([10, 1]);
  });

  it("on a chain of equal links gives the first link, whatever the ids", () => {
    // One flow over three links of 10 each, crossed in the order 2, 0, 1: all saturate at 10.
    const e = make(Float64Array.of(10, 10, 10));
    e.addFlow(4, route(2, 0, 1), 1, Infinity);
    e.solve();
    expect([e.rateBps(4), e.bottleneck(4)]).toEqual([10, 2]);
  });

  it("prefers a binding resource to a cap that binds at the same rate", () => {
    // x ≤ 10 (link 0), cap 10: both bind; the link is reported.
    const e = make(Float64Array.of(10));
    e.addFlow(0, route(0), 1, 10);
    e.solve();
    expect([e.rateBps(0), e.bottleneck(0)]).toEqual([10, 0]);
  });
});
