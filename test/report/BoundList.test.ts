// BoundList collects a flow's (bottleneck, seconds) pairs in the order the source gives them, growing as needed, and starts afresh per flow.
import { describe, expect, it } from "vitest";
import { BoundList } from "../../src/report/BoundList.js";

describe("BoundList", () => {
  it("holds the pairs of the last flow collected, in order, however many", () => {
    const pairs: Array<Array<[number, number]>> = [Array.from({ length: 20 }, (_, i): [number, number] => [i - 1, i / 4]), [[3, 0.5]], []];
    const source = { forEachBound: (f: number, fn: (b: number, s: number) => void) => pairs[f].forEach(([b, s]) => fn(b, s)) };
    const list = new BoundList();
    for (let f = 0; f < pairs.length; f++) {
      list.collect(source, f);
      expect(Array.from({ length: list.count }, (_, i) => [list.bottleneck[i], list.seconds[i]])).toEqual(pairs[f]);
    }
  });
});
