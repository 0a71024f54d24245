import { quantileSorted } from "d3-array";
import { describe, expect, it } from "vitest";
import { placeRanks, placeReportPercentiles, quantileRanks, REPORT_PERCENTILES } from "../../src/report/placeRanks.js";

/** A deterministic stream of 32-bit values (xorshift), so every run tests the same samples. */
function stream(seed: number): () => number {
  let x = seed | 0 || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return x >>> 0;
  };
}

const PS = [0.5, 0.95, 0.99];

/** quantileSorted of each p on the sorted sample and on the placed one, as bit-exact strings (Object.is distinguishes −0). */
function both(xs: Float64Array, ps: readonly number[]): [string[], string[]] {
  const sorted = Float64Array.from(xs).sort();
  const placed = placeRanks(Float64Array.from(xs), quantileRanks(xs.length, ps));
  const show = (a: Float64Array) => ps.map((p) => {
    const q = quantileSorted(a as unknown as number[], p)!;
    return Object.is(q, -0) ? "-0" : String(q);
  });
  return [show(sorted), show(placed)];
}

describe("quantileRanks", () => {
  it("names the positions quantileSorted reads", () => {
    expect(quantileRanks(0, PS)).toEqual([]);
    expect(quantileRanks(1, PS)).toEqual([0, 0, 0]);
    expect(quantileRanks(101, [0, 0.5, 1, 0.99])).toEqual([0, 50, 51, 100, 99, 100]);
  });
});

describe("placeRanks", () => {
  it("gives quantileSorted's numbers of the sorted sample, on spread values, ties, zeros and sizes around the threshold", () => {
    const next = stream(3);
    for (const n of [1, 2, 17, 4095, 4096, 4097, 10_000, 65_537]) {
      for (const kind of ["spread", "ties", "zeros", "sorted", "reversed"]) {
        const xs = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          if (kind === "spread") xs[i] = (next() / 2 ** 32) * 10 ** ((next() % 12) - 6);
          else if (kind === "ties") xs[i] = next() % 5;
          else if (kind === "zeros") xs[i] = [0, -0, 1e-9, -1e-9][next() % 4];
          else if (kind === "sorted") xs[i] = i / 7;
          else xs[i] = (n - i) / 7;
        }
        const [expected, got] = both(xs, [...PS, 0, 1, 0.25]);
        expect(got, `${kind} ${n}`).toEqual(expected);
      }
    }
  });

  it("places every wanted rank as a sort would, whatever the ranks", () => {
    const next = stream(9);
    const n = 20_000;
    const xs = new Float64Array(n);
    for (let i = 0; i < n; i++) xs[i] = next() % 1000;
    const ranks = [0, 1, 2, 9_999, 10_000, 19_998, 19_999, 12_345];
    const sorted = Float64Array.from(xs).sort();
    const placed = placeRanks(Float64Array.from(xs), ranks);
    for (const r of ranks) expect(placed[r], `rank ${r}`).toBe(sorted[r]);
    expect(Float64Array.from(placed).sort()).toEqual(sorted);
  });
});

describe("placeReportPercentiles", () => {
  it("gives the p50, p95 and p99 a sort gives", () => {
    const next = stream(4);
    const xs = new Float64Array(10_007);
    for (let i = 0; i < xs.length; i++) xs[i] = (next() % 100_000) / 7;
    const sorted = Float64Array.from(xs).sort();
    const placed = placeReportPercentiles(Float64Array.from(xs));
    expect(REPORT_PERCENTILES).toEqual([0.5, 0.95, 0.99]);
    for (const p of REPORT_PERCENTILES) {
      expect(quantileSorted(placed as unknown as number[], p), `p${100 * p}`).toBe(quantileSorted(sorted as unknown as number[], p));
    }
  });
});
