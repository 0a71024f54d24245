// Sawtooth: the periodic queue a set of window-based flows keeps at a saturated port, as equally spaced samples over one cycle.

/** Samples per cycle: enough for the mean and the 99th percentile of a cubic cycle to 1 %. */
export const SAWTOOTH_SAMPLES = 32;

/**
 * The queue at one port over one congestion-control cycle, in bytes: `samples[i]` is the
 * queue at time (i + ½)/n of the cycle (midpoints, so a time average is the plain mean); a
 * queue that does not cycle has one sample. A port with no standing queue has every sample 0.
 */
export interface Sawtooth {
  /** The samples: a typed array for a cycle, a one-element array for a queue that does not cycle (cheaper to make: ports change queues at every solve). */
  readonly samples: Float64Array | readonly number[];
  /** Time average over the cycle, bytes. */
  readonly meanBytes: number;
  /** Largest sample, bytes. */
  readonly maxBytes: number;
  /** Fraction of the packets through the port that it marks (ECN CE) over the cycle; 0 at a port that does not mark. */
  readonly markFraction: number;
}

/** Bytes per packet in which a sawtooth's steady marking is counted (links.csv's and flows.csv's `marks`): its fraction of the bytes a port forwards, in packets of this size. */
export const MARK_PACKET_BYTES = 1500;

/** A sawtooth from its samples (and the fraction of packets it marks). */
export function sawtoothOf(samples: Float64Array, markFraction = 0): Sawtooth {
  let sum = 0;
  let max = 0;
  for (const q of samples) {
    sum += q;
    if (q > max) max = q;
  }
  return { samples, meanBytes: samples.length > 0 ? sum / samples.length : 0, maxBytes: max, markFraction };
}

/** The empty queue (no flow bound at the port). */
export const NO_QUEUE: Sawtooth = sawtoothOf(new Float64Array(SAWTOOTH_SAMPLES));
