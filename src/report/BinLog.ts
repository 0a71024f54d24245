// BinLog: additions (bin, amount) to per-resource histograms, logged in order and grouped by resource a block at a time, so a reader can make a resource's sums from them without folding, and a fold visits each histogram once per many additions.
import { grown } from "../core/grown.js";

/** Additions a block holds (a power of two: 4 MB while logged, 3 MB once grouped). */
const BLOCK = 1 << 18;
/** Room the log starts with (it doubles as it fills, up to a block). */
const FIRST_ENTRIES = 1 << 10;

/**
 * Additions a log holds at most (12 bytes each once grouped: 24 MiB at 2²¹, eight blocks)
 * before it folds them into the histograms and starts again in the same memory.
 */
export const BIN_LOG_ENTRIES = 1 << 21;

/** Add `amount` to bin `bin` of a histogram kept as a dense array of bins (QueueRecorder's occupancy histograms). */
export function addToBins(h: Float64Array, bin: number, amount: number): void {
  h[bin] += amount;
}

/**
 * A log of additions (resource, bin, amount) to per-resource histograms of any kind `H`. An
 * addition is appended to the open block (three arrays written straight through, as the
 * additions come); a full block is grouped by resource by a stable counting sort into a
 * sealed block (bins and amounts in resource order, with each resource's end), while it is
 * still in the cache. A resource's additions are then, in the order made, its stretch of each
 * sealed block in turn.
 *
 * Two readers: {@link addInto} adds one resource's logged amounts, in order, into a dense
 * array (a copy of its histogram), which gives the sums the histogram will hold without
 * changing it; {@link flush} folds every resource's additions into its histogram (made by the
 * caller at the first one) and empties the log. A log holding `maxEntries` folds itself.
 * Either way each bin receives its additions in the order they were logged, so every sum is
 * bit-identical to adding directly. Adding straight into thousands of 8 KB histograms at
 * random cost a cache and a TLB miss per addition; a fold of up to 2²¹ additions touches
 * each histogram's lines once, and a run whose additions all fit need never make a histogram.
 * (Appending into each resource's own chunk instead was quicker at 20,000 flows and much
 * slower at a million, where the thousands of half-written chunk lines no longer stayed
 * in the cache between two closes of a resource.)
 */
export class BinLog<H> {
  /** The open block, in the order logged. */
  private resource = new Int32Array(0);
  private bin = new Int32Array(0);
  private amount = new Float64Array(0);
  private count = 0;
  /** Additions the open block holds now (it doubles up to {@link room}). */
  private capacity = 0;
  /** Additions the open block holds at most. */
  private readonly room: number;
  /** Sealed blocks (the first `sealed` are in use; the others kept for reuse): bins and amounts grouped by resource, and per resource the end of its stretch. */
  private readonly sealedBins: Int32Array[] = [];
  private readonly sealedAmounts: Float64Array[] = [];
  private readonly sealedEnds: Int32Array[] = [];
  private sealed = 0;
  private sealedEntries = 0;

  /**
   * @param resourceCount resources are 0 … resourceCount − 1
   * @param histogramOf the histogram of a resource, made by the caller when it has none yet
   * @param addTo adds an amount to one bin of a histogram
   * @param maxEntries additions held at most before they are folded
   */
  constructor(
    private readonly resourceCount: number,
    private readonly histogramOf: (resource: number) => H,
    private readonly addTo: (histogram: H, bin: number, amount: number) => void,
    private readonly maxEntries = BIN_LOG_ENTRIES,
  ) {
    if (!(Number.isInteger(maxEntries) && maxEntries >= 1)) throw new Error(`BinLog: capacity ${maxEntries}, expected a whole number ≥ 1`);
    this.room = Math.min(BLOCK, maxEntries);
  }

  /** Add `amount` to bin `bin` of resource `resource`'s histogram (logged; folded by the next flush). */
  add(resource: number, bin: number, amount: number): void {
    if (this.count === this.capacity) {
      if (this.capacity < this.room) this.grow();
      else this.seal();
    }
    const n = this.count++;
    this.resource[n] = resource;
    this.bin[n] = bin;
    this.amount[n] = amount;
  }

  /** Whether `resource` has additions logged and not yet folded. */
  holds(resource: number): boolean {
    this.seal();
    for (let b = 0; b < this.sealed; b++) {
      const ends = this.sealedEnds[b];
      if (ends[resource] > (resource > 0 ? ends[resource - 1] : 0)) return true;
    }
    return false;
  }

  /**
   * Add `resource`'s logged amounts, in the order logged, into `dense` (indexed by bin), and
   * widen [`range[0]`, `range[1]`] to every bin they touch. The log keeps them.
   */
  addInto(resource: number, dense: Float64Array, range: Int32Array): void {
    this.seal();
    let lo = range[0];
    let hi = range[1];
    for (let b = 0; b < this.sealed; b++) {
      const ends = this.sealedEnds[b];
      const bins = this.sealedBins[b];
      const amounts = this.sealedAmounts[b];
      for (let p = resource > 0 ? ends[resource - 1] : 0, to = ends[resource]; p < to; p++) {
        const bin = bins[p];
        dense[bin] += amounts[p];
        if (bin < lo) lo = bin;
        if (bin > hi) hi = bin;
      }
    }
    range[0] = lo;
    range[1] = hi;
  }

  /** Fold every logged addition into its resource's histogram, each bin's in the order logged, and empty the log. */
  flush(): void {
    this.seal();
    this.fold();
  }

  /** Fold the sealed blocks (resource by resource, each one's stretches in block order) and empty them. */
  private fold(): void {
    const addTo = this.addTo;
    const sealed = this.sealed;
    for (let r = 0; r < this.resourceCount; r++) {
      let h: H | undefined;
      for (let b = 0; b < sealed; b++) {
        const ends = this.sealedEnds[b];
        const from = r > 0 ? ends[r - 1] : 0;
        const to = ends[r];
        if (to === from) continue;
        h ??= this.histogramOf(r);
        const bins = this.sealedBins[b];
        const amounts = this.sealedAmounts[b];
        for (let p = from; p < to; p++) addTo(h, bins[p], amounts[p]);
      }
    }
    this.sealed = 0;
    this.sealedEntries = 0;
  }

  /** Group the open block by resource (a stable counting sort) into a sealed block, and fold when the log holds `maxEntries`. */
  private seal(): void {
    const n = this.count;
    if (n === 0) return;
    const b = this.sealed;
    if (b === this.sealedBins.length) {
      this.sealedBins.push(new Int32Array(0));
      this.sealedAmounts.push(new Float64Array(0));
      this.sealedEnds.push(new Int32Array(this.resourceCount));
    }
    if (this.sealedBins[b].length < n) {
      const size = Math.min(this.room, Math.max(n, 2 * this.sealedBins[b].length));
      this.sealedBins[b] = new Int32Array(size);
      this.sealedAmounts[b] = new Float64Array(size);
    }
    const { resource, bin, amount } = this;
    const bins = this.sealedBins[b];
    const amounts = this.sealedAmounts[b];
    const ends = this.sealedEnds[b];
    // ends[r] counts r's additions, then becomes where r's stretch starts, then (after the scatter) where it ends.
    ends.fill(0);
    countPerResource(resource, n, ends);
    countsToStarts(ends, this.resourceCount);
    scatter(resource, bin, amount, n, ends, bins, amounts);
    this.sealed = b + 1;
    this.sealedEntries += n;
    this.count = 0;
    if (this.sealedEntries >= this.maxEntries) this.fold();
  }

  /** Twice the room of the open block (the first time: {@link FIRST_ENTRIES}), at most {@link room}, keeping what is logged. */
  private grow(): void {
    const size = Math.min(this.room, this.capacity === 0 ? FIRST_ENTRIES : 2 * this.capacity);
    this.resource = grown(this.resource, size);
    this.bin = grown(this.bin, size);
    this.amount = grown(this.amount, size);
    this.capacity = size;
  }
}

// The three passes of a seal, each a function of its own: a seal runs a few times a run (once per
// 2^18 additions), so each of its loops is compiled on the stack while it runs; in one function,
// the code compiled in the first loop had seen nothing of the next ones and was thrown away on
// reaching them (16 times in the k=16 20,000-flow tcp run), which left most of the sorting to the
// baseline compiler's code. A loop alone in its function has nothing after it left unseen.

/** Count the first `n` additions of each resource into `ends` (zeroed). */
function countPerResource(resource: Int32Array, n: number, ends: Int32Array): void {
  for (let i = 0; i < n; i++) ends[resource[i]]++;
}

/** Turn the counts of `ends` into where each resource's stretch starts (an exclusive prefix sum). */
function countsToStarts(ends: Int32Array, resourceCount: number): void {
  let at = 0;
  for (let r = 0; r < resourceCount; r++) {
    const c = ends[r];
    ends[r] = at;
    at += c;
  }
}

/** Put the first `n` additions into their resources' stretches in order, each start in `ends` moving to its stretch's end. */
function scatter(resource: Int32Array, bin: Int32Array, amount: Float64Array, n: number, ends: Int32Array, bins: Int32Array, amounts: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const p = ends[resource[i]]++;
    bins[p] = bin[i];
    amounts[p] = amount[i];
  }
}
