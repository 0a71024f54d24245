// QueueModel: the standing queue the flows bound at a port keep there — DCTCP's sawtooth at a marking port, the queue loss-based windows keep at a drop-tail one, a lossless fabric's at its threshold.
import type { FlowNetwork } from "../FlowNetwork.js";
import type { AckLoad } from "./AckLoad.js";
import type { BoundFlows } from "./BoundFlows.js";
import { ConstantQueue } from "./ConstantQueue.js";
import { dctcpAlpha, dctcpSawtoothAt } from "./dctcpSawtooth.js";
import { dctcpSettledAlpha } from "./dctcpSettledAlpha.js";
import { sampleCountOf } from "./LinearSawtooth.js";
import { QueueClass } from "./QueueClass.js";
import type { QueueSettings } from "./QueueSettings.js";
import { NO_QUEUE, type Sawtooth } from "./Sawtooth.js";

/**
 * {@link QueueState}'s model of one port's queue, from the flows bound there ({@link BoundFlows}):
 * N = those flows, P = capacity in force × their mean base RTT, K the marking threshold their
 * ACK load leaves ({@link AckLoad}). Keeps what it needs between questions: the queue a
 * transport reports at a drop-tail port, and DCTCP's α* and settled α at the W* last asked.
 */
export class QueueModel {
  /** Queue a transport tracks itself at a port (loss-based windows growing into the buffer), bytes. */
  private readonly reportedBytes: Float64Array;
  /**
   * Per resource: the W* = (P + K)/N its DCTCP sawtooth was last taken at, and DCTCP's α* there
   * ({@link dctcpAlpha}, a root found by Newton's method): a flow's α moving (each slow-start
   * round of a DCTCP flow bound there) changes the sawtooth's swing, not W*. NaN until the first.
   */
  private readonly wStarAt: Float64Array;
  private readonly steadyAlphaAt: Float64Array;
  /** Per resource: the α DCTCP flows settle at in ns-3 for the W* in {@link wStarAt} ({@link dctcpSettledAlpha}). */
  private readonly settledAlphaAt: Float64Array;

  constructor(
    resourceCount: number,
    private readonly network: FlowNetwork,
    private readonly settings: QueueSettings,
    private readonly bound: BoundFlows,
    private readonly acks: AckLoad,
  ) {
    const n = resourceCount;
    this.reportedBytes = new Float64Array(n);
    this.wStarAt = new Float64Array(n).fill(NaN);
    this.steadyAlphaAt = new Float64Array(n);
    this.settledAlphaAt = new Float64Array(n);
  }

  /** A transport tracks a queue of `bytes` at port `resource` now; false when that is what it tracked already. */
  setReported(resource: number, bytes: number): boolean {
    if (this.reportedBytes[resource] === bytes) return false;
    this.reportedBytes[resource] = bytes;
    return true;
  }

  /**
   * The α DCTCP flows settle at, and the fraction of packets marked, at marking port `r` for the
   * flows bound there now ({@link dctcpSettledAlpha} of W* = (P + K)/N: ns-3's whole CWR cuts,
   * below eq. 7's α*), or NaN where no flow is bound or the port does not mark.
   */
  steadyAlpha(r: number): number {
    const n = this.bound.windowed(r);
    const all = n + this.bound.count(r, QueueClass.Lossless);
    const capacity = this.network.capacityOf(r);
    const kBytes = this.settings.ecnThresholdBytes[r];
    if (n === 0 || !(kBytes > 0) || !(capacity > 0)) return NaN;
    const packet = this.bound.packetSumBytes(r) / all;
    const pipe = (capacity * (this.bound.rttSumS(r) / all)) / packet;
    this.alphaFor(r, (pipe + this.acks.markingThresholdPackets(r, packet)) / n);
    return this.settledAlphaAt[r];
  }

  /**
   * The window each DCTCP flow at marking port `r` cuts once per period of its sawtooth, packets:
   * (W* + 1)·α* / 2 at the W* and α* last asked of {@link steadyAlpha} (Alizadeh et al. 2010, §3.3;
   * the flows grow one packet per round trip, so the period is this many round trips). NaN before.
   */
  cutPackets(r: number): number {
    return ((this.wStarAt[r] + 1) * this.steadyAlphaAt[r]) / 2;
  }

  /** The per-flow critical window W* = (P + K)/N at marking port `r` last asked of {@link steadyAlpha} or its sawtooth, packets (the window each flow peaks at, less one); NaN before. */
  criticalWindowPackets(r: number): number {
    return this.wStarAt[r];
  }

  /** DCTCP's α* for W* = `wStar` at port `r` ({@link dctcpAlpha}) and the settled α ({@link dctcpSettledAlpha}), solved again only when W* there moved; returns α*. */
  private alphaFor(r: number, wStar: number): number {
    if (this.wStarAt[r] === wStar) return this.steadyAlphaAt[r];
    const alpha = dctcpAlpha(wStar);
    this.wStarAt[r] = wStar;
    this.steadyAlphaAt[r] = alpha;
    this.settledAlphaAt[r] = dctcpSettledAlpha(wStar, alpha);
    return alpha;
  }

  /**
   * The sawtooth the flows bound at `r` keep there now, `current` being its queue until now
   * (kept when the new one is the same constant queue).
   */
  sawtoothAt(r: number, current: Sawtooth): Sawtooth {
    const bound = this.bound;
    const nDctcp = bound.count(r, QueueClass.Dctcp);
    const nReno = bound.count(r, QueueClass.NewReno);
    const nCubic = bound.count(r, QueueClass.Cubic);
    const nLossless = bound.count(r, QueueClass.Lossless);
    const n = nDctcp + nReno + nCubic;
    const capacity = this.network.capacityOf(r);
    this.acks.used(r);
    if (n + nLossless === 0 || !(capacity > 0)) return NO_QUEUE;
    // rdma (DCQCN-style rate control over a lossless fabric) holds a congested port's queue at its marking threshold.
    if (nLossless > n) return this.constantQueue(current, this.settings.ecnThresholdBytes[r]);
    const packet = bound.packetSumBytes(r) / (n + nLossless);
    const buffer = this.settings.bufferBytes[r] / packet;
    const k = this.acks.markingThresholdPackets(r, packet);
    // A marking port: DCTCP flows keep the queue near K; loss-based flows meet RED's drops at K.
    if (k > 0 && nDctcp * 2 >= n) {
      const pipe = (capacity * (bound.rttSumS(r) / (n + nLossless))) / packet;
      // The cut is by the flows' own α: the DCTCP flows' mean, the others' at the steady α*. ns-3's
      // settled flows hold α below α* (dctcpSettledAlpha) while the queue keeps eq. 7's sawtooth
      // (bench/ns3/README.md, Session 43): a flow's α swings the queue as eq. 7's α* × α / settled α,
      // at most 1, and the port marks the settled α.
      const alphaSum = bound.alphaSum(r);
      const wStar = (pipe + k) / n;
      const steady = this.alphaFor(r, wStar);
      const settled = this.settledAlphaAt[r];
      const meanAlpha = nDctcp === n ? alphaSum / n : (alphaSum + (n - nDctcp) * settled) / n;
      const swing = meanAlpha === settled ? steady : Math.min(1, (meanAlpha * steady) / settled);
      const s = dctcpSawtoothAt(n, wStar, settled, k, buffer, packet, swing);
      if (bound.limited(r) < n + nLossless) return s;
      // Every flow bound here is limited by its flight: the queue is what their flights exceed the pipe by, while below the sawtooth.
      const excess = bound.limitedSumBytes(r) - pipe * packet;
      return excess >= s.maxBytes ? s : this.constantQueue(current, Math.max(0, excess));
    }
    // Loss-based flows (and DCTCP at a port that does not mark): the queue their windows keep, as their transport tracks it.
    const limit = (k > 0 ? Math.min(k, buffer) : buffer) * packet;
    return this.constantQueue(current, Math.min(this.reportedBytes[r], limit));
  }

  /**
   * A queue of `bytes` all cycle long (one sample): `current` when it is that already (a change
   * to the same queue is still told to the observers, as one to a new object was), else a new one.
   */
  private constantQueue(current: Sawtooth, bytes: number): Sawtooth {
    if (current instanceof ConstantQueue) {
      if (current.meanBytes === bytes) return current;
    } else if (sampleCountOf(current) === 1 && current.samples[0] === bytes && current.markFraction === 0) return current;
    return constantQueue(bytes);
  }
}

/** A queue of `bytes` all cycle long (one sample): what `sawtoothOf(Float64Array.of(bytes))` gives, without a typed array. */
function constantQueue(bytes: number): Sawtooth {
  return bytes > 0 ? new ConstantQueue(bytes) : NO_QUEUE;
}
