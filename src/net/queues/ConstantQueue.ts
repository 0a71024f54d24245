// ConstantQueue: a queue that does not cycle (one sample all cycle long), kept as its one number, its samples made only when asked.
import type { Sawtooth } from "./Sawtooth.js";

/**
 * A {@link Sawtooth} of one sample, `meanBytes` all cycle long: the queue loss-based windows
 * keep at a drop-tail port, a lossless fabric's at its threshold, flights held below DCTCP's
 * sawtooth. Equal to `{ samples: [bytes], meanBytes: bytes, maxBytes: bytes, markFraction: 0 }`,
 * but a port's queue is taken anew at every change of its flows (hundreds of thousands in a
 * 20,000-flow tcp run), and the one-element array each change made is left to whoever reads
 * {@link samples} (the queue reports read the number itself).
 */
export class ConstantQueue implements Sawtooth {
  readonly maxBytes: number;
  readonly markFraction = 0;

  constructor(readonly meanBytes: number) {
    this.maxBytes = meanBytes;
  }

  /** The one sample, as a new one-element array at each read. */
  get samples(): readonly number[] {
    return [this.meanBytes];
  }
}
