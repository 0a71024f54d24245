// DirtyResources: each resource listed once in the order first marked, listed again once taken, the list's room kept after clear.
import { describe, expect, it } from "vitest";
import { DirtyResources } from "../../../src/net/queues/DirtyResources.js";

function takeAll(d: DirtyResources): number[] {
  const out: number[] = [];
  for (let i = 0; i < d.count; i++) out.push(d.take(i));
  d.clear();
  return out;
}

describe("DirtyResources", () => {
  it("lists a resource once however often it is marked, in the order first marked", () => {
    const d = new DirtyResources(8);
    for (const r of [5, 2, 5, 7, 2, 0]) d.mark(r);
    expect(d.count).toBe(4);
    expect(takeAll(d)).toEqual([5, 2, 7, 0]);
    expect(d.count).toBe(0);
  });

  it("lists a taken resource again when marked again, also while the list is being taken", () => {
    const d = new DirtyResources(4);
    d.mark(1);
    d.mark(3);
    const seen: number[] = [];
    for (let i = 0; i < d.count; i++) {
      const r = d.take(i);
      seen.push(r);
      // Marked again after it was taken (as an observer told of its queue might): listed at the end.
      if (r === 1 && seen.length === 1) d.mark(1);
    }
    d.clear();
    expect(seen).toEqual([1, 3, 1]);
    d.mark(3);
    expect(takeAll(d)).toEqual([3]);
  });
});
