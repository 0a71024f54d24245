// QueueState: the queue at every resource, owned by the network — buffer, marking threshold, and the standing queue its bound flows keep.
import { grown } from "../../core/grown.js";
import type { FlowNetwork } from "../FlowNetwork.js";
import type { FlowObserver } from "../FlowObserver.js";
import type { RateChanges } from "../RateChanges.js";
import type { Topology } from "../Topology.js";
import { AckLoad } from "./AckLoad.js";
import { BoundFlows } from "./BoundFlows.js";
import { DirtyResources } from "./DirtyResources.js";
import { QueueClass } from "./QueueClass.js";
import { QueueModel } from "./QueueModel.js";
import type { QueueObserver } from "./QueueObserver.js";
import type { QueueSettings } from "./QueueSettings.js";
import { NO_QUEUE, type Sawtooth } from "./Sawtooth.js";

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
 *
 * Its parts: per flow, what it registered (class, base RTT, packet, α, flight) and where it
 * binds, here; per resource, the flows bound there counted and summed ({@link BoundFlows}), the
 * ACKs arriving there ({@link AckLoad}), the queue those flows keep ({@link QueueModel}), and
 * here the queue, its mean and its delay, which the transports read.
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
  /** Per resource, the flows bound there, counted and summed. */
  private readonly bound: BoundFlows;
  /** The ACK load of every port and the marking thresholds it leaves. */
  private readonly acks: AckLoad;
  /** The queue the flows bound at a port keep there. */
  private readonly model: QueueModel;
  private readonly sawtooth: Sawtooth[];
  private readonly meanBytes: Float64Array;
  /**
   * Mean queueing delay of each resource now, seconds: meanBytes ÷ capacity in force where the
   * mean is above 0, else 0 (kept with the queue and the capacity, so the RTT walks of the
   * transports add one number per port instead of dividing).
   */
  private readonly delaySAt: Float64Array;
  /** Resources whose bound flows, capacity or ACK load changed since the last solve. */
  private readonly dirty: DirtyResources;
  /** Resources whose mean queue is above 0 now (none: every queueing delay is 0, and RTTs need no walk of the route). */
  private queued = 0;
  private readonly observers: QueueObserver[] = [];

  constructor(
    private readonly network: FlowNetwork,
    private readonly topology: Topology,
    readonly settings: QueueSettings,
  ) {
    const n = topology.resourceCount;
    this.bound = new BoundFlows(n);
    this.dirty = new DirtyResources(n);
    this.acks = new AckLoad(network, topology, settings, this.bound, this.dirty);
    this.sawtooth = new Array<Sawtooth>(n).fill(NO_QUEUE);
    this.meanBytes = new Float64Array(n);
    this.delaySAt = new Float64Array(n);
    this.model = new QueueModel(n, network, settings, this.bound, this.acks);
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
    this.acks.register(flow, acksPerPacket);
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
    this.bound.moveAlpha(r, alpha - was);
    this.recompute(r, nowS);
  }

  /** The α the queues hold for DCTCP flow `flow` ({@link setAlpha}; 1 until its transport sets one). */
  alphaOf(flow: number): number {
    return this.alpha[flow];
  }

  /** DCTCP's steady marked fraction α* at marking port `r` for the flows bound there now ({@link QueueModel.steadyAlpha}), or NaN where no flow is bound or the port does not mark. */
  steadyAlpha(r: number): number {
    return this.model.steadyAlpha(r);
  }

  /** The packets each DCTCP flow at marking port `r` cuts once per period of its sawtooth ({@link QueueModel.cutPackets}), as of the last {@link steadyAlpha} there: the period in round trips. */
  sawtoothCutPackets(r: number): number {
    return this.model.cutPackets(r);
  }

  /** The per-flow critical window W* = (P + K)/N of marking port `r`'s sawtooth ({@link QueueModel.criticalWindowPackets}), packets; NaN before the first. */
  criticalWindowPackets(r: number): number {
    return this.model.criticalWindowPackets(r);
  }

  /** Mean base RTT of the flows bound at `r` now (the pipe's RTT of its sawtooth), seconds; NaN where none is. */
  meanBaseRttS(r: number): number {
    const all = this.bound.windowed(r) + this.bound.count(r, QueueClass.Lossless);
    return all > 0 ? this.bound.rttSumS(r) / all : NaN;
  }

  /** The data packets of `packetBytes` at which marking port `r` starts to mark, its ACK load counted ({@link AckLoad.markingThresholdPackets}); 0 where it does not mark. */
  markingThresholdPackets(r: number, packetBytes: number): number {
    return this.acks.markingThresholdPackets(r, packetBytes);
  }

  /**
   * Registered flow `flow` can have at most `bytes` in flight now (a slow-start window, or all
   * a flow has left once its window covers it), or Infinity: its window grows until its port's
   * marks hold it (DCTCP's congestion avoidance). Flows with a limited flight keep at most what
   * their flights exceed the pipe by at a marking port ({@link QueueModel.sawtoothAt}). Takes effect at once.
   */
  setFlight(flow: number, bytes: number, nowS: number): void {
    const was = this.flightBytes[flow];
    if (was === bytes) return;
    this.flightBytes[flow] = bytes;
    const r = this.boundAt_[flow];
    if (r < 0) return;
    this.bound.moveFlight(r, was, bytes);
    this.recompute(r, nowS);
  }

  /** The resource that bounds registered flow `flow` now (its max-min bottleneck), or -1 while its own cap does or it is not draining. */
  boundAt(flow: number): number {
    return flow < this.flowCap ? this.boundAt_[flow] : -1;
  }

  /** Mean standing queue at `resource` now, bytes. */
  queueBytes(resource: number): number {
    return this.meanBytes[resource];
  }

  /**
   * The share of its cycle marking port `resource`'s queue is at its marking threshold K or above
   * (data packets of `packetBytes`, its ACK load counted): the share of its sawtooth's samples
   * at ≥ K (a packet crossing it finds that often a queue it is marked at); 0 where it holds no
   * queue or does not mark.
   */
  aboveKShare(resource: number, packetBytes: number): number {
    const k = this.acks.markingThresholdPackets(resource, packetBytes);
    const s = this.sawtooth[resource];
    if (!(k > 0) || !(s.maxBytes >= k * packetBytes)) return 0;
    const samples = s.samples;
    let above = 0;
    for (let i = 0; i < samples.length; i++) if (samples[i] >= k * packetBytes) above++;
    return above / samples.length;
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
    return this.bound.windowed(resource) > 0;
  }

  /**
   * Whether `resource` marks (DCTCP) and is the max-min bottleneck of at least one windowed tcp
   * flow now: its capacity is all taken by the flows crossing it, as at a {@link saturated}
   * drop-tail port, while DCTCP holds its queue near K.
   */
  busyMarking(resource: number): boolean {
    return this.settings.ecnThresholdBytes[resource] > 0 && this.bound.windowed(resource) > 0;
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
    if (!this.model.setReported(resource, bytes)) return;
    this.recompute(resource, nowS);
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
    this.rebind(flow, changes.newRatesBps[i], changes.bottlenecks[i]);
  }

  /** Registered flow `flow` now drains at `newRateBps`, bound by `bottleneck` (its ACKs move; it is bound where it binds now). */
  private rebind(flow: number, newRateBps: number, bottleneck: number): void {
    // Tested here, not only in move: a run where no port marks (most loss-based ones) makes no call per rate change.
    if (this.acks.marking) this.acks.move(flow, newRateBps, this.packetBytes[flow]);
    const at = newRateBps > 0 && bottleneck >= 0 ? bottleneck : -1;
    const was = this.boundAt_[flow];
    if (at === was) return;
    const c = this.cls[flow];
    if (was >= 0) {
      this.bound.remove(was, c, this.baseRttS[flow], this.packetBytes[flow], this.alpha[flow], this.flightBytes[flow]);
      this.dirty.mark(was);
    }
    if (at >= 0) {
      this.bound.add(at, c, this.baseRttS[flow], this.packetBytes[flow], this.alpha[flow], this.flightBytes[flow]);
      this.dirty.mark(at);
    }
    this.boundAt_[flow] = at;
  }

  /** @inheritdoc */
  capacityChanged(resource: number): void {
    // The delay reads the capacity in force at once, as it did when it divided on every read.
    this.setDelay(resource);
    this.dirty.mark(resource);
  }

  /** @inheritdoc */
  solved(nowS: number): void {
    const dirty = this.dirty;
    for (let i = 0; i < dirty.count; i++) this.recompute(dirty.take(i), nowS);
    dirty.clear();
  }

  /** Compute resource `r`'s queue again from what is bound there now, and keep it (a port without a queue before or after is left as it is: no observer is told). */
  private recompute(r: number, nowS: number): void {
    const s = this.model.sawtoothAt(r, this.sawtooth[r]);
    if (s === NO_QUEUE && this.sawtooth[r] === NO_QUEUE) return;
    this.setSawtooth(r, s, nowS);
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

  private growFlows(n: number): void {
    this.cls = grown(this.cls, n);
    this.baseRttS = grown(this.baseRttS, n);
    this.packetBytes = grown(this.packetBytes, n);
    this.boundAt_ = grown(this.boundAt_, n, -1);
    this.flightBytes = grown(this.flightBytes, n, Infinity);
    this.alpha = grown(this.alpha, n, 1);
    this.acks.growFlows(n);
    this.flowCap = n;
  }
}
