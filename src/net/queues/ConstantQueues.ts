// ConstantQueues: the records of every resource's constant (one-sample) queue, two per resource written in turn, so a port whose queue moves makes no new object.
import type { Sawtooth } from "./Sawtooth.js";

/** A {@link Sawtooth} of one sample that its owner writes again. */
interface ConstantQueue {
  samples: Float64Array;
  meanBytes: number;
  maxBytes: number;
  markFraction: number;
}

/**
 * Two records per resource for a queue of the same bytes all cycle long (a loss-based port's
 * queue, as its transport tracks it, moves at nearly every solve: 186,598 times in the k=16
 * fat-tree's 20,000 tcp flows, each a new object and array before). A new queue is written into
 * the record that is not the resource's current queue, so the one handed out last stays as it
 * is until the resource's next change — what an observer that closes the span of the old queue
 * when told of the new one needs ({@link QueueObserver}).
 */
export class ConstantQueues {
  private readonly records: Array<ConstantQueue | undefined>;

  constructor(resourceCount: number) {
    this.records = new Array<ConstantQueue | undefined>(2 * resourceCount).fill(undefined);
  }

  /** A queue of `bytes` all cycle long at `resource`, written into its record that is not `current` (its queue now). */
  write(resource: number, bytes: number, current: Sawtooth): Sawtooth {
    let i = 2 * resource;
    if (this.records[i] === current) i++;
    let s = this.records[i];
    if (s === undefined) this.records[i] = s = { samples: new Float64Array(1), meanBytes: 0, maxBytes: 0, markFraction: 0 };
    s.samples[0] = bytes;
    s.meanBytes = bytes;
    s.maxBytes = bytes;
    return s;
  }
}
