// utilPercentiles: every resource's time-weighted utilisation percentile from its histogram and the additions still logged (links.csv's p95).
import type { BinLog } from "./BinLog.js";
import { type UtilHistogram, upperEdgeOfBins } from "./UtilHistogram.js";

/**
 * Every resource's upper edge at `fraction` of [0, `horizonS`] ({@link UtilHistogram.upperEdgeAt})
 * of its histogram (`histogram[r]`, of `bins` bins; none for a resource that never carried or
 * whose additions were never folded) with `log`'s pending additions added, without folding them
 * in: each resource with pending additions has its histogram copied into one dense scratch
 * array, its additions added there in the order logged (the sums the fold would make), read, and
 * the scratch cleared. A run whose additions all fit the log never makes a histogram.
 */
export function utilPercentiles(
  histogram: ReadonlyArray<UtilHistogram | undefined>,
  log: BinLog<UtilHistogram>,
  bins: number,
  horizonS: number,
  fraction: number,
): Float64Array {
  const R = histogram.length;
  const out = new Float64Array(R);
  const scratch = new Float64Array(bins);
  const range = new Int32Array(2);
  for (let r = 0; r < R; r++) {
    // holds() first: it groups what is logged (which may fold a full log) before a histogram is read.
    const pending = log.holds(r);
    const h = histogram[r];
    if (!pending) {
      out[r] = h ? h.upperEdgeAt(fraction, horizonS) : 0;
      continue;
    }
    range[0] = bins;
    range[1] = -1;
    if (h) h.copyInto(scratch, range);
    log.addInto(r, scratch, range);
    out[r] = upperEdgeOfBins(scratch, range[0], range[1], fraction, horizonS);
    scratch.fill(0, range[0], range[1] + 1);
  }
  return out;
}
