// QueueState: the queue at every resource, owned by the network — buffer, marking threshold, and the standing queue its bound flows keep.
import { grown } from "../../core/grown.js";
import type { FlowNetwork, FlowObserver } from "../FlowNetwork.js";
import type { RateChanges } from "../RateChanges.js";
import type { Topology } from "../Topology.js";
import { dctcpAlpha, dctcpSawtoothAt } from "./dctcpSawtooth.js";
import { NO_QUEUE, type Sawtooth } from "./Sawtooth.js";

/** ACKs per data packet served by which a marking port's ACK load moves before the port is judged again ({@link QueueState}). */
const ACKS_MOVED = 0.01;

/** Places in a resource's record of {@link QueueState}'s counts: the bound flows of each class at its {@link QueueClass} value (0–4), the flight-limited ones at LIMITED. */
const LIMITED = 5;
const COUNTS = 8;
/** Places in a resource's record of {@link QueueState}'s sums. */
const RTT_SUM = 0;
const PACKET_SUM = 1;
const ALPHA_SUM = 2;
const LIMITED_SUM = 3;
const SUMS = 4;

/**
 * How a flow's congestion control fills a queue: not at all (fluid transports such as
 * `maxmin`), DCTCP (reacts to ECN marks), a loss-based one (NewReno's linear growth,
 * Cubic's cubic growth), or a lossless fabric's (`rdma`: PFC fills the port to its pause
 * threshold, the buffer).
 */
export const QueueClass = { None: 0, Dctcp: 1, NewReno: 2, Cubic: 3, Lossless: 4 } as const;
/** One of the {@link QueueClass} values. */
export type QueueClass = (typeof QueueClass)[keyof typeof QueueClass];

/** Watches the queues (reports). */
export interface QueueObserver {
  /** Resource `resource`'s standing queue changed to `sawtooth` at `nowS`. */
  queueChanged(resource: number, sawtooth: Sawtooth, nowS: number): void;
  /** `packets` packets were dropped at `resource` (buffer overflow) at `nowS`. */
  dropped?(resource: number, packets: number, nowS: number): void;
  /** `packets` packets were marked at `resource` by a transient burst (beyond a sawtooth's steady marking) at `nowS`. */
  marked?(resource: number, packets: number, nowS: number): void;
}

/** Buffers and marking thresholds, per resource, in bytes. */
export interface QueueSettings {
  /** Buffer of each resource (a channel's egress port, or a node capacity), bytes. */
  bufferBytes: Float64Array;
  /** ECN marking threshold K of each resource, bytes; 0 where the port does not mark. */
  ecnThresholdBytes: Float64Array;
}

/**
 * The one owner of queueing state: for every resource, its buffer and marking threshold
 * (fixed), and the standing queue that the flows it bottlenecks keep there (changing with
 * them). Transports read queueing delays from here (RTTs, handshakes, first bytes); reports
 * observe the changes.
 *
 * The model is the flow level's: a resource holds a queue only while it is the max-min
 * bottleneck of at least one queue-building flow (a `tcp` flow that is not window-limited).
 * Its queue is the steady-state sawtooth of those flows' congestion control — DCTCP's at a
 * marking port ({@link dctcpSawtooth}), the loss-based one at a drop-tail port
 * ({@link lossSawtooth}) — taken over N = the flows bound there and P = capacity in force ×
 * their mean base RTT. Flows bound elsewhere cross the port at a rate it can serve and add
 * no standing queue. Queueing delay = mean queue / capacity in force.
 *
 * It observes the {@link FlowNetwork}: a flow's bottleneck is the one the sharing engine
 * reports with each rate change, and the queues of the resources whose bound flows changed
 * are recomputed once at the end of each solve.
 */
export class QueueState implements FlowObserver {
  private flowCap = 0;
  private registered = 0;
  private cls = new Uint8Array(0);
  private baseRttS = new Float64Array(0);
  private packetBytes = new Float64Array(0);
  private boundAt_ = new Int32Array(0);
  /** Bytes each flow can have in flight at most (its window, or all it has left), Infinity for a flow whose window grows into its port's sawtooth. */
  private flightBytes = new Float64Array(0);
  /**
   * Each DCTCP flow's α (its average marked fraction, {@link setAlpha}): its one owner, which the
   * transport reads too ({@link alphaOf}). 1 until the transport sets one, as in ns-3 and Linux;
   * kept when a rerouted flow registers again (the sender's α does not restart with the path).
   */
  private alpha = new Float64Array(0);
  /** Per flow: ACK packets its receiver sends back per data packet (1 / delayed-ACK count for tcp; 0 for a flow whose ACKs no queue counts). */
  private acksPerPacket = new Float64Array(0);
  /** Per flow: the ACK packets per second it adds now to the reverse channel of every channel on its route ({@link ackRate}). */
  private ackRateOf = new Float64Array(0);
  /**
   * Per resource, side by side at `r * COUNTS` (one cache line for what a rate change or a
   * judgement of the port reads, where five arrays took five): the flows of each
   * {@link QueueClass} bound there (at `+ cls`), and those whose flight is limited
   * ({@link setFlight}; at `+ LIMITED`).
   */
  private readonly counts: Int32Array;
  /**
   * Per resource, side by side at `r * SUMS`: the bound flows' base RTTs (`+ RTT_SUM`), packet
   * sizes (`+ PACKET_SUM`), the α of the DCTCP ones (`+ ALPHA_SUM`) and the limited ones'
   * flights, bytes (`+ LIMITED_SUM`).
   */
  private readonly sums: Float64Array;
  private readonly sawtooth: Sawtooth[];
  private readonly meanBytes: Float64Array;
  /**
   * Mean queueing delay of each resource now, seconds: meanBytes ÷ capacity in force where the
   * mean is above 0, else 0 (kept with the queue and the capacity, so the RTT walks of the
   * transports add one number per port instead of dividing).
   */
  private readonly delaySAt: Float64Array;
  /** Queue a transport tracks itself at a port (loss-based windows growing into the buffer), bytes. */
  private readonly reportedBytes: Float64Array;
  /**
   * Per resource: ACK packets per second arriving at it, from the flows whose data crosses its
   * reverse channel (links are full duplex: the ACKs of the data one way queue with the data the
   * other way). Kept only where some port marks ({@link markingThresholdPackets}).
   */
  private readonly ackRate: Float64Array;
  /** Per resource: {@link ackRate} when its queue was last computed. */
  private readonly ackRateUsed: Float64Array;
  /**
   * Per resource: the W* = (P + K)/N its DCTCP sawtooth was last taken at, and DCTCP's α* there
   * ({@link dctcpAlpha}, a root found by Newton's method): a flow's α moving (each slow-start
   * round of a DCTCP flow bound there) changes the sawtooth's swing, not W*. NaN until the first.
   */
  private readonly wStarAt: Float64Array;
  private readonly steadyAlphaAt: Float64Array;
  /** Whether any port marks (has an ECN threshold): only then do the ACKs' rates matter. */
  private readonly marking: boolean;
  /** Resources whose bound flows or capacity changed since the last solve: the first `dirtyCount` (the array keeps its room between solves). */
  private readonly dirty: number[] = [];
  private dirtyCount = 0;
  private readonly isDirty: Uint8Array;
  /** Resources whose mean queue is above 0 now (none: every queueing delay is 0, and RTTs need no walk of the route). */
  private queued = 0;
  private readonly observers: QueueObserver[] = [];

  constructor(
    private readonly network: FlowNetwork,
    private readonly topology: Topology,
    readonly settings: QueueSettings,
  ) {
    const n = topology.resourceCount;
    this.counts = new Int32Array(n * COUNTS);
    this.sums = new Float64Array(n * SUMS);
    this.sawtooth = new Array<Sawtooth>(n).fill(NO_QUEUE);
    this.meanBytes = new Float64Array(n);
    this.delaySAt = new Float64Array(n);
    this.reportedBytes = new Float64Array(n);
    this.ackRate = new Float64Array(n);
    this.ackRateUsed = new Float64Array(n);
    this.marking = settings.ecnThresholdBytes.some((k) => k > 0);
    this.wStarAt = new Float64Array(n).fill(NaN);
    this.steadyAlphaAt = new Float64Array(n);
    this.isDirty = new Uint8Array(n);
    this.growFlows(1024);
    network.observe(this);
  }

  /** Subscribe an observer of queue changes. */
  observe(observer: QueueObserver): void {
    this.observers.push(observer);
  }

  /** Make room for flows 0 … `n` − 1 among the registered ones at once (kept when already there), where registering them one by one would double the per-flow arrays several times. */
  reserveFlows(n: number): void {
    if (n > this.flowCap) this.growFlows(n);
  }

  /**
   * Declare `flow` a queue-building flow of class `cls` with base round-trip time
   * `baseRttS` and `packetBytes` per full packet on the wire, whose receiver sends
   * `acksPerPacket` ACKs back per data packet (1 / the delayed-ACK count; 0: none the queues
   * count). Call before it drains.
   */
  register(flow: number, cls: QueueClass, baseRttS: number, packetBytes: number, acksPerPacket = 0): void {
    if (flow >= this.flowCap) this.growFlows(Math.max(flow + 1, 2 * this.flowCap));
    this.registered++;
    this.cls[flow] = cls;
    this.baseRttS[flow] = baseRttS;
    this.packetBytes[flow] = packetBytes;
    this.boundAt_[flow] = -1;
    this.flightBytes[flow] = Infinity;
    this.acksPerPacket[flow] = acksPerPacket;
  }

  /**
   * DCTCP flow `flow`'s α is now `alpha` (its transport's running average of the marked
   * fraction): the sawtooth of the port that binds it swings by its flows' mean α
   * ({@link dctcpSawtooth}). Takes effect at once.
   */
  setAlpha(flow: number, alpha: number, nowS: number): void {
    const was = this.alpha[flow];
    if (was === alpha) return;
    this.alpha[flow] = alpha;
    const r = this.boundAt_[flow];
    if (r < 0 || this.cls[flow] !== QueueClass.Dctcp) return;
    this.sums[r * SUMS + ALPHA_SUM] += alpha - was;
    const s = this.compute(r);
    if (s === NO_QUEUE && this.sawtooth[r] === NO_QUEUE) return;
    this.setSawtooth(r, s, nowS);
  }

  /** The α the queues hold for DCTCP flow `flow` ({@link setAlpha}; 1 until its transport sets one). */
  alphaOf(flow: number): number {
    return this.alpha[flow];
  }

  /**
   * DCTCP's steady marked fraction α* at marking port `r` for the flows bound there now
   * (Alizadeh et al.: from W* = (P + K)/N), or NaN where no flow is bound or the port does not mark.
   */
  steadyAlpha(r: number): number {
    const n = this.windowed(r);
    const all = n + this.counts[r * COUNTS + QueueClass.Lossless];
    const capacity = this.network.capacityOf(r);
    const kBytes = this.settings.ecnThresholdBytes[r];
    if (n === 0 || !(kBytes > 0) || !(capacity > 0)) return NaN;
    const packet = this.sums[r * SUMS + PACKET_SUM] / all;
    const pipe = (capacity * (this.sums[r * SUMS + RTT_SUM] / all)) / packet;
    return this.alphaFor(r, (pipe + this.markingThresholdPackets(r, packet)) / n);
  }

  /** DCTCP's α* for W* = `wStar` at port `r` ({@link dctcpAlpha}), solved again only when W* there moved. */
  private alphaFor(r: number, wStar: number): number {
    if (this.wStarAt[r] === wStar) return this.steadyAlphaAt[r];
    const alpha = dctcpAlpha(wStar);
    this.wStarAt[r] = wStar;
    this.steadyAlphaAt[r] = alpha;
    return alpha;
  }

  /**
   * The data packets of `packetBytes` at which marking port `r` starts to mark: its threshold K
   * counts packets, the ACKs queued among the data as much as data packets (ns-3's marking queue
   * disc, and K as the DCTCP paper sets it, in packets). ACKs arrive at `ackRate` per second from
   * the flows the other way; in the FIFO a packet arriving now waits behind what arrived over the
   * queue's drain time (Little's law), so D data packets (drain D × packet ÷ C) sit with
   * A = D × x ACKs, x = ackRate × packet ÷ C (ACKs arriving per data packet served; the ACKs' own
   * 54 B are left out), and the port marks at D + A = K: D = K ÷ (1 + x). K ÷ packet where no
   * ACKs arrive (or no port marks), 0 where the port does not mark.
   */
  markingThresholdPackets(r: number, packetBytes: number): number {
    const k = this.settings.ecnThresholdBytes[r] / packetBytes;
    const acks = this.ackRate[r];
    return acks > 0 ? k / (1 + (acks * packetBytes) / this.network.capacityOf(r)) : k;
  }

  /**
   * Registered flow `flow` can have at most `bytes` in flight now (a slow-start window, or all
   * a flow has left once its window covers it), or Infinity: its window grows until its port's
   * marks hold it (DCTCP's congestion avoidance). Flows with a limited flight keep at most what
   * their flights exceed the pipe by at a marking port ({@link compute}). Takes effect at once.
   */
  setFlight(flow: number, bytes: number, nowS: number): void {
    const was = this.flightBytes[flow];
    if (was === bytes) return;
    this.flightBytes[flow] = bytes;
    const r = this.boundAt_[flow];
    if (r < 0) return;
    if (was !== Infinity) {
      this.counts[r * COUNTS + LIMITED]--;
      this.sums[r * SUMS + LIMITED_SUM] -= was;
    }
    if (bytes !== Infinity) {
      this.counts[r * COUNTS + LIMITED]++;
      this.sums[r * SUMS + LIMITED_SUM] += bytes;
    }
    const s = this.compute(r);
    if (s === NO_QUEUE && this.sawtooth[r] === NO_QUEUE) return;
    this.setSawtooth(r, s, nowS);
  }

  /** The resource that bounds registered flow `flow` now (its max-min bottleneck), or -1 while its own cap does or it is not draining. */
  boundAt(flow: number): number {
    return flow < this.flowCap ? this.boundAt_[flow] : -1;
  }

  /** Mean standing queue at `resource` now, bytes. */
  queueBytes(resource: number): number {
    return this.meanBytes[resource];
  }

  /** The current sawtooth at `resource`. */
  sawtoothOf(resource: number): Sawtooth {
    return this.sawtooth[resource];
  }

  /**
   * Whether `resource` is a saturated drop-tail port: it does not mark (no ECN threshold) and it
   * is the max-min bottleneck of at least one loss-driven flow now (a tcp flow of any congestion
   * control — at a port that does not mark, DCTCP only meets losses too; not `rdma`, whose
   * fabric is lossless). Its capacity is then all taken by the flows crossing it, so a burst there
   * drains only at its own flows' shares (BurstJudge).
   */
  saturated(resource: number): boolean {
    if (this.settings.ecnThresholdBytes[resource] > 0) return false;
    return this.windowed(resource) > 0;
  }

  /** Mean queueing delay at `resource` now, seconds. */
  delayS(resource: number): number {
    return this.delaySAt[resource];
  }

  /** Sum of the queueing delays of `resources` now, seconds. */
  pathDelayS(resources: Int32Array): number {
    const delay = this.delaySAt;
    let d = 0;
    // A port without a queue adds 0, which leaves the sum exactly as skipping it did.
    for (let i = 0; i < resources.length; i++) d += delay[resources[i]];
    return d;
  }

  /**
   * `baseRttS` plus the queueing delays of `resources` on the way out and of their reverse
   * channels on the way back: the same sum as `baseRttS + pathDelayS + reversePathDelayS`, in
   * one walk of the route, and none while no resource holds a queue.
   */
  roundTripS(baseRttS: number, resources: Int32Array): number {
    return this.roundTripIn(baseRttS, resources, 0, resources.length);
  }

  /**
   * {@link roundTripS} of the route whose resources are `resources[from … to)` (a transport's
   * compact copy of its flows' routes, or a whole route).
   */
  roundTripIn(baseRttS: number, resources: Int32Array, from: number, to: number): number {
    if (this.queued === 0) return baseRttS;
    const channels = this.topology.channelCount;
    const delay = this.delaySAt;
    let out = 0;
    let back = 0;
    for (let i = from; i < to; i++) {
      const r = resources[i];
      out += delay[r];
      if (r < channels) back += delay[r ^ 1];
    }
    return baseRttS + out + back;
  }

  /**
   * Queueing delay of the way back along `resources` (ACKs, handshake replies): the reverse
   * channel of every channel on it (links are full duplex, channels come in pairs 2i, 2i+1).
   */
  reversePathDelayS(resources: Int32Array): number {
    const channels = this.topology.channelCount;
    const delay = this.delaySAt;
    let d = 0;
    for (let i = 0; i < resources.length; i++) {
      const r = resources[i];
      if (r < channels) d += delay[r ^ 1];
    }
    return d;
  }

  /**
   * A transport that tracks the windows of the flows a port binds sets the queue they keep
   * there (loss-based flows: the sum of their windows' excess over their share of the pipe).
   * Takes effect at once.
   */
  setReported(resource: number, bytes: number, nowS: number): void {
    if (this.reportedBytes[resource] === bytes) return;
    this.reportedBytes[resource] = bytes;
    const s = this.compute(resource);
    if (s === NO_QUEUE && this.sawtooth[resource] === NO_QUEUE) return;
    this.setSawtooth(resource, s, nowS);
  }

  /** Record `packets` marked at `resource` at `nowS` by a burst above its threshold (a transport's mark event). */
  mark(resource: number, packets: number, nowS: number): void {
    for (const o of this.observers) o.marked?.(resource, packets, nowS);
  }

  /** Whether any flow ever declared itself queue-building (a tcp flow, or rdma at a marking port). */
  get anyRegistered(): boolean {
    return this.registered > 0;
  }

  /** Record `packets` dropped at `resource` at `nowS` (a transport's loss event). */
  drop(resource: number, packets: number, nowS: number): void {
    for (const o of this.observers) o.dropped?.(resource, packets, nowS);
  }

  /** @inheritdoc */
  rateChanged(changes: RateChanges, i: number): void {
    const flow = changes.flows[i];
    if (flow >= this.flowCap || this.cls[flow] === QueueClass.None) return;
    const newRateBps = changes.newRatesBps[i];
    const bottleneck = changes.bottlenecks[i];
    if (this.marking && this.acksPerPacket[flow] > 0) this.moveAcks(flow, newRateBps);
    const at = newRateBps > 0 && bottleneck >= 0 ? bottleneck : -1;
    const was = this.boundAt_[flow];
    if (at === was) return;
    const c = this.cls[flow];
    const counts = this.counts;
    const sums = this.sums;
    if (was >= 0) {
      counts[was * COUNTS + c]--;
      const w = was * SUMS;
      sums[w + RTT_SUM] -= this.baseRttS[flow];
      sums[w + PACKET_SUM] -= this.packetBytes[flow];
      if (c === QueueClass.Dctcp) sums[w + ALPHA_SUM] -= this.alpha[flow];
      if (this.flightBytes[flow] !== Infinity) {
        counts[was * COUNTS + LIMITED]--;
        sums[w + LIMITED_SUM] -= this.flightBytes[flow];
      }
      this.markDirty(was);
    }
    if (at >= 0) {
      counts[at * COUNTS + c]++;
      const a = at * SUMS;
      sums[a + RTT_SUM] += this.baseRttS[flow];
      sums[a + PACKET_SUM] += this.packetBytes[flow];
      if (c === QueueClass.Dctcp) sums[a + ALPHA_SUM] += this.alpha[flow];
      if (this.flightBytes[flow] !== Infinity) {
        counts[at * COUNTS + LIMITED]++;
        sums[a + LIMITED_SUM] += this.flightBytes[flow];
      }
      this.markDirty(at);
    }
    this.boundAt_[flow] = at;
  }

  /** @inheritdoc */
  capacityChanged(resource: number): void {
    // The delay reads the capacity in force at once, as it did when it divided on every read.
    this.setDelay(resource);
    this.markDirty(resource);
  }

  /** @inheritdoc */
  solved(nowS: number): void {
    const dirty = this.dirty;
    for (let i = 0; i < this.dirtyCount; i++) {
      const r = dirty[i];
      this.isDirty[r] = 0;
      const s = this.compute(r);
      if (s === NO_QUEUE && this.sawtooth[r] === NO_QUEUE) continue;
      this.setSawtooth(r, s, nowS);
    }
    this.dirtyCount = 0;
  }

  /** The flows bound at `r` whose windows fill its queue (DCTCP, NewReno, Cubic; not lossless rdma). */
  private windowed(r: number): number {
    const c = r * COUNTS;
    return this.counts[c + QueueClass.Dctcp] + this.counts[c + QueueClass.NewReno] + this.counts[c + QueueClass.Cubic];
  }

  /** The sawtooth the flows bound at `r` keep there now. */
  private compute(r: number): Sawtooth {
    const c = r * COUNTS;
    const nDctcp = this.counts[c + QueueClass.Dctcp];
    const nReno = this.counts[c + QueueClass.NewReno];
    const nCubic = this.counts[c + QueueClass.Cubic];
    const nLossless = this.counts[c + QueueClass.Lossless];
    const sum = r * SUMS;
    const n = nDctcp + nReno + nCubic;
    const capacity = this.network.capacityOf(r);
    this.ackRateUsed[r] = this.ackRate[r];
    if (n + nLossless === 0 || !(capacity > 0)) return NO_QUEUE;
    // rdma (DCQCN-style rate control over a lossless fabric) holds a congested port's queue at its marking threshold.
    if (nLossless > n) return this.constantQueue(r, this.settings.ecnThresholdBytes[r]);
    const packet = this.sums[sum + PACKET_SUM] / (n + nLossless);
    const buffer = this.settings.bufferBytes[r] / packet;
    const k = this.markingThresholdPackets(r, packet);
    // A marking port: DCTCP flows keep the queue near K; loss-based flows meet RED's drops at K.
    if (k > 0 && nDctcp * 2 >= n) {
      const pipe = (capacity * (this.sums[sum + RTT_SUM] / (n + nLossless))) / packet;
      // The cut is by the flows' own α: the DCTCP flows' mean, the others' (and the marks) at the steady α*.
      const alphaSum = this.sums[sum + ALPHA_SUM];
      const wStar = (pipe + k) / n;
      const steady = this.alphaFor(r, wStar);
      const meanAlpha = nDctcp === n ? alphaSum / n : (alphaSum + (n - nDctcp) * steady) / n;
      const s = dctcpSawtoothAt(n, wStar, steady, k, buffer, packet, meanAlpha);
      if (this.counts[c + LIMITED] < n + nLossless) return s;
      // Every flow bound here is limited by its flight: the queue is what their flights exceed the pipe by, while below the sawtooth.
      const excess = this.sums[sum + LIMITED_SUM] - pipe * packet;
      return excess >= s.maxBytes ? s : this.constantQueue(r, Math.max(0, excess));
    }
    // Loss-based flows (and DCTCP at a port that does not mark): the queue their windows keep, as their transport tracks it.
    const limit = (k > 0 ? Math.min(k, buffer) : buffer) * packet;
    return this.constantQueue(r, Math.min(this.reportedBytes[r], limit));
  }

  /**
   * A queue of `bytes` all cycle long at `r` (one sample): `r`'s current one when it is that
   * already (a change to the same queue is still told to the observers, as one to a new object
   * was), else a new one.
   */
  private constantQueue(r: number, bytes: number): Sawtooth {
    const current = this.sawtooth[r];
    if (current.samples.length === 1 && current.samples[0] === bytes && current.markFraction === 0) return current;
    return constantQueue(bytes);
  }

  /** Resource `r`'s queue is now `s`: keep its mean and the count of queued resources, and tell the observers. */
  private setSawtooth(r: number, s: Sawtooth, nowS: number): void {
    const was = this.meanBytes[r] > 0;
    this.sawtooth[r] = s;
    this.meanBytes[r] = s.meanBytes;
    this.setDelay(r);
    const is = s.meanBytes > 0;
    if (is !== was) this.queued += is ? 1 : -1;
    const observers = this.observers;
    for (let i = 0; i < observers.length; i++) observers[i].queueChanged(r, s, nowS);
  }

  /** Resource `r`'s queueing delay from its mean queue and its capacity in force. */
  private setDelay(r: number): void {
    const q = this.meanBytes[r];
    this.delaySAt[r] = q > 0 ? q / this.network.capacityOf(r) : 0;
  }

  /**
   * Flow `flow` now drains at `rateBps`: its receiver's ACKs (rate ÷ packet × ACKs per packet)
   * arrive at the reverse channel of every channel on its route. A marking port there that binds
   * flows is judged again at the end of the solve once its ACKs moved by more than
   * {@link ACKS_MOVED} ACK per data packet served since it was last judged (its threshold by at
   * most that share of K: a solve moves many flows' rates by a hair, and each would re-judge the
   * port); when it is judged, for whatever reason, it takes the ACKs of that moment.
   */
  private moveAcks(flow: number, rateBps: number): void {
    const rate = rateBps > 0 ? (rateBps / this.packetBytes[flow]) * this.acksPerPacket[flow] : 0;
    const delta = rate - this.ackRateOf[flow];
    if (delta === 0) return;
    this.ackRateOf[flow] = rate;
    const res = this.network.routeOf(flow).resources;
    const channels = this.topology.channelCount;
    const k = this.settings.ecnThresholdBytes;
    for (let i = 0; i < res.length; i++) {
      if (res[i] >= channels) continue;
      const back = res[i] ^ 1;
      const acks = this.ackRate[back] + delta;
      // The last flow leaving takes its own rate back off: what rounding leaves is no ACK.
      this.ackRate[back] = acks > 1e-3 ? acks : 0;
      if (!(k[back] > 0) || this.windowed(back) === 0) continue;
      if (Math.abs(this.ackRate[back] - this.ackRateUsed[back]) * this.packetBytes[flow] > ACKS_MOVED * this.network.capacityOf(back)) this.markDirty(back);
    }
  }

  private markDirty(r: number): void {
    if (this.isDirty[r]) return;
    this.isDirty[r] = 1;
    this.dirty[this.dirtyCount++] = r;
  }

  private growFlows(n: number): void {
    this.cls = grown(this.cls, n);
    this.baseRttS = grown(this.baseRttS, n);
    this.packetBytes = grown(this.packetBytes, n);
    this.boundAt_ = grown(this.boundAt_, n, -1);
    this.flightBytes = grown(this.flightBytes, n, Infinity);
    this.alpha = grown(this.alpha, n, 1);
    this.acksPerPacket = grown(this.acksPerPacket, n);
    this.ackRateOf = grown(this.ackRateOf, n);
    this.flowCap = n;
  }
}

/** A queue of `bytes` all cycle long (one sample): what `sawtoothOf(Float64Array.of(bytes))` gives, without a typed array. */
function constantQueue(bytes: number): Sawtooth {
  return bytes > 0 ? { samples: [bytes], meanBytes: bytes, maxBytes: bytes, markFraction: 0 } : NO_QUEUE;
}
