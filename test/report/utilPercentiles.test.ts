// utilPercentiles: time-weighted percentiles of utilisation from histograms and the additions still logged, against sums by hand.
import { describe, expect, it } from "vitest";
import { BinLog } from "../../src/report/BinLog.js";
import { UtilHistogram } from "../../src/report/UtilHistogram.js";
import { utilPercentiles } from "../../src/report/utilPercentiles.js";

/** Ten bins of width 0.1 (bin i: utilisation in (i/10, (i+1)/10]), for three resources, with a log of `entries` additions. */
function setup(entries: number) {
  const histogram: Array<UtilHistogram | undefined> = [undefined, undefined, undefined];
  const log = new BinLog<UtilHistogram>(3, (r) => (histogram[r] ??= new UtilHistogram(10)), (h, bin, dtS) => h.add(bin, dtS), entries);
  return { histogram, log };
}

describe("utilPercentiles(histogram, log, bins, horizonS, fraction)", () => {
  it("reads the logged additions with the idle time first", () => {
    const { histogram, log } = setup(1 << 10);
    // Resource 0 over a 10 s horizon: 6 s idle, 3 s at 0.35 (bin 3), 1 s at 1 (bin 9).
    // 95 % is 9.5 s: idle 6, + bin 3 → 9, + bin 9 → 10 ≥ 9.5 → upper edge of bin 9 = 1.
    // 50 %: idle 6 s ≥ 5 s → 0. 85 %: 8.5 s is reached in bin 3 → 0.4.
    log.add(0, 3, 3);
    log.add(0, 9, 1);
    // Resource 2: 10 s at 0.45 (bin 4) → 0.5 at any fraction above 0. Resource 1 never carried: 0.
    log.add(2, 4, 10);
    expect(Array.from(utilPercentiles(histogram, log, 10, 10, 0.95))).toEqual([1, 0, 0.5]);
    expect(Array.from(utilPercentiles(histogram, log, 10, 10, 0.5))).toEqual([0, 0, 0.5]);
    expect(utilPercentiles(histogram, log, 10, 10, 0.85)[0]).toBe(0.4);
    // Read without folding: no histogram was made.
    expect(histogram).toEqual([undefined, undefined, undefined]);
  });

  it("adds the pending additions to a histogram the full log was folded into", () => {
    // A log of one addition: the second folds the first into resource 0's histogram.
    const { histogram, log } = setup(1);
    log.add(0, 3, 3);
    log.add(0, 9, 1);
    expect(histogram[0]).toBeDefined();
    expect(Array.from(utilPercentiles(histogram, log, 10, 10, 0.95))).toEqual([1, 0, 0]);
    expect(utilPercentiles(histogram, log, 10, 10, 0.85)[0]).toBe(0.4);
  });
});
