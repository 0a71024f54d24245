// Tests of PairMap: values by ordered pair of node numbers, for pairs whose single key a·n + b would pass 2³⁰.
import { describe, expect, it } from "vitest";
import { PairMap } from "../../src/net/PairMap.js";

describe("PairMap", () => {
  it("keeps (a, b) and (b, a) apart and counts each pair once", () => {
    const m = new PairMap<string>();
    m.set(3, 7, "x");
    m.set(7, 3, "y");
    m.set(3, 7, "z");
    expect([m.get(3, 7), m.get(7, 3), m.get(3, 3), m.get(0, 7)]).toEqual(["z", "y", undefined, undefined]);
    expect(m.size).toBe(2);
  });

  it("holds pairs of a 38,464-node fabric, whose keys a·n + b pass 2³⁰, as a Map of every key would", () => {
    const n = 38_464;
    const m = new PairMap<number>();
    const reference = new Map<number, number>();
    // Pairs in no particular order, first rows far apart (a 4,000-slot gap before the first).
    let x = 12345;
    for (let i = 0; i < 5000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const a = i === 0 ? 4000 : x % n;
      const b = (x >>> 7) % n;
      m.set(a, b, i);
      reference.set(a * n + b, i);
    }
    expect(Math.max(...reference.keys())).toBeGreaterThan(2 ** 30);
    expect(m.size).toBe(reference.size);
    for (const [key, v] of reference) expect(m.get(Math.floor(key / n), key % n)).toBe(v);
  });

  it("forgets every pair on clear", () => {
    const m = new PairMap<number>();
    m.set(1, 2, 3);
    m.clear();
    expect([m.get(1, 2), m.size]).toEqual([undefined, 0]);
  });
});
