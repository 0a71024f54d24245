// BinLog: additions logged and grouped by resource a block at a time give sums bit-identical to adding directly in the same order, whether folded or read into a copy.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../src/core/randomStream.js";
import { addToBins, BinLog } from "../../src/report/BinLog.js";

/** `count` random additions over `resources` × `bins`, amounts of very different sizes (the order of additions shows in a sum's last bits). */
function additions(seed: number, count: number, resources: number, bins: number): Array<[number, number, number]> {
  const random = randomStream(seed, "bin-log");
  return Array.from({ length: count }, () => [Math.floor(random() * resources), Math.floor(random() * bins), random() * 10 ** Math.floor(random() * 12 - 6)]);
}

describe("BinLog", () => {
  it("folds each resource's additions in the order logged: the sums are those of adding directly, histograms made only where added to", () => {
    const resources = 7;
    const bins = 5;
    const direct = Array.from({ length: resources }, () => new Float64Array(bins));
    const logged: Array<Float64Array | undefined> = new Array(resources).fill(undefined);
    const log = new BinLog(resources, (r) => (logged[r] ??= new Float64Array(bins)), addToBins);
    // Resource 3 gets nothing.
    for (const [r, b, amount] of additions(3, 500, resources, bins)) {
      if (r === 3) continue;
      direct[r][b] += amount;
      log.add(r, b, amount);
    }
    expect(logged.every((h) => h === undefined)).toBe(true);
    log.flush();
    for (let r = 0; r < resources; r++) {
      if (r === 3) expect(logged[r]).toBeUndefined();
      else expect(Array.from(logged[r]!)).toEqual(Array.from(direct[r]));
    }
    expect(log.holds(0)).toBe(false);
    // A flush with nothing logged changes nothing.
    const before = logged.map((h) => h && Array.from(h));
    log.flush();
    expect(logged.map((h) => h && Array.from(h))).toEqual(before);
  });

  it("adds a resource's logged amounts into a copy of its histogram, keeping them: the sums the fold will make, bins touched in range", () => {
    const resources = 5;
    const bins = 9;
    const direct = Array.from({ length: resources }, () => new Float64Array(bins));
    const folded = Array.from({ length: resources }, () => new Float64Array(bins));
    const log = new BinLog(resources, (r) => folded[r], addToBins);
    const all = additions(5, 3000, resources, bins);
    // Fold the first 1,000 (histograms hold something), log the rest.
    all.forEach(([r, b, amount], i) => {
      direct[r][b] += amount;
      log.add(r, b, amount);
      if (i === 999) log.flush();
    });
    for (let r = 0; r < resources; r++) {
      const copy = Float64Array.from(folded[r]);
      const range = new Int32Array([bins, -1]);
      log.addInto(r, copy, range);
      expect(Array.from(copy)).toEqual(Array.from(direct[r]));
      const touched = all.slice(1000).filter(([q]) => q === r).map(([, b]) => b);
      expect([range[0], range[1]]).toEqual([Math.min(...touched), Math.max(...touched)]);
      expect(log.holds(r)).toBe(true);
    }
    // The log kept them: folding now gives the same sums.
    log.flush();
    for (let r = 0; r < resources; r++) expect(Array.from(folded[r])).toEqual(Array.from(direct[r]));
  });

  it("folds itself when full, and a resource's additions span several blocks: the sums are still those of adding directly", () => {
    for (const [maxEntries, count] of [[1, 2000], [100, 5000], [1 << 21, 700_000]]) {
      const resources = 13;
      const bins = 4;
      const direct = Array.from({ length: resources }, () => new Float64Array(bins));
      const folded = Array.from({ length: resources }, () => new Float64Array(bins));
      let applied = 0;
      const log = new BinLog(resources, (r) => folded[r], (h, b, amount) => {
        applied++;
        addToBins(h, b, amount);
      }, maxEntries);
      for (const [r, b, amount] of additions(maxEntries, count, resources, bins)) {
        direct[r][b] += amount;
        log.add(r, b, amount);
      }
      // A full log (maxEntries) folds: at most maxEntries wait; 700,000 (two blocks of 2¹⁸ and a part) never fold.
      const large = maxEntries === 1 << 21;
      expect(applied).toBeGreaterThanOrEqual(large ? 0 : count - maxEntries);
      if (large) expect(applied).toBe(0);
      // Reading groups the open block, which fills a small log: it folds, and holds nothing.
      const pending = Array.from({ length: resources }, (_, r) => log.holds(r));
      expect(pending).toEqual(new Array(resources).fill(large));
      expect(applied).toBe(large ? 0 : count);
      const copies = folded.map((h, r) => {
        const copy = Float64Array.from(h);
        log.addInto(r, copy, new Int32Array([bins, -1]));
        return Array.from(copy);
      });
      log.flush();
      expect(applied).toBe(count);
      for (let r = 0; r < resources; r++) {
        expect(Array.from(folded[r])).toEqual(Array.from(direct[r]));
        expect(copies[r]).toEqual(Array.from(direct[r]));
      }
    }
  });

  it("refuses a capacity that is not a whole number ≥ 1", () => {
    expect(() => new BinLog(1, () => new Float64Array(1), addToBins, 0)).toThrow(/capacity 0/);
  });
});
