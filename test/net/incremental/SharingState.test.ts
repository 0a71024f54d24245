// Tests of SharingState: releasing flows and the load of the held flows on a resource.
import { describe, expect, it } from "vitest";
import { MAX_INDEXED } from "../../../src/net/incremental/checkIndexable.js";
import { SharingState } from "../../../src/net/incremental/SharingState.js";

/** State with flows in slots 0…n-1, each on the given resources at the given rate. */
function stateWith(resourceCount: number, flows: { resources: number[]; rateBps: number }[]): SharingState {
  const s = new SharingState(new Float64Array(resourceCount).fill(100));
  s.growSlots(64);
  flows.forEach((f, slot) => {
    // The slot's record: route start and length, rate (see SharingState.slotNum).
    s.slotInt[8 * slot + 6] = s.poolEnd;
    s.slotInt[8 * slot + 7] = f.resources.length;
    for (const r of f.resources) {
      s.routePool[s.poolEnd] = r;
      s.routePos[s.poolEnd++] = s.lists.append(r, slot);
    }
    s.slotNum[4 * slot] = f.rateBps;
    s.activeList[s.activeCount++] = slot;
  });
  return s;
}

describe("SharingState", () => {
  it("releases a flow once and touches each resource on its route once", () => {
    const s = stateWith(3, [{ resources: [0, 2], rateBps: 1 }, { resources: [2], rateBps: 1 }]);
    s.nextEpoch();
    s.release(0);
    s.release(0);
    s.release(1);
    expect(Array.from(s.released.subarray(0, s.releasedCount))).toEqual([0, 1]);
    expect(Array.from(s.touched.subarray(0, s.touchedCount))).toEqual([0, 2]);
  });

  it("sums the rates of the held flows on a resource, and sums again after one of them is released", () => {
    const s = stateWith(2, [
      { resources: [0], rateBps: 10 },
      { resources: [0, 1], rateBps: 20 },
      { resources: [0], rateBps: 40 },
    ]);
    s.nextEpoch();
    expect(s.fixedLoad(0)).toBe(70);
    s.release(1);
    expect(s.fixedLoad(0)).toBe(50);
    expect(s.fixedLoad(1)).toBe(0);
    s.release(2);
    expect(s.fixedLoad(0)).toBe(10);
    // A new solve starts from every flow held again.
    s.nextEpoch();
    expect(s.fixedLoad(0)).toBe(70);
  });
});

describe("SharingState.setBottleneck", () => {
  it("counts the flows bound at each resource as witnesses move, are cleared and are set again", () => {
    const s = stateWith(3, [{ resources: [0, 1], rateBps: 1 }, { resources: [1, 2], rateBps: 1 }, { resources: [1], rateBps: 1 }]);
    for (let f = 0; f < 3; f++) s.slotInt[8 * f + 5] = -1;
    s.setBottleneck(0, 1);
    s.setBottleneck(1, 1);
    s.setBottleneck(2, 1);
    expect([0, 1, 2].map((r) => s.fillInt[16 * r + 15])).toEqual([0, 3, 0]); // the resources' bound counts
    s.setBottleneck(1, 2);
    s.setBottleneck(1, 2);
    s.setBottleneck(0, -1);
    expect([0, 1, 2].map((r) => s.fillInt[16 * r + 15])).toEqual([0, 1, 1]);
    expect([0, 1, 2].map((f) => s.slotInt[8 * f + 5])).toEqual([-1, 2, 1]);
  });

  it("refuses to grow its flow slots past 2²⁶ with one sentence, before allocating anything", () => {
    const s = new SharingState(new Float64Array(1).fill(100));
    s.slotCapacity = MAX_INDEXED;
    expect(() => s.growSlots(2 * MAX_INDEXED)).toThrow("too large to simulate — 67,108,865 flows sharing the network at once");
  });
});
