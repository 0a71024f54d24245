// Tests of checkTouched's short path: a filled resource is passed over without a walk only when the fill left it clearly unsaturated.
import { describe, expect, it } from "vitest";
import { FullSharing } from "../../../src/net/FullSharing.js";
import { IncrementalSharing } from "../../../src/net/IncrementalSharing.js";

const A = 0;
const B = 1;
const FILLERS = 10;

/** A (C=20) and B (C=10), plus one lone flow on each of ten other resources, so a later arrival is solved incrementally. */
function engines(): [IncrementalSharing, FullSharing] {
  const capacity = Float64Array.from({ length: 2 + FILLERS }, (_, r) => (r === A ? 20 : 10));
  const inc = new IncrementalSharing(capacity);
  const full = new FullSharing(capacity);
  for (const e of [inc, full]) {
    for (let i = 0; i < FILLERS; i++) e.addFlow(100 + i, Int32Array.of(2 + i), 1, Infinity);
    e.solve();
  }
  return [inc, full];
}

describe("checkTouched", () => {
  it("walks a resource the fill saturated without popping it (a tie), so the reported bottleneck is the first tied one", () => {
    // g crosses A only; f crosses B then A. A (20 for two flows) and B (10 for one) tie at
    // share 10; A comes first in the fill and freezes both, so B saturates with its only flow
    // frozen elsewhere: residual 0, no flow bound there. The tie rule reports B for f (first
    // along its route); a check that took B for unsaturated would report A.
    const [inc, full] = engines();
    const fullSolves = inc.stats.fullSolves;
    for (const e of [inc, full]) {
      e.addFlow(1, Int32Array.of(A), 1, Infinity); // g
      e.addFlow(0, Int32Array.of(B, A), 1, Infinity); // f
      e.solve();
    }
    expect(inc.stats.fullSolves).toBe(fullSolves);
    expect([inc.rateBps(0), inc.rateBps(1)]).toEqual([10, 10]);
    expect([full.bottleneck(0), full.bottleneck(1)]).toEqual([B, A]);
    expect([inc.bottleneck(0), inc.bottleneck(1)]).toEqual([B, A]);
  });

  it("passes over a resource left with spare capacity, reporting the bottleneck where the flows froze", () => {
    // Now A (C=20) carries three flows and B (C=10) only f: f freezes at A at 20/3, leaving B a third spare.
    const [inc, full] = engines();
    for (const e of [inc, full]) {
      e.addFlow(1, Int32Array.of(A), 1, Infinity);
      e.addFlow(2, Int32Array.of(A), 1, Infinity);
      e.addFlow(0, Int32Array.of(B, A), 1, Infinity);
      e.solve();
    }
    expect(inc.rateBps(0)).toBe(full.rateBps(0));
    expect([full.bottleneck(0), inc.bottleneck(0)]).toEqual([A, A]);
    // B is left clearly unsaturated: raising its capacity changes nothing, lowering it under f's rate moves f.
    for (const e of [inc, full]) {
      e.setCapacity(B, 5);
      e.solve();
    }
    expect([inc.rateBps(0), full.rateBps(0)]).toEqual([5, 5]);
    expect([inc.bottleneck(0), full.bottleneck(0)]).toEqual([B, B]);
  });
});
