// IntervalSums: per series, two rates integrated over the fixed intervals of timeseries.csv, and the one rule for where interval k starts.

/**
 * Per series, flat triples (interval index k, ∫a dt, ∫b dt) in interval order, in a typed
 * array grown by doubling, of which the first `used[s]` numbers are filled. Interval k is
 * [{@link startS}(k), startS(k + 1)). TimeSeriesRecorder keeps a link's or workload's bytes and
 * utilisation-seconds here, QueueRecorder a link's queue byte-seconds and delay-seconds.
 */
export class IntervalSums {
  /** Per series, its triples (undefined until the first). */
  readonly lists: Array<Float64Array | undefined>;
  /** Per series, how many numbers of its list are filled (3 per interval). */
  readonly used: Int32Array;
  /** 1/Δ when it is a whole number (Δ = 0.1 s → 10), so boundaries k/10 print as 0.3, not 0.30000000000000004. */
  private readonly perSecond: number;

  /**
   * @param intervalS the interval Δ, seconds (> 0, finite).
   * @param series how many series.
   */
  constructor(
    readonly intervalS: number,
    series: number,
  ) {
    this.perSecond = Number.isInteger(1 / intervalS) ? 1 / intervalS : 0;
    this.lists = new Array<Float64Array | undefined>(series).fill(undefined);
    this.used = new Int32Array(series);
  }

  /** Start of interval k, seconds: k / (1/Δ) when 1/Δ is a whole number, else k · Δ. */
  startS(k: number): number {
    return this.perSecond > 0 ? k / this.perSecond : k * this.intervalS;
  }

  /**
   * Add constant rates `aPerS` and `bPerS` over [fromS, toS) to series `s`: `aPerS · dt` and
   * `bPerS · dt` into each interval the span covers, dt its part of it. The first interval is
   * ⌊fromS / Δ⌋, stepped past when its end is not above fromS (29 · 0.01 = 0.29 while 0.29 / 0.01
   * = 28.999999999999996: without the step such a span stood still and never ended).
   */
  addSpan(s: number, fromS: number, toS: number, aPerS: number, bPerS: number): void {
    let t = fromS;
    for (let k = Math.floor(t / this.intervalS); t < toS; k++) {
      const boundary = this.startS(k + 1);
      if (boundary <= t) continue;
      const end = boundary < toS ? boundary : toS;
      const dt = end - t;
      this.add(s, k, aPerS * dt, bPerS * dt);
      t = end;
    }
  }

  /** Index in `lists[s]` of interval k's triple, or −1 (binary search: triples are in interval order). */
  indexOf(s: number, k: number): number {
    const list = this.lists[s];
    if (!list) return -1;
    const n = this.used[s] / 3;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid * 3] < k) lo = mid + 1;
      else hi = mid;
    }
    return lo < n && list[lo * 3] === k ? lo * 3 : -1;
  }

  private add(s: number, k: number, a: number, b: number): void {
    let list = this.lists[s];
    const n = this.used[s];
    if (list && n > 0 && list[n - 3] === k) {
      list[n - 2] += a;
      list[n - 1] += b;
      return;
    }
    if (!list || n === list.length) {
      const grownList = new Float64Array(Math.max(48, 2 * n));
      if (list) grownList.set(list);
      this.lists[s] = list = grownList;
    }
    list[n] = k;
    list[n + 1] = a;
    list[n + 2] = b;
    this.used[s] = n + 3;
  }
}
