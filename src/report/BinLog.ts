// BinLog: additions (bin, amount) to per-resource histograms, kept as each resource's own chain of short chunks, so a reader can make a resource's sums from them without folding, and a fold visits each histogram once.
import { grown } from "../core/grown.js";

/** Entries per chunk of a resource's chain (a power of two: 128 bytes of bins, 256 of amounts). */
const CHUNK = 32;
const CHUNK_SHIFT = 5;
/** Entries per block of storage (a power of two); blocks are made as the log fills and kept when it empties. */
const BLOCK = 1 << 16;
const BLOCK_SHIFT = 16;

/**
 * Additions a log holds at most (12 bytes each: 24 MiB at 2²¹) before it folds them into the
 * histograms and starts again in the same memory.
 */
export const BIN_LOG_ENTRIES = 1 << 21;

/**
 * A log of additions (resource, bin, amount) to per-resource histograms of any kind `H`, kept
 * per resource in the order made: each resource's additions fill its own chunks of
 * {@link CHUNK} entries, chained, taken from blocks of storage made as the log fills. Nothing
 * is sorted: a resource's additions are read back in order by following its chain.
 *
 * Two readers: {@link addInto} adds one resource's logged amounts, in order, into a dense
 * array (a copy of its histogram), which gives the sums the histogram will hold without
 * changing it; {@link flush} folds every resource's additions into its histogram (made by the
 * caller at the first one) and empties the log. A full log (`maxEntries`) flushes itself.
 * Either way each bin receives its additions in the order they were logged, so every sum is
 * bit-identical to adding directly; and a histogram is visited once per fold, not at every
 * addition (adding straight into thousands of 8 KB histograms at random cost a cache and a
 * TLB miss per addition). A run whose additions all fit need never make a histogram.
 */
export class BinLog<H> {
  private binBlocks: Int32Array[] = [];
  private amountBlocks: Float64Array[] = [];
  /** Per resource: the entry its next addition goes to (0: it has no chunk; chunk 0 is never used). */
  private readonly tail: Int32Array;
  /** Per resource: its first chunk (0: none). */
  private readonly head: Int32Array;
  /** Per chunk: the next chunk of the same resource (0: the last). */
  private next = new Int32Array(1024);
  /** Chunks handed out, chunk 0 included. */
  private chunks = 1;
  /** Chunks the log holds at most. */
  private readonly maxChunks: number;

  /**
   * @param resourceCount resources are 0 … resourceCount − 1
   * @param histogramOf the histogram of a resource, made by the caller when it has none yet
   * @param addTo adds an amount to one bin of a histogram
   * @param maxEntries additions held at most before they are folded (rounded up to whole chunks, at least one per resource)
   */
  constructor(
    private readonly resourceCount: number,
    private readonly histogramOf: (resource: number) => H,
    private readonly addTo: (histogram: H, bin: number, amount: number) => void,
    maxEntries = BIN_LOG_ENTRIES,
  ) {
    if (!(Number.isInteger(maxEntries) && maxEntries >= 1)) throw new Error(`BinLog: capacity ${maxEntries}, expected a whole number ≥ 1`);
    this.tail = new Int32Array(resourceCount);
    this.head = new Int32Array(resourceCount);
    this.maxChunks = Math.max(Math.ceil(maxEntries / CHUNK), resourceCount) + 1;
  }

  /** Add `amount` to bin `bin` of resource `resource`'s histogram (logged; folded by the next flush). */
  add(resource: number, bin: number, amount: number): void {
    let t = this.tail[resource];
    if ((t & (CHUNK - 1)) === 0) t = this.newChunk(resource, t);
    this.binBlocks[t >>> BLOCK_SHIFT][t & (BLOCK - 1)] = bin;
    this.amountBlocks[t >>> BLOCK_SHIFT][t & (BLOCK - 1)] = amount;
    this.tail[resource] = t + 1;
  }

  /** Whether `resource` has additions logged and not yet folded. */
  holds(resource: number): boolean {
    return this.tail[resource] !== 0;
  }

  /**
   * Add `resource`'s logged amounts, in the order logged, into `dense` (indexed by bin), and
   * widen [`range[0]`, `range[1]`] to every bin they touch. The log keeps them.
   */
  addInto(resource: number, dense: Float64Array, range: Int32Array): void {
    const end = this.tail[resource];
    let lo = range[0];
    let hi = range[1];
    for (let c = end === 0 ? 0 : this.head[resource]; c !== 0; c = this.next[c]) {
      const from = c << CHUNK_SHIFT;
      const to = this.next[c] === 0 ? end : from + CHUNK;
      const bins = this.binBlocks[from >>> BLOCK_SHIFT];
      const amounts = this.amountBlocks[from >>> BLOCK_SHIFT];
      for (let e = from & (BLOCK - 1), stop = e + (to - from); e < stop; e++) {
        const b = bins[e];
        dense[b] += amounts[e];
        if (b < lo) lo = b;
        if (b > hi) hi = b;
      }
    }
    range[0] = lo;
    range[1] = hi;
  }

  /** Fold every logged addition into its resource's histogram, each bin's in the order logged, and empty the log. */
  flush(): void {
    if (this.chunks === 1) return;
    const addTo = this.addTo;
    for (let r = 0; r < this.resourceCount; r++) {
      const end = this.tail[r];
      if (end === 0) continue;
      const h = this.histogramOf(r);
      for (let c = this.head[r]; c !== 0; c = this.next[c]) {
        const from = c << CHUNK_SHIFT;
        const to = this.next[c] === 0 ? end : from + CHUNK;
        const bins = this.binBlocks[from >>> BLOCK_SHIFT];
        const amounts = this.amountBlocks[from >>> BLOCK_SHIFT];
        for (let e = from & (BLOCK - 1), stop = e + (to - from); e < stop; e++) addTo(h, bins[e], amounts[e]);
      }
    }
    this.tail.fill(0);
    this.head.fill(0);
    this.chunks = 1;
  }

  /** A fresh chunk for `resource`, chained after its last (which ends at `t`, or 0 when it has none); returns its first entry. */
  private newChunk(resource: number, t: number): number {
    if (this.chunks === this.maxChunks) {
      this.flush();
      t = 0;
    }
    const c = this.chunks++;
    if (c >= this.next.length) this.next = grown(this.next, 2 * this.next.length);
    this.next[c] = 0;
    if (t === 0) this.head[resource] = c;
    else this.next[(t - 1) >>> CHUNK_SHIFT] = c;
    const first = c << CHUNK_SHIFT;
    if (first >>> BLOCK_SHIFT >= this.binBlocks.length) {
      this.binBlocks.push(new Int32Array(BLOCK));
      this.amountBlocks.push(new Float64Array(BLOCK));
    }
    return first;
  }
}
