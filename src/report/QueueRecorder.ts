// QueueRecorder: time-weighted queue occupancy and queueing delay, drops and marks of every port; adds their columns to links.csv.
import { grown } from "../core/grown.js";
import type { FlowNetwork } from "../net/FlowNetwork.js";
import { ConstantQueue } from "../net/queues/ConstantQueue.js";
import { LinearSawtooth, linearSampleBytes } from "../net/queues/LinearSawtooth.js";
import type { QueueObserver } from "../net/queues/QueueObserver.js";
import type { QueueState } from "../net/queues/QueueState.js";
import { MARK_PACKET_BYTES, NO_QUEUE, SAWTOOTH_SAMPLES, type Sawtooth } from "../net/queues/Sawtooth.js";
import type { Topology } from "../net/Topology.js";
import { addToBins, BinLog } from "./BinLog.js";
import { IntervalSums } from "./IntervalSums.js";

/** Columns QueueRecorder adds to links.csv, in order. */
export const QUEUE_LINK_COLUMNS = ["queue_mean_bytes", "queue_p99_bytes", "queue_delay_mean_s", "queue_delay_p99_s", "drops", "marks"] as const;
/** Columns QueueRecorder adds to the link rows of timeseries.csv, in order (over each interval). */
export const QUEUE_SERIES_COLUMNS = ["queue_mean_bytes", "queue_delay_mean_s"] as const;

/** Bins of a port's occupancy histogram over [0, buffer]. */
const BINS = 512;
/**
 * Closes (a port's sawtooth held over an interval) the recorder keeps before it adds their
 * samples to the histograms' log: 16,384 closes (52 bytes each, 0.8 MB) of up to 32 samples
 * are up to 2¹⁹ additions. The ns-3 cases make 2,342–13,848; the k=16 20,000-flow tcp case
 * 103,516, all of one sample (its loss-based ports' queues).
 */
export const CLOSES_HELD = 1 << 14;
/** How a held close keeps its sawtooth (`closeKind`). */
const enum Held {
  /** Any other sawtooth: the object, in `closeOther`. */
  OTHER = 0,
  /** One sample (a queue that does not cycle): its bytes in `closeNumbers[4c]`. */
  ONE = 1,
  /** A {@link LinearSawtooth}: qMin, qMax, buffer and packet in `closeNumbers[4c … 4c + 3]`. */
  LINEAR = 2,
}
/** Room the held closes start with (doubling as they come, up to the most held). */
const FIRST_CLOSES = 1 << 10;

/**
 * Observes the network's {@link QueueState} and keeps, per channel, the time integral of its
 * standing queue and of its queueing delay (queue ÷ capacity in force), a time-weighted
 * histogram of occupancy for the 99th percentile, and its drops and marks.
 *
 * A port's queue between two changes is its sawtooth (the samples of one cycle, each taking an
 * equal share of the time), so the percentile sees the swing of DCTCP's cycle, not only its
 * mean. Marks are the transient ones reported (slow-start bursts above K) plus the steady ones
 * of a DCTCP sawtooth: its marking fraction α of what the saturated port forwards (capacity ×
 * time, in packets of 1,500 B). Drops are the packets transports report lost there.
 * Everything is taken over [0, end of run]. Additions to the histograms are logged per port
 * ({@link BinLog}) and read without folding: a port's p99 adds its histogram (made only if the
 * log was ever full and folded) and its logged additions, in the order logged, into one dense
 * scratch array, so a run whose additions all fit the log never makes a histogram (the k=16
 * fat-tree's 20,000 tcp flows: 92,493 additions, where 5,515 ports each made a 4 KB one).
 *
 * A close (a port's sawtooth held from its last change to now) is itself held first: the
 * sawtooth, the time and the port, in a list per port, up to {@link CLOSES_HELD} closes; its
 * samples' bins are added to the log only when that many are held, and a p99 reads a port's
 * held closes after its logged additions. Each bin so receives the same amounts in the same
 * order as when every close was logged at once, and a run that holds all its closes logs
 * nothing: a DCTCP port's sawtooth changes at each slow-start round of a flow bound there
 * (fattree-websearch-dctcp: 11,033 closes, 353,056 logged additions, 10 MB of log).
 */
export class QueueRecorder implements QueueObserver {
  private readonly current: Sawtooth[];
  private readonly sinceS: Float64Array;
  private readonly queueByteS: Float64Array;
  private readonly delayS2: Float64Array;
  private readonly drops: Float64Array;
  private readonly marks: Float64Array;
  /** Per resource, its occupancy histogram (BINS + 1 bins), made only when a full log is folded. */
  private readonly histograms: Array<Float64Array | undefined>;
  /** Additions to the histograms, logged per resource in order (read by {@link p99Bytes}; folded into the histograms when full). */
  private readonly histogramLog: BinLog<Float64Array>;
  /** Dense scratch for {@link p99Bytes}: a port's histogram plus its logged additions, all zero between reads. */
  private readonly scratch = new Float64Array(BINS + 1);
  private readonly range = new Int32Array(2);
  /**
   * Held closes, in the order closed: the port, the time its sawtooth was held, 1 + the next held
   * close of the same port (0: none), and the sawtooth: a {@link LinearSawtooth} as its four
   * numbers (qMin, qMax, buffer, packet), a one-sample queue as its bytes, any other as itself
   * ({@link Held}). (Keeping the sawtooths themselves kept every one alive to the end of the
   * run, a DCTCP one with its seven numbers boxed: 2.7 MB promoted to the old space in
   * fattree-websearch-dctcp.)
   */
  private closeResource = new Int32Array(0);
  private closeDtS = new Float64Array(0);
  private closeNext = new Int32Array(0);
  private closeKind = new Uint8Array(0);
  private closeNumbers = new Float64Array(0);
  private readonly closeOther: Array<Sawtooth | undefined> = [];
  private held = 0;
  /** Per port, 1 + its first and last held close (0: none; zero-filled, so untouched for ports that never hold one). */
  private readonly firstClose: Int32Array;
  private readonly lastClose: Int32Array;
  /** Per channel, with an interval: queue byte-seconds and delay-seconds by interval. */
  private readonly series?: IntervalSums;
  private endS = 0;

  /**
   * @param intervalS with it, the queue is also integrated per interval of that length, for
   *   the link rows of timeseries.csv ({@link seriesCells}).
   * @param logEntries histogram additions held before they are folded into the histograms ({@link BinLog}; tests fold early).
   * @param closesHeld closes held before their samples are logged (default {@link CLOSES_HELD}; tests log early).
   */
  constructor(
    private readonly queues: QueueState,
    private readonly network: FlowNetwork,
    private readonly topology: Topology,
    intervalS?: number,
    logEntries?: number,
    private readonly closesHeld = CLOSES_HELD,
  ) {
    if (!(Number.isInteger(closesHeld) && closesHeld >= 1)) throw new Error(`QueueRecorder: ${closesHeld} closes held, expected a whole number ≥ 1`);
    const n = topology.resourceCount;
    this.current = new Array<Sawtooth>(n).fill(NO_QUEUE);
    this.sinceS = new Float64Array(n);
    this.queueByteS = new Float64Array(n);
    this.delayS2 = new Float64Array(n);
    this.drops = new Float64Array(n);
    this.marks = new Float64Array(n);
    this.histograms = new Array<Float64Array | undefined>(n).fill(undefined);
    this.histogramLog = new BinLog(n, (r) => (this.histograms[r] ??= new Float64Array(BINS + 1)), addToBins, logEntries);
    this.firstClose = new Int32Array(n);
    this.lastClose = new Int32Array(n);
    if (intervalS !== undefined) this.series = new IntervalSums(intervalS, topology.channelCount);
    queues.observe(this);
  }

  /** Whether the run had queues to report (some flow could build one): links.csv gains the columns then. */
  get active(): boolean {
    return this.queues.anyRegistered;
  }

  /** @inheritdoc */
  queueChanged(resource: number, sawtooth: Sawtooth, nowS: number): void {
    this.close(resource, nowS);
    this.current[resource] = sawtooth;
  }

  /** @inheritdoc */
  dropped(resource: number, packets: number): void {
    this.drops[resource] += packets;
  }

  /** @inheritdoc */
  marked(resource: number, packets: number): void {
    this.marks[resource] += packets;
  }

  /** Close every port's accounting at the end of the run, `endS` (idempotent for the same end). */
  finish(endS: number): void {
    if (endS === this.endS) return;
    this.endS = endS;
    for (let r = 0; r < this.current.length; r++) this.close(r, endS);
  }

  /** Mean queueing delay of `resource` over the run (after {@link finish}), seconds. */
  meanDelayS(resource: number): number {
    return this.endS > 0 ? this.delayS2[resource] / this.endS : 0;
  }

  /** Cells of the {@link QUEUE_LINK_COLUMNS} for channel `ch` (after {@link finish}). */
  cells(ch: number): number[] {
    const t = this.endS;
    const capacity = this.network.capacityOf(ch);
    const p99 = this.p99Bytes(ch);
    // Bytes are whole in every report: a time-averaged queue is rounded to the byte.
    return [
      Math.round(t > 0 ? this.queueByteS[ch] / t : 0),
      Math.round(p99),
      t > 0 ? this.delayS2[ch] / t : 0,
      capacity > 0 ? p99 / capacity : 0,
      Math.round(this.drops[ch]),
      Math.round(this.marks[ch]),
    ];
  }

  /** Account for `r`'s current sawtooth from its last change to `nowS`. */
  private close(r: number, nowS: number): void {
    const sinceS = this.sinceS[r];
    const dt = nowS - sinceS;
    this.sinceS[r] = nowS;
    const s = this.current[r];
    if (!(dt > 0) || s.maxBytes === 0) return;
    const capacity = this.network.capacityOf(r);
    this.queueByteS[r] += s.meanBytes * dt;
    if (capacity > 0) this.delayS2[r] += (s.meanBytes / capacity) * dt;
    if (this.series && r < this.topology.channelCount) this.series.addSpan(r, sinceS, nowS, s.meanBytes, capacity > 0 ? s.meanBytes / capacity : 0);
    if (s.markFraction > 0) this.marks[r] += (s.markFraction * capacity * dt) / MARK_PACKET_BYTES;
    this.hold(r, s, dt);
  }

  /** Hold the close of port `r`'s sawtooth `s` over `dtS` seconds (its samples logged when {@link closesHeld} are held). */
  private hold(r: number, s: Sawtooth, dtS: number): void {
    if (this.held === this.closeResource.length) {
      if (this.held < this.closesHeld) this.growHeld();
      else this.logHeld();
    }
    const c = this.held++;
    this.closeResource[c] = r;
    this.closeDtS[c] = dtS;
    const at = 4 * c;
    if (s instanceof LinearSawtooth) {
      this.closeKind[c] = Held.LINEAR;
      this.closeNumbers[at] = s.qMinPackets;
      this.closeNumbers[at + 1] = s.qMaxPackets;
      this.closeNumbers[at + 2] = s.bufferPackets;
      this.closeNumbers[at + 3] = s.packetBytes;
    } else if (s instanceof ConstantQueue) {
      this.closeKind[c] = Held.ONE;
      this.closeNumbers[at] = s.meanBytes;
    } else if (s.samples.length === 1) {
      this.closeKind[c] = Held.ONE;
      this.closeNumbers[at] = s.samples[0];
    } else {
      this.closeKind[c] = Held.OTHER;
      this.closeOther[c] = s;
    }
    this.closeNext[c] = 0;
    const last = this.lastClose[r];
    if (last === 0) this.firstClose[r] = c + 1;
    else this.closeNext[last - 1] = c + 1;
    this.lastClose[r] = c + 1;
  }

  /** Twice the room for held closes (the first time {@link FIRST_CLOSES}), at most {@link closesHeld}. */
  private growHeld(): void {
    const size = Math.min(this.closesHeld, Math.max(FIRST_CLOSES, 2 * this.closeResource.length));
    this.closeResource = grown(this.closeResource, size);
    this.closeDtS = grown(this.closeDtS, size);
    this.closeNext = grown(this.closeNext, size);
    this.closeKind = grown(this.closeKind, size);
    this.closeNumbers = grown(this.closeNumbers, 4 * size);
  }

  /** Log the samples of every held close, in the order closed (each sample's bin an addition of its share of the time), and hold none. */
  private logHeld(): void {
    const bufferBytes = this.queues.settings.bufferBytes;
    for (let c = 0; c < this.held; c++) {
      const r = this.closeResource[c];
      const buffer = bufferBytes[r];
      const count = this.heldSampleCount(c);
      const share = this.closeDtS[c] / count;
      for (let i = 0; i < count; i++) {
        const bin = this.heldBin(c, i, buffer);
        // (A bin that is not an index, say 0 / 0, would add nothing to a typed array: none is logged.)
        if (bin >= 0) this.histogramLog.add(r, bin, share);
      }
      this.firstClose[r] = 0;
      this.lastClose[r] = 0;
    }
    this.closeOther.fill(undefined);
    this.held = 0;
  }

  /** How many samples held close `c`'s sawtooth has. */
  private heldSampleCount(c: number): number {
    const kind = this.closeKind[c];
    return kind === Held.LINEAR ? SAWTOOTH_SAMPLES : kind === Held.ONE ? 1 : this.closeOther[c]!.samples.length;
  }

  /** The occupancy bin of sample `i` of held close `c` at a port of `bufferBytes` (NaN for 0 / 0: no bin). */
  private heldBin(c: number, i: number, bufferBytes: number): number {
    return Math.min(BINS, Math.floor((this.heldSampleBytes(c, i) / bufferBytes) * BINS));
  }

  /** Sample `i` of held close `c`'s sawtooth, bytes. */
  private heldSampleBytes(c: number, i: number): number {
    const kind = this.closeKind[c];
    const at = 4 * c;
    const n = this.closeNumbers;
    if (kind === Held.LINEAR) return linearSampleBytes(n[at], n[at + 1], n[at + 2], n[at + 3], i);
    return kind === Held.ONE ? n[at] : this.closeOther[c]!.samples[i];
  }

  /**
   * Add the samples of port `r`'s held closes, in the order closed, into `dense` (indexed by
   * bin), as {@link logHeld} would log them, and widen [`range[0]`, `range[1]`] to every bin they touch.
   */
  private addHeldInto(r: number, dense: Float64Array, range: Int32Array): void {
    const buffer = this.queues.settings.bufferBytes[r];
    let lo = range[0];
    let hi = range[1];
    for (let c = this.firstClose[r] - 1; c >= 0; c = this.closeNext[c] - 1) {
      const count = this.heldSampleCount(c);
      const share = this.closeDtS[c] / count;
      for (let i = 0; i < count; i++) {
        const bin = this.heldBin(c, i, buffer);
        if (!(bin >= 0)) continue;
        dense[bin] += share;
        if (bin < lo) lo = bin;
        if (bin > hi) hi = bin;
      }
    }
    range[0] = lo;
    range[1] = hi;
  }

  /** Cells of the {@link QUEUE_SERIES_COLUMNS} for channel `ch` over [startS, endS) (after {@link finish}). */
  seriesCells(ch: number, startS: number, endS: number): number[] {
    const length = endS - startS;
    if (!this.series || !(length > 0)) return [0, 0];
    const i = this.series.indexOf(ch, Math.round(startS / this.series.intervalS));
    if (i < 0) return [0, 0];
    const list = this.series.lists[ch]!;
    return [Math.round(list[i + 1] / length), list[i + 2] / length];
  }

  /**
   * Time-weighted 99th percentile of `r`'s occupancy over the run (the upper edge of its bin),
   * bytes: from its histogram (if a full log was ever folded), its logged additions and then
   * its held closes' samples, added in order into the scratch (the sums a fold would make)
   * over the bins they touch, the scratch cleared after. Bins outside that range are zero and change no sum.
   */
  private p99Bytes(r: number): number {
    // holds() first: it groups what is logged (which may fold a full log) before a histogram is read.
    const pending = this.histogramLog.holds(r);
    const h = this.histograms[r];
    if ((!h && !pending && this.firstClose[r] === 0) || !(this.endS > 0)) return 0;
    const buffer = this.queues.settings.bufferBytes[r];
    const bins = this.scratch;
    const range = this.range;
    range[0] = BINS + 1;
    range[1] = -1;
    if (h) {
      bins.set(h);
      range[0] = 0;
      range[1] = BINS;
    }
    this.histogramLog.addInto(r, bins, range);
    this.addHeldInto(r, bins, range);
    const lo = range[0];
    const hi = range[1];
    // Time with no queue at all is the rest of the run.
    let busy = 0;
    for (let b = lo; b <= hi; b++) busy += bins[b];
    const idle = Math.max(0, this.endS - busy);
    const target = 0.99 * this.endS;
    let acc = idle;
    let p99 = buffer;
    if (acc >= target) p99 = 0;
    else {
      for (let b = lo; b <= hi; b++) {
        acc += bins[b];
        if (acc >= target) {
          p99 = Math.min(buffer, ((b + 1) / BINS) * buffer);
          break;
        }
      }
    }
    if (hi >= lo) bins.fill(0, lo, hi + 1);
    return p99;
  }
}
