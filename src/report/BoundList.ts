// BoundList: the bottlenecks that bound one flow and for how long, collected once per flow for every report that needs them.

/** Where a flow's bottlenecks come from (FlowRecorder.forEachBound). */
export interface BoundSource {
  forEachBound(flow: number, fn: (bottleneck: number, seconds: number) => void): void;
}

/**
 * The (bottleneck, seconds) pairs of one flow, in the order `forEachBound` gives them, in
 * reused typed arrays: the reports that read them (workload-bottlenecks.csv, tiers.csv)
 * share one collection per flow instead of asking the recorder each.
 */
export class BoundList {
  /** Number of pairs. */
  count = 0;
  /** A resource id or CAP_BOUND, per pair. */
  bottleneck = new Int32Array(8);
  seconds = new Float64Array(8);
  private readonly push = (bottleneck: number, seconds: number): void => {
    const i = this.count++;
    if (i === this.bottleneck.length) {
      const b = new Int32Array(2 * i);
      b.set(this.bottleneck);
      this.bottleneck = b;
      const s = new Float64Array(2 * i);
      s.set(this.seconds);
      this.seconds = s;
    }
    this.bottleneck[i] = bottleneck;
    this.seconds[i] = seconds;
  };

  /** Replace the pairs by those of `flow`. */
  collect(source: BoundSource, flow: number): this {
    this.count = 0;
    source.forEachBound(flow, this.push);
    return this;
  }
}
