// UtilHistogram: sparse until many bins, and every answer bit-identical to a dense array added to in the same order.
import { describe, expect, it } from "vitest";
import { randomStream } from "../../src/core/randomStream.js";
import { SPARSE_BINS_MAX, UtilHistogram, upperEdgeOfBins } from "../../src/report/UtilHistogram.js";

/** The dense reference: the loop ResourceRecorder ran on a Float64Array of `bins` before. */
function denseUpperEdge(h: Float64Array, fraction: number, horizonS: number): number {
  const target = fraction * horizonS;
  let busy = 0;
  for (let i = 0; i < h.length; i++) busy += h[i];
  let cumulative = horizonS - busy;
  if (cumulative >= target) return 0;
  for (let i = 0; i < h.length; i++) {
    cumulative += h[i];
    if (cumulative >= target) return (i + 1) / h.length;
  }
  return 1;
}

describe("UtilHistogram", () => {
  it("upperEdgeAt is the upper edge of the bin where the fraction of the horizon is reached, idle time first", () => {
    // 10 bins; 2 s in bin 3 (0.3, 0.4], 1 s in bin 7, horizon 10 s: idle 7 s.
    // 50 %: idle alone (7 s ≥ 5 s) → 0. 80 %: 7 + 2 = 9 ≥ 8 at bin 3 → 0.4. 95 %: 7 + 2 + 1 = 10 ≥ 9.5 at bin 7 → 0.8.
    const h = new UtilHistogram(10);
    h.add(7, 1);
    h.add(3, 1.5);
    h.add(3, 0.5);
    expect(h.upperEdgeAt(0.5, 10)).toBe(0);
    expect(h.upperEdgeAt(0.8, 10)).toBe(0.4);
    expect(h.upperEdgeAt(0.95, 10)).toBe(0.8);
  });

  it("answers bit for bit as a dense array, below and beyond the sparse limit", () => {
    const random = randomStream(7, "UtilHistogram");
    for (const distinct of [1, 3, SPARSE_BINS_MAX, SPARSE_BINS_MAX + 1, 200]) {
      const sparse = new UtilHistogram(1000);
      const dense = new Float64Array(1000);
      const bins = Array.from({ length: distinct }, () => Math.floor(random() * 1000));
      let horizonS = 0;
      for (let k = 0; k < 5000; k++) {
        const bin = bins[Math.floor(random() * distinct)];
        const dtS = random() * 1e-3;
        sparse.add(bin, dtS);
        dense[bin] += dtS;
        horizonS += dtS * 1.2;
      }
      for (const fraction of [0.05, 0.5, 0.9, 0.95, 0.99]) expect(sparse.upperEdgeAt(fraction, horizonS)).toBe(denseUpperEdge(dense, fraction, horizonS));
    }
  });

  it("answers as a dense array when its bins lie in a band, touched from the middle outwards", () => {
    const random = randomStream(11, "UtilHistogram band");
    for (const [low, width] of [[400, 80], [0, 40], [960, 40], [500, 1]]) {
      const h = new UtilHistogram(1000);
      const dense = new Float64Array(1000);
      let horizonS = 0;
      // The first bins are the middle of the band, so the lowest and highest arrive later.
      const order = Array.from({ length: width }, (_, i) => low + ((i + (width >> 1)) % width));
      for (let k = 0; k < 4000; k++) {
        const bin = k < width ? order[k] : low + Math.floor(random() * width);
        const dtS = random() * 1e-3;
        h.add(bin, dtS);
        dense[bin] += dtS;
        horizonS += dtS * (1 + random());
      }
      for (const fraction of [0.05, 0.3, 0.5, 0.9, 0.95, 0.999]) expect(h.upperEdgeAt(fraction, horizonS)).toBe(denseUpperEdge(dense, fraction, horizonS));
      expect(h.upperEdgeAt(1, horizonS * 0.5)).toBe(denseUpperEdge(dense, 1, horizonS * 0.5));
    }
  });
});

describe("UtilHistogram.copyInto", () => {
  it("copies its bins and their range, sparse or dense, so that adding on to the copy gives the dense array's answers", () => {
    const random = randomStream(13, "UtilHistogram copyInto");
    for (const distinct of [0, 1, 5, SPARSE_BINS_MAX + 1, 300]) {
      const h = new UtilHistogram(1000);
      const dense = new Float64Array(1000);
      const bins = Array.from({ length: distinct }, () => 100 + Math.floor(random() * 800));
      for (let k = 0; k < 20 * distinct; k++) {
        const bin = bins[Math.floor(random() * distinct)];
        const dtS = random() * 1e-3;
        h.add(bin, dtS);
        dense[bin] += dtS;
      }
      const copy = new Float64Array(1000);
      const range = new Int32Array(2);
      h.copyInto(copy, range);
      expect(Array.from(copy)).toEqual(Array.from(dense));
      expect([range[0], range[1]]).toEqual(distinct === 0 ? [1000, -1] : [Math.min(...bins), Math.max(...bins)]);
      // More seconds on the copy and on the reference, below and above the range.
      for (const bin of [3, 997, bins[0] ?? 500]) {
        copy[bin] += 0.25;
        dense[bin] += 0.25;
      }
      expect(upperEdgeOfBins(copy, 3, 997, 0.95, 4)).toBe(denseUpperEdge(dense, 0.95, 4));
      expect(upperEdgeOfBins(copy, 3, 997, 0.5, 40)).toBe(denseUpperEdge(dense, 0.5, 40));
    }
  });
});
