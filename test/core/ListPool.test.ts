// ListPool keeps each key's list in one shared pool, gives back and reuses freed room, and tells a key that holds nothing.
import { describe, expect, it } from "vitest";
import { ListPool } from "../../src/core/ListPool.js";

describe("ListPool", () => {
  it("reuses a finished flow's stretch for the next route of its length", () => {
    const routes = new ListPool();
    routes.hold(0, Int32Array.of(1, 2, 3));
    routes.hold(1, Int32Array.of(4, 5, 6));
    const at = routes.offsetOf(0);
    routes.release(0);
    expect(routes.offsetOf(0)).toBe(-1);
    routes.hold(2, Int32Array.of(7, 8, 9));
    expect(routes.offsetOf(2)).toBe(at);
    expect(Array.from(routes.pool.subarray(routes.offsetOf(1), routes.offsetOf(1) + 3))).toEqual([4, 5, 6]);
  });

  it("holds a key's new list in place of its old one, and knows keys it never saw", () => {
    const p = new ListPool();
    expect(p.offsetOf(5000)).toBe(-1);
    p.release(5000);
    p.hold(3, Int32Array.of(1, 2));
    p.hold(3, Int32Array.of(9, 8, 7, 6));
    const at = p.offsetOf(3);
    expect(p.lengthOf(3)).toBe(4);
    expect(Array.from(p.pool.subarray(at, at + 4))).toEqual([9, 8, 7, 6]);
    // The two-element stretch it gave back is the next two-element list's.
    expect(p.hold(4, Int32Array.of(5, 5))).toBe(0);
  });

  it("makes room for a key beforehand without holding a list for it or moving the ones held", () => {
    const p = new ListPool();
    p.hold(7, Int32Array.of(1, 2, 3));
    p.reserve(5000);
    expect(p.offsetOf(5000)).toBe(-1);
    expect(Array.from(p.pool.subarray(p.offsetOf(7), p.offsetOf(7) + 3))).toEqual([1, 2, 3]);
    const at = p.hold(5000, Int32Array.of(4, 5));
    expect(p.offsetOf(5000)).toBe(at);
    expect(p.lengthOf(5000)).toBe(2);
    p.reserve(3);
    expect(p.offsetOf(7)).toBe(0);
  });

  it("grows its pool and keeps every list", () => {
    const p = new ListPool();
    for (let k = 0; k < 3000; k++) p.hold(k, Int32Array.of(k, k + 1, k + 2));
    for (let k = 0; k < 3000; k++) {
      const at = p.offsetOf(k);
      expect([p.pool[at], p.pool[at + 1], p.pool[at + 2]]).toEqual([k, k + 1, k + 2]);
    }
  });
});
