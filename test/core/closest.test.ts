// closest: the nearest candidate within edit distance 2, for "did you mean" hints.
import { describe, expect, it } from "vitest";
import { closest } from "../../src/core/closest.js";

describe("closest(word, candidates)", () => {
  it("returns the candidate at the smallest edit distance, up to 2", () => {
    expect(closest("lod", ["seed", "load", "flows"])).toBe("load"); // one insertion
    expect(closest("trafic", ["transfer", "traffic"])).toBe("traffic");
    expect(closest("bandwith", ["latency", "bandwidth"])).toBe("bandwidth");
    expect(closest("hsots", ["hosts"])).toBe("hosts"); // a transposition is two edits
  });

  it("returns undefined when every candidate is 3 or more edits away, or there are none", () => {
    expect(closest("xyz", ["load", "seed"])).toBeUndefined();
    expect(closest("abc", [])).toBeUndefined();
  });

  it("keeps the first of equally near candidates, in the order given", () => {
    expect(closest("cat", ["bat", "hat"])).toBe("bat");
    expect(closest("cat", new Set(["hat", "bat"]))).toBe("hat");
  });
});
