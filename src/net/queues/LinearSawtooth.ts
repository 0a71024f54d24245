// LinearSawtooth: a queue that rises linearly over its cycle (DCTCP's), kept as its two ends and made into samples only when asked.
import { SAWTOOTH_SAMPLES, type Sawtooth } from "./Sawtooth.js";

/**
 * A {@link Sawtooth} of {@link SAWTOOTH_SAMPLES} samples whose queue rises linearly from
 * `qMinPackets` to `qMaxPackets` over the cycle, each sample held in [0, `bufferPackets`] and
 * given in bytes of `packetBytes`: sample i is
 * `min(bufferPackets, max(0, qMin + ((i + ½)/n)·(qMax − qMin))) · packetBytes`
 * ({@link sampleBytes}). Its mean and largest sample are summed at construction, in sample
 * order; the samples themselves are computed again when read (the same operations, so the
 * same numbers) and made into an array only when {@link samples} is asked for. A port's queue
 * is taken anew at every change of its flows (each slow-start round of a DCTCP flow bound
 * there): the array of 32 doubles each change made, one off-heap allocation each, is left
 * to whoever reads the samples.
 */
export class LinearSawtooth implements Sawtooth {
  readonly meanBytes: number;
  readonly maxBytes: number;
  private made: Float64Array | undefined = undefined;

  constructor(
    readonly qMinPackets: number,
    readonly qMaxPackets: number,
    readonly bufferPackets: number,
    readonly packetBytes: number,
    readonly markFraction: number,
  ) {
    // Summed in sample order, as sawtoothOf sums them.
    let sum = 0;
    let max = 0;
    for (let i = 0; i < SAWTOOTH_SAMPLES; i++) {
      const bytes = this.sampleBytes(i);
      sum += bytes;
      if (bytes > max) max = bytes;
    }
    this.meanBytes = sum / SAWTOOTH_SAMPLES;
    this.maxBytes = max;
  }

  /** Sample `i` (0 … {@link SAWTOOTH_SAMPLES} − 1), bytes. */
  sampleBytes(i: number): number {
    return linearSampleBytes(this.qMinPackets, this.qMaxPackets, this.bufferPackets, this.packetBytes, i);
  }

  /** The samples, as an array (made at the first read). */
  get samples(): Float64Array {
    if (this.made === undefined) {
      const made = new Float64Array(SAWTOOTH_SAMPLES);
      for (let i = 0; i < SAWTOOTH_SAMPLES; i++) made[i] = this.sampleBytes(i);
      this.made = made;
    }
    return this.made;
  }
}

/**
 * Sample `i` of the {@link LinearSawtooth} with these ends, buffer and packet, bytes: what its
 * `sampleBytes(i)` gives, for a reader that keeps the four numbers rather than the object.
 */
export function linearSampleBytes(qMinPackets: number, qMaxPackets: number, bufferPackets: number, packetBytes: number, i: number): number {
  const q = qMinPackets + ((i + 0.5) / SAWTOOTH_SAMPLES) * (qMaxPackets - qMinPackets);
  return Math.min(bufferPackets, Math.max(0, q)) * packetBytes;
}

/** How many samples `s` has, without making a {@link LinearSawtooth}'s array. */
export function sampleCountOf(s: Sawtooth): number {
  return s instanceof LinearSawtooth ? SAWTOOTH_SAMPLES : s.samples.length;
}
