// RecordRing: a one-way stream of numbers from one thread to another through shared memory, for a recorder run in a worker thread.

/** Index of each counter in the control array. */
const enum Ctl {
  /** Values written so far (mod {@link Ctl.WRAP}), published by the writer. */
  WRITTEN = 0,
  /** Values read so far (mod {@link Ctl.WRAP}), published by the reader when it has caught up or has read a quarter of the ring since it last did. */
  READ = 1,
  /** Answers the reader has posted ({@link RecordRing.answer}). */
  ANSWERS = 2,
  /** 1 once the reader has failed ({@link RecordRing.fail}). */
  FAILED = 3,
  /** Counts up while the reader is alive: at each refill and every {@link Ctl.BEAT_MS} while it waits. */
  BEAT = 4,
  SLOTS = 5,
  /** Counters run modulo 2³⁰ (so their difference fits an int32); the ring holds at most 2²⁹ values. */
  WRAP = 1 << 30,
  /** Milliseconds between two looks at the other side's failure while waiting. */
  WAIT_MS = 1000,
  /** How often a waiting reader shows it is alive, milliseconds. */
  BEAT_MS = 200,
}

/**
 * How long the writer waits without a sign of life from the reader before it gives up,
 * milliseconds: a reader that died without saying so (a worker that failed to load, or ran
 * out of memory) would otherwise leave the writer waiting for ever.
 */
export const READER_STALL_MS = 60_000;

/** The shared memory of a {@link RecordRing}: hand it to the other thread (workerData) and build the other side over it. */
export interface RecordRingMemory {
  values: SharedArrayBuffer;
  control: SharedArrayBuffer;
}

/**
 * A single-writer, single-reader ring of float64 values in shared memory. The writer
 * {@link send}s a block of values (waiting while the ring is full); the reader takes them one by
 * one with {@link next} (waiting while it is empty), in the order written. The writer publishes
 * its count once per block and the reader its own when it has caught up or read a quarter of the
 * ring since it last did, so a block costs two atomic stores, not one per value. The reader can post answers
 * ({@link answer}) that the writer waits for ({@link awaitAnswer}), and report a failure
 * ({@link fail}) that any wait on the other side turns into an Error.
 *
 * The writer wakes a waiting reader (`Atomics.notify`) only once a quarter of the ring has been
 * published since its last wake, before it waits for room itself, and before it waits for an
 * answer ({@link wake}); between wakes the reader finds what was published when its wait times
 * out ({@link Ctl.BEAT_MS}). A wake is what costs the writer: the reader is usually waiting (it
 * keeps up), and waking it took ~1.7 ms of the writer's wall time each on this 2-core VM (a
 * 10⁵-flow run woke it 536 times for 0.92 s of the simulation thread's ~9.7 s of CPU), so a wake
 * per 32,768-value block cost more than copying the block.
 */
export class RecordRing {
  private readonly ring: Float64Array;
  private readonly control: Int32Array;
  private readonly mask: number;
  /** Writer: values written; reader: values read (both mod 2³⁰). */
  private at = 0;
  /** Reader: values it may read without looking again (mod 2³⁰). */
  private available = 0;
  /** Writer: the reader's last beat seen, and when it was first seen (performance.now()). */
  private beat = -1;
  private beatSeenMs = 0;
  /** Writer: its count at its last wake of the reader (mod 2³⁰). */
  private wokeAt = 0;
  /**
   * A quarter of the ring: the writer's values published between two wakes of the reader, and the
   * reader's values read, at most, between two publications of its count.
   */
  private readonly quarter: number;
  /** Writer: how many times it has woken the reader (for tests and benchmarks). */
  wakes = 0;

  /** Shared memory for a ring of `values` values (a power of two, at most 2²⁹). */
  static allocate(values: number): RecordRingMemory {
    if (!(Number.isInteger(Math.log2(values)) && values >= 1 && values <= Ctl.WRAP / 2)) throw new Error(`RecordRing: ${values} values, expected a power of two ≤ 2^29`);
    return { values: new SharedArrayBuffer(values * 8), control: new SharedArrayBuffer(Ctl.SLOTS * 4) };
  }

  /** `stallMs`: how long the writer waits for a silent reader ({@link READER_STALL_MS}; tests make it short). */
  constructor(
    memory: RecordRingMemory,
    private readonly stallMs = READER_STALL_MS,
  ) {
    this.ring = new Float64Array(memory.values);
    this.control = new Int32Array(memory.control);
    this.mask = this.ring.length - 1;
    this.quarter = Math.max(1, this.ring.length >> 2);
  }

  /** Writer: append the first `n` values of `block`, waiting for the reader while the ring is full. */
  send(block: Float64Array, n: number): void {
    const { ring, control } = this;
    const size = ring.length;
    let w = this.at;
    let off = 0;
    while (off < n) {
      const r = Atomics.load(control, Ctl.READ);
      const free = size - ((w - r) & (Ctl.WRAP - 1));
      if (free === 0) {
        this.wake();
        Atomics.wait(control, Ctl.READ, r, Math.min(Ctl.WAIT_MS, this.stallMs));
        this.checkReader();
        continue;
      }
      const k = Math.min(free, n - off);
      const pos = w & this.mask;
      const first = Math.min(k, size - pos);
      ring.set(block.subarray(off, off + first), pos);
      if (k > first) ring.set(block.subarray(off + first, off + k), 0);
      off += k;
      w = (w + k) & (Ctl.WRAP - 1);
      this.at = w;
      Atomics.store(control, Ctl.WRITTEN, w);
      if (((w - this.wokeAt) & (Ctl.WRAP - 1)) >= this.quarter) this.wake();
    }
  }

  /** Writer: wake the reader if it may be waiting for values published since the last wake. */
  wake(): void {
    if (this.wokeAt === this.at) return;
    this.wokeAt = this.at;
    this.wakes++;
    Atomics.notify(this.control, Ctl.WRITTEN);
  }

  /** Reader: the next value, waiting for the writer while there is none. */
  next(): number {
    if (this.at === this.available) this.refill();
    const v = this.ring[this.at & this.mask];
    this.at = (this.at + 1) & (Ctl.WRAP - 1);
    return v;
  }

  /** Reader: answer count so far + 1 posted (after writing the answer where the writer reads it). */
  answer(): void {
    Atomics.add(this.control, Ctl.BEAT, 1);
    Atomics.add(this.control, Ctl.ANSWERS, 1);
    Atomics.notify(this.control, Ctl.ANSWERS);
  }

  /** Writer: the number of answers posted so far (pass it to {@link awaitAnswer} before asking). */
  answers(): number {
    return Atomics.load(this.control, Ctl.ANSWERS);
  }

  /** Writer: wait until the reader has posted more than `seen` answers (`seen` + 1 waits for the second answer after `seen`). */
  awaitAnswer(seen: number): void {
    this.wake();
    for (let now = Atomics.load(this.control, Ctl.ANSWERS); now <= seen; now = Atomics.load(this.control, Ctl.ANSWERS)) {
      Atomics.wait(this.control, Ctl.ANSWERS, now, Math.min(Ctl.WAIT_MS, this.stallMs));
      this.checkReader();
    }
  }

  /** Reader: give up; the writer's next wait throws. */
  fail(): void {
    Atomics.store(this.control, Ctl.FAILED, 1);
    Atomics.notify(this.control, Ctl.READ);
    Atomics.notify(this.control, Ctl.ANSWERS);
  }

  /** Writer, after a wait: throw if the reader has failed, or shown no sign of life for {@link READER_STALL_MS}. */
  private checkReader(): void {
    if (Atomics.load(this.control, Ctl.FAILED) !== 0) throw new Error("RecordRing: the reading thread failed");
    const beat = Atomics.load(this.control, Ctl.BEAT);
    const now = performance.now();
    if (beat !== this.beat) {
      this.beat = beat;
      this.beatSeenMs = now;
    } else if (now - this.beatSeenMs > this.stallMs) {
      throw new Error(`RecordRing: the reading thread has not answered for ${this.stallMs / 1000} s`);
    }
  }

  /**
   * Reader: publish what it has read (the writer may be waiting for room), then wait for more.
   * It takes at most a quarter of the ring ({@link quarter}) before it comes back here and
   * publishes again, so a writer that filled the ring while this thread was off its core gets
   * room as the backlog is read, not only once all of it is.
   */
  private refill(): void {
    const control = this.control;
    Atomics.store(control, Ctl.READ, this.at);
    Atomics.notify(control, Ctl.READ);
    for (;;) {
      Atomics.add(control, Ctl.BEAT, 1);
      const w = Atomics.load(control, Ctl.WRITTEN);
      if (w !== this.at) {
        this.available = ((w - this.at) & (Ctl.WRAP - 1)) > this.quarter ? (this.at + this.quarter) & (Ctl.WRAP - 1) : w;
        return;
      }
      Atomics.wait(control, Ctl.WRITTEN, w, Ctl.BEAT_MS);
    }
  }
}
