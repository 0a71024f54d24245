// HistogramLog: batched additions grouped by resource give sums bit-identical to adding directly in the same order.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../src/core/randomStream.js";
import { addToBins, HistogramLog } from "../../src/report/HistogramLog.js";

describe("HistogramLog", () => {
  it("applies additions only when full or flushed, each bin's in the order logged: the sums are those of adding directly", () => {
    const resources = 7;
    const bins = 5;
    const random = randomStream(3, "histogram-log");
    const direct = Array.from({ length: resources }, () => new Float64Array(bins));
    const logged: Array<Float64Array | undefined> = new Array(resources).fill(undefined);
    let made = 0;
    const log = new HistogramLog(resources, (r) => {
      if (!logged[r]) made++;
      return (logged[r] ??= new Float64Array(bins));
    }, addToBins, 13);
    // Amounts of very different sizes, so the order of additions shows in the last bits of a sum.
    for (let i = 0; i < 500; i++) {
      const r = Math.floor(random() * resources);
      const b = Math.floor(random() * bins);
      const amount = random() * 10 ** Math.floor(random() * 12 - 6);
      direct[r][b] += amount;
      log.add(r, b, amount);
    }
    log.flush();
    for (let r = 0; r < resources; r++) expect(Array.from(logged[r]!)).toEqual(Array.from(direct[r]));
    expect(made).toBe(resources);
    // A flush with nothing logged changes nothing; a histogram nobody added to is never made.
    log.flush();
    const sparse = new HistogramLog(3, (r) => (logged[r] = new Float64Array(bins)), addToBins, 4);
    logged.fill(undefined);
    sparse.add(2, 1, 0.5);
    expect(logged[2]).toBeUndefined();
    sparse.flush();
    expect(logged[0]).toBeUndefined();
    expect(Array.from(logged[2]!)).toEqual([0, 0.5, 0, 0, 0]);
  });

  it("grows its room by doubling up to its maximum, applying nothing before it is full at its maximum: the sums are still those of adding directly", () => {
    const resources = 11;
    const bins = 3;
    const random = randomStream(5, "histogram-log-growth");
    const direct = Array.from({ length: resources }, () => new Float64Array(bins));
    const logged = Array.from({ length: resources }, () => new Float64Array(bins));
    let applied = 0;
    // 5,000 at most: the room goes 1,024, 2,048, 4,096, 5,000, then batches of 5,000.
    const log = new HistogramLog(resources, (r) => logged[r], (h, b, amount) => {
      applied++;
      addToBins(h, b, amount);
    }, 5000);
    for (let i = 0; i < 12_345; i++) {
      if (i === 4999) expect(applied).toBe(0);
      if (i === 5001) expect(applied).toBe(5000);
      const r = Math.floor(random() * resources);
      const b = Math.floor(random() * bins);
      const amount = random() * 10 ** Math.floor(random() * 12 - 6);
      direct[r][b] += amount;
      log.add(r, b, amount);
    }
    expect(applied).toBe(10_000);
    log.flush();
    expect(applied).toBe(12_345);
    for (let r = 0; r < resources; r++) expect(Array.from(logged[r])).toEqual(Array.from(direct[r]));
  });

  it("refuses a capacity that is not a whole number ≥ 1", () => {
    expect(() => new HistogramLog(1, () => new Float64Array(1), addToBins, 0)).toThrow(/capacity 0/);
  });
});
