// UtilHistogram: a resource's time-per-utilisation-bin histogram, sparse (the bins it touched) until it touches many, then dense.
/** Distinct bins kept as a sparse list; one more and the histogram becomes a dense array. */
export const SPARSE_BINS_MAX = 32;

/** Scratch for the order of a sparse histogram's bins (read one histogram at a time). */
const SCRATCH = new Int32Array(SPARSE_BINS_MAX);

/**
 * Seconds spent in each of `bins` utilisation bins. Most resources spend their time in a
 * handful of bins (a link carrying one or two collectives' flows), so the bins touched are
 * kept as a short list of (bin, seconds) until more than {@link SPARSE_BINS_MAX} are
 * touched, and only then as a dense `Float64Array(bins)` (8 KB at 1,000 bins: a 32,768-GPU
 * run touched 140,000 resources, 1.1 GB dense). Each bin's additions happen in the same
 * order either way, and readers visit bins in ascending order, so every sum and every
 * result is bit-identical to a dense array from the start.
 */
export class UtilHistogram {
  private readonly bins: number[] = [];
  private readonly seconds: number[] = [];
  private dense: Float64Array | null = null;
  /** Lowest and highest bin a dense histogram touched: every bin outside holds 0, which changes no sum. */
  private lo = 0;
  private hi = -1;

  constructor(private readonly binCount: number) {}

  /** Add `dtS` seconds to bin `bin`. */
  add(bin: number, dtS: number): void {
    const dense = this.dense;
    if (dense) {
      dense[bin] += dtS;
      if (bin < this.lo) this.lo = bin;
      else if (bin > this.hi) this.hi = bin;
      return;
    }
    const bins = this.bins;
    const n = bins.length;
    let i = 0;
    while (i < n && bins[i] !== bin) i++;
    if (i < n) {
      this.seconds[i] += dtS;
    } else if (n < SPARSE_BINS_MAX) {
      bins.push(bin);
      this.seconds.push(0 + dtS);
    } else {
      const d = (this.dense = new Float64Array(this.binCount));
      let lo = bin;
      let hi = bin;
      for (let j = 0; j < n; j++) {
        d[bins[j]] = this.seconds[j];
        if (bins[j] < lo) lo = bins[j];
        if (bins[j] > hi) hi = bins[j];
      }
      d[bin] += dtS;
      this.lo = lo;
      this.hi = hi;
    }
  }

  /**
   * Write the seconds of every bin touched into `dense` (zero everywhere else, as the caller
   * keeps it) and the lowest and highest bin touched into `range[0]` and `range[1]` (the bin
   * count and −1 when none). Adding more seconds to `dense` then makes the sums this histogram's `add`
   * would make: a bin's seconds are its first addition, then each later one added in turn.
   */
  copyInto(dense: Float64Array, range: Int32Array): void {
    if (this.dense) {
      const { lo, hi } = this;
      for (let i = lo; i <= hi; i++) dense[i] = this.dense[i];
      range[0] = lo;
      range[1] = hi;
      return;
    }
    const bins = this.bins;
    let lo = this.binCount;
    let hi = -1;
    for (let k = 0; k < bins.length; k++) {
      const b = bins[k];
      dense[b] = this.seconds[k];
      if (b < lo) lo = b;
      if (b > hi) hi = b;
    }
    range[0] = lo;
    range[1] = hi;
  }

  /**
   * The upper edge of the bin where `fraction` of [0, horizonS] is reached, counting the
   * time not in any bin (idle) first: 0 when idle time alone reaches it, 1 if no bin does.
   */
  upperEdgeAt(fraction: number, horizonS: number): number {
    const dense = this.dense;
    if (dense) return upperEdgeOfBins(dense, this.lo, this.hi, fraction, horizonS);
    const target = fraction * horizonS;
    // Bins in ascending order, as a dense array's loop adds them: an insertion sort of at most
    // SPARSE_BINS_MAX distinct bins into a shared scratch array (thousands of links are read).
    const bins = this.bins;
    const n = bins.length;
    const order = SCRATCH;
    for (let i = 0; i < n; i++) {
      let k = i;
      while (k > 0 && bins[order[k - 1]] > bins[i]) {
        order[k] = order[k - 1];
        k--;
      }
      order[k] = i;
    }
    let busy = 0;
    for (let k = 0; k < n; k++) busy += this.seconds[order[k]];
    let cumulative = horizonS - busy;
    if (cumulative >= target) return 0;
    for (let k = 0; k < n; k++) {
      cumulative += this.seconds[order[k]];
      if (cumulative >= target) return (this.bins[order[k]] + 1) / this.binCount;
    }
    return 1;
  }
}

/**
 * {@link UtilHistogram.upperEdgeAt} of a dense histogram `dense` (its length is the bin
 * count) whose bins outside [lo, hi] hold 0: the bins in ascending order, read in place, from
 * the lowest touched to the highest; the zeros outside change no sum and cross no target the
 * loop would not.
 */
export function upperEdgeOfBins(dense: Float64Array, lo: number, hi: number, fraction: number, horizonS: number): number {
  const target = fraction * horizonS;
  let busy = 0;
  for (let i = lo; i <= hi; i++) busy += dense[i];
  let cumulative = horizonS - busy;
  if (cumulative >= target) return 0;
  for (let i = lo; i <= hi; i++) {
    cumulative += dense[i];
    if (cumulative >= target) return (i + 1) / dense.length;
  }
  return 1;
}
