// TcpFlows: the life of every `tcp` flow of a run — handshake, slow-start rounds, marks, losses, timeouts and avoidance — over its TcpFlowTable.
import type { RandomStream } from "../../core/randomStream.js";
import type { Simulation } from "../../core/Simulation.js";
import { FlowState, type FlowNetwork, type FlowObserver } from "../../net/FlowNetwork.js";
import type { RateChanges } from "../../net/RateChanges.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import type { Route } from "../../net/Router.js";
import type { Topology } from "../../net/Topology.js";
import { ListPool } from "../../core/ListPool.js";
import { opensWithSyn } from "../handshakeRounds.js";
import type { TcpOptions } from "../TransportSpec.js";
import { BurstJudge, type BurstVerdicts } from "./BurstJudge.js";
import { DctcpAlpha } from "./DctcpAlpha.js";
import { fastRecoveryEndS } from "./fastRecoveryEndS.js";
import { HandshakeLosses } from "./HandshakeLosses.js";
import { hyStartRound } from "./hyStartRound.js";
import { LossPorts } from "./LossPorts.js";
import { LossRecovery } from "./LossRecovery.js";
import { queueClassOf } from "./queueClassOf.js";
import { standingPackets } from "./recoveryBurst.js";
import { baseRttS, slowestChannelBps, startTiming, type StartTiming } from "./routeTiming.js";
import { slowStartWindow } from "./slowStartWindow.js";
import { SynRetries } from "./SynRetries.js";
import type { TcpCost } from "./TcpCost.js";
import { TcpCc, TcpFlowTable, TcpPhase as Phase } from "./TcpFlowTable.js";
import { timestampRttS } from "./timestampRttS.js";

/**
 * {@link TcpFlowTable.timer} of a flow in flight whose first flight goes out when its first byte
 * arrives: no event, the network's activation runs the round ({@link TcpFlows.flowActivated}).
 */
const FIRST_FLIGHT = -2;

/** Window growth between two avoidance checks of a window-limited flow: at most 1/4, at least one RTT apart (the cap in between is the window at the middle of the step). */
const STEP_GROWTH = 0.25;

/**
 * The window state machine of every `tcp` flow of a run, shared by the workloads' transports
 * (each keeps only its connection pool). Per flow, in typed arrays ({@link TcpFlowTable}): phase,
 * congestion window (segments), Cubic's epoch, DCTCP's α, base RTT, timer. Per port, the
 * loss-based flows it bottlenecks and the time its buffer will next overflow ({@link LossPorts}:
 * the transport's per-link state); the bursts of each instant are judged by a {@link BurstJudge}.
 * What it hands off: the answer to losses and timeouts ({@link LossRecovery}), the handshakes
 * waiting out a SYN timeout ({@link SynRetries}) and DCTCP's α ({@link DctcpAlpha}).
 *
 * A flow's life (docs/transport.md has the derivations):
 * - **Handshake**: rounds × RTT now (base RTT plus the queueing delay on the way out and back).
 *   A TCP handshake's SYN (or SYN-ACK) meeting a drop-tail port that bursts overflow is lost at
 *   the port's drop share ({@link HandshakeLosses}) and goes out again after the SYN timeout,
 *   doubled for each loss in a row.
 * - **First byte**: leaves after the handshake and reaches the receiver after the route's
 *   latency, the forward queueing delay and the store-and-forward of one packet at every hop
 *   but the slowest (whose serialisation is part of draining). The flow drains its wire bytes
 *   (payload plus headers per segment).
 * - **Slow start** (one timer per RTT): the rate is capped at cwnd/RTT, except in the round
 *   that can finish the flow, which goes out in one burst (a message within the initial window
 *   is one burst). Each round's packets arrive at the ports of the route while the previous
 *   round's ACKs come back at the ACK clock; with the other flows' bursts of the same instant,
 *   what a port cannot drain meanwhile or hold above its standing queue is marked (DCTCP, above
 *   K at an ECN port) or dropped. Which packets of a flow survive is drawn (binomially, from a
 *   seeded stream); too few survivors to raise three duplicate ACKs, or a lost tail, means a
 *   retransmission timeout (min RTO, then slow start from one segment); otherwise marks cut the
 *   window by α/2 and drops by β (NewReno ½, Cubic 0.7). Cubic's HyStart ends slow start
 *   without a loss once the window fills the flow's share of the pipe.
 * - **Avoidance**: the window grows by the congestion control's law (NewReno +1/delayedAck
 *   segment per RTT, DCTCP +1, Cubic's curve). While the window keeps the flow below its max-min
 *   share it caps the rate (checked every 1/4 of growth). Once the network binds the flow, the
 *   excess of its window over its share of the pipe waits in the port's queue: a DCTCP flow is
 *   then **steady** (the port keeps DCTCP's sawtooth, QueueState), while a loss-based flow's
 *   window keeps growing into the buffer: the port's queue is the sum of its flows' excess, and
 *   when that reaches the buffer (or K at a marking port, where RED drops what is not ECN-capable)
 *   every loss-based flow bound there loses a packet and cuts its window. A flow its window limits
 *   crosses the ports as one train per round trip: where bursts overflow a drop-tail port it
 *   crosses, the train meets the full buffer (and loses there) or misses it, by its drawn phase
 *   ({@link LossRecovery.trainsOverflowed}).
 */
export class TcpFlows implements FlowObserver {
  private readonly t = new TcpFlowTable();
  private readonly done: Array<((flow: number, cwndSegments: number) => void) | undefined> = [];
  private readonly kindRound: number;
  private readonly kindStep: number;
  private readonly kindResume: number;
  private readonly channels: number;
  private readonly bursts: BurstJudge;
  private readonly ports: LossPorts;
  private readonly handshakes: HandshakeLosses;
  private readonly synRetries: SynRetries;
  private readonly recovery: LossRecovery;
  private readonly alphas: DctcpAlpha;
  /**
   * The live flows' route resources, copied when a flow starts or is rerouted and given back when
   * it is done: the RTT and line-rate walks (every round, step and port re-judge: hundreds of
   * thousands in a 20,000-flow run) read them here, not each flow's Route object.
   */
  private readonly routes = new ListPool();
  /** What {@link start} reads off a flow's route (one record, rewritten by each start). */
  private readonly timing: StartTiming = { baseRttS: 0, handshakeBaseRttS: 0, outS: 0, backS: 0, storeAndForwardS: 0 };
  /** Where each options record registered is in the table ({@link addOptions}). */
  private readonly optionIndexes = new Map<TcpOptions, number>();
  /** Workloads carried by tcp (each registers its options once). */
  private carriers = 0;
  /** Every flow's completion callback (one closure for all). */
  private readonly onComplete = (f: number): void => this.finish(f);

  constructor(
    private readonly sim: Simulation,
    private readonly network: FlowNetwork,
    private readonly queues: QueueState,
    topology: Topology,
    random: RandomStream,
    handshakeRandom: RandomStream,
    phaseRandom: RandomStream,
    dropRandom: RandomStream,
  ) {
    this.channels = topology.channelCount;
    this.kindRound = sim.registerHandler((f) => this.round(f));
    this.kindStep = sim.registerHandler((f) => this.step(f));
    this.kindResume = sim.registerHandler((f) => this.recovery.resume(f));
    this.handshakes = new HandshakeLosses(topology.resourceCount, topology.channelCount, handshakeRandom);
    this.synRetries = new SynRetries(sim, network, queues, topology.channelCount, this.t, this.handshakes);
    this.alphas = new DctcpAlpha(sim, queues, this.t, (f) => this.rttNow(f));
    this.ports = new LossPorts(sim, network, queues, topology.channelCount, topology.resourceCount, this.t, {
      rttNow: (f) => this.rttNow(f),
      lost: (f, r, rttS, lostPackets) => this.recovery.inAvoidance(f, r, rttS, lostPackets),
      recovering: (f, r, drops, rttS) => this.recovery.inRecovery(f, r, drops, rttS),
    }, this.routes, dropRandom);
    this.recovery = new LossRecovery(sim, network, queues, this.t, this.ports, random, this.kindResume, {
      rttNow: (f) => this.rttNow(f),
      clockRate: (f) => this.clockRate(f),
      round: (f) => this.round(f),
      enterAvoidance: (f, lostPackets, fullBufferS) => this.enterAvoidance(f, lostPackets, fullBufferS),
      offerBurst: (f, packets, durationS, standing, prevBytes) => this.offerBurst(f, packets, durationS, standing, prevBytes),
      awaitRound: (f) => this.awaitRound(f),
    }, phaseRandom);
    this.bursts = new BurstJudge(network, queues, topology.channelCount, random);
    network.observe(this);
  }

  /**
   * Index of `options` in this run's table (each workload's transport registers its options
   * once; workloads that share one options record, as a scenario's transport, share its index).
   */
  addOptions(options: TcpOptions): number {
    this.carriers++;
    const known = this.optionIndexes.get(options);
    if (known !== undefined) return known;
    const index = this.t.options.push(options) - 1;
    this.optionIndexes.set(options, index);
    return index;
  }

  /**
   * Room for flow `flow` in the per-flow tables (this table, the network's, the queues', the
   * ports' lists and the route pool),
   * made when a start finds none: for at least one more flow per workload carried by tcp
   * (each registers its options once), so a run of single-transfer workloads (a trace of
   * 20,000 transfers) sizes them once, at its first start, instead of doubling them as flows
   * come: each doubling copies every array and, as a new array is zeroed, touches its memory
   * (in the k=16 20,000-flow run, ~2.5× the pages the 20,000 flows need: some 2,700 page faults).
   */
  private makeRoom(flow: number): void {
    const t = this.t;
    const n = Math.max(flow + this.carriers, 2 * t.cap);
    t.reserve(n);
    this.network.reserveFlows(n);
    this.queues.reserveFlows(n);
    this.ports.reserve(n);
    this.routes.reserve(n - 1);
  }

  /**
   * Start a transfer of `sizeBytes` on `route` with the options at `optionIndex`: after
   * `handshakeRounds` round trips (0 on a reused connection) and `extraDelayS`, from a window of
   * `cwndSegments`. `onDone(flow, cwnd)` runs when its last byte is delivered, with its window then.
   */
  start(
    optionIndex: number,
    route: Route,
    sizeBytes: number,
    weight: number | undefined,
    capBps: number | undefined,
    handshakeRounds: number,
    cwndSegments: number,
    extraDelayS: number,
    onDone: (flow: number, cwndSegments: number) => void,
  ): number {
    const t = this.t;
    const o = t.options[optionIndex];
    const now = this.sim.nowS;
    const packetBytes = o.mssBytes + o.headerBytes;
    const segments = Math.max(1, Math.ceil(sizeBytes / o.mssBytes));
    const wireBytes = sizeBytes + segments * o.headerBytes;
    const res = route.resources;
    // A data round trip: a full packet out, an ACK (headers only) back; handshake segments carry
    // no payload, so their round trip serialises headers only. One walk of the route reads both.
    const timing = this.timing;
    startTiming(this.network, this.queues, this.channels, res, route.latencyS, packetBytes, o.headerBytes, Math.min(packetBytes, wireBytes), timing);
    const baseRtt = timing.baseRttS;
    const qOut = timing.outS;
    const qBack = timing.backS;
    const rtt = baseRtt + qOut + qBack;
    const handshakeRtt = timing.handshakeBaseRttS + qOut + qBack;
    // A SYN or SYN-ACK that meets an overflowing drop-tail port may be lost there: then it goes out again after the SYN timeout.
    const synStartS = now + extraDelayS;
    const synLost = handshakeRounds > 0 && opensWithSyn(o.handshake) && this.handshakes.lost(res, synStartS, synStartS + handshakeRtt / 2);
    const handshakeS = handshakeRounds * handshakeRtt + (synLost ? o.synTimeoutS : 0);
    const firstByteDelayS = extraDelayS + handshakeS + qOut + timing.storeAndForwardS;
    const userCap = capBps ?? Infinity;
    const windowSegs = o.windowBytes / o.mssBytes;
    const w = Math.min(cwndSegments, windowSegs);
    // A transfer within the window goes out in one burst at line rate; a longer one is paced at cwnd/RTT.
    const initialCap = segments <= w || !(rtt > 0) ? userCap : Math.min(userCap, o.windowBytes / rtt, (w * packetBytes) / rtt);
    // The flow starts with the user's cap (reports take its ideal time from it) and gets its window's while in flight.
    const flow = this.network.startFlow(route, sizeBytes, {
      weight,
      capBps,
      wireBytes,
      startDelayS: firstByteDelayS,
      onComplete: this.onComplete,
    });
    if (flow >= t.cap) this.makeRoom(flow);
    t.setOptions(flow, optionIndex);
    this.routes.hold(flow, res);
    t.cwnd[flow] = w;
    t.wMax[flow] = 0;
    t.ssthreshSegs[flow] = Infinity;
    t.w0[flow] = w;
    t.epochS[flow] = NaN;
    t.alphaAtS[flow] = now;
    t.alphaDueS[flow] = NaN;
    t.baseRttS[flow] = baseRtt;
    t.userCapBps[flow] = userCap;
    t.handshakeS[flow] = handshakeS;
    t.queueingS[flow] = handshakeRounds * (qOut + qBack) + qOut;
    t.retransmits[flow] = synLost ? 1 : 0;
    t.timeouts[flow] = synLost ? 1 : 0;
    t.backoff[flow] = 0;
    t.lossAge[flow] = 0;
    t.lostPackets[flow] = 0;
    t.lostLast[flow] = 0;
    t.markedLast[flow] = 0;
    t.minRttS[flow] = Infinity;
    // The SYN's timestamp sample, unless it was lost (a retransmitted SYN gives none: ns-3's RttHistory retx).
    t.srttS[flow] = handshakeRounds > 0 && opensWithSyn(o.handshake) && !synLost ? timestampRttS(synStartS, synStartS + handshakeRtt) : NaN;
    t.roundStartS[flow] = NaN;
    t.boundPps[flow] = 0;
    t.lastAckS[flow] = NaN;
    t.sentAll[flow] = 0;
    t.retxPort[flow] = -1;
    t.lossPort[flow] = -1;
    t.recoveryWeight[flow] = NaN;
    t.recoveryEndS[flow] = 0;
    t.port[flow] = -1;
    this.done[flow] = onDone;
    const activeS = now + firstByteDelayS + route.latencyS;
    t.activeS[flow] = activeS;
    t.senderLagS[flow] = activeS - (synStartS + handshakeS);
    t.lastS[flow] = activeS;
    t.growthEndS[flow] = NaN;
    this.queues.register(flow, queueClassOf(o), baseRtt, packetBytes, 1 / o.delayedAck);
    if (o.cc === "dctcp" && w < windowSegs) this.queues.setFlight(flow, Math.min(w * packetBytes, wireBytes, o.windowBytes), now);
    if (initialCap !== userCap) this.network.setFlowCap(flow, initialCap);
    if (synLost) {
      // The SYN goes out again one SYN timeout after the first: it may meet an overflow again.
      this.synRetries.lost(flow, handshakeRounds, qOut, synStartS + o.synTimeoutS);
    }
    if (!(rtt > 0) || w >= windowSegs) {
      t.phase[flow] = Phase.Steady;
      t.growthEndS[flow] = activeS;
      t.timer[flow] = -1;
    } else {
      t.phase[flow] = Phase.SlowStart;
      // The first flight is a burst at the sender's line rate, offered to the ports when it
      // arrives: within the network's activation (an event here would come right after it, at
      // the same time: nothing is scheduled between the two, and a postponed start or a reroute
      // moves the activation, which brings the flight along).
      t.timer[flow] = FIRST_FLIGHT;
    }
    return flow;
  }

  /** What a flow paid (flows.csv), or undefined for a flow that is not tcp. */
  costOf(flow: number): TcpCost | undefined {
    const t = this.t;
    if (flow >= t.cap || t.phase[flow] === Phase.None) return undefined;
    const end = Number.isNaN(t.growthEndS[flow]) ? this.network.finishOf(flow) : t.growthEndS[flow];
    return {
      handshakeS: t.handshakeS[flow],
      slowStartS: Math.max(0, (Number.isNaN(end) ? this.sim.nowS : end) - t.activeS[flow]),
      queueingS: t.queueingS[flow],
      retransmits: t.retransmits[flow],
      timeouts: t.timeouts[flow],
    };
  }

  /** @inheritdoc */
  rateChanged(changes: RateChanges, i: number): void {
    const t = this.t;
    const f = changes.flows[i];
    if (f >= t.cap) return;
    const newRateBps = changes.newRatesBps[i];
    const bottleneck = changes.bottlenecks[i];
    const phase = t.phase[f];
    // Cubic grows per ACK: a window the network binds grows at its share's ACK rate, brought up to date at the old one first.
    const boundPps = newRateBps > 0 && bottleneck >= 0 ? newRateBps / t.packetBytes[f] : 0;
    if (boundPps !== t.boundPps[f]) {
      // At the instant it was last brought up to date a window within its limit stands: no round trip is read.
      if (phase === Phase.Avoidance && t.cc[f] === TcpCc.Cubic && (this.sim.nowS > t.lastS[f] || t.cwnd[f] > t.windowSegs[f])) t.advance(f, this.sim.nowS, this.rttNow(f));
      t.boundPps[f] = boundPps;
    }
    if (phase !== Phase.Avoidance && phase !== Phase.Steady) return;
    const at = newRateBps > 0 && bottleneck >= 0 ? bottleneck : -1;
    if (phase === Phase.Avoidance && at !== t.port[f] && (at < 0 || this.ports.tracks(f, at))) {
      if (at >= 0) this.ports.join(f, at);
      else this.ports.leave(f);
    }
    // Limited by its own window again (its share grew): grow towards it.
    if (at < 0 && newRateBps > 0 && t.timer[f] < 0 && this.network.capOf(f) < t.userCapBps[f]) {
      if (phase === Phase.Steady && t.cc[f] === TcpCc.Dctcp) {
        t.phase[f] = Phase.Avoidance;
        t.lastS[f] = this.sim.nowS;
      }
      if (t.phase[f] === Phase.Avoidance) t.timer[f] = this.sim.schedule(this.sim.nowS + this.rttNow(f), this.kindStep, f);
    }
  }

  /** @inheritdoc */
  flowActivated(f: number): void {
    if (f < this.t.cap && this.t.timer[f] === FIRST_FLIGHT) this.round(f);
  }

  /** @inheritdoc */
  solved(): void {
    if (this.bursts.hasPending) this.judgeBursts();
    this.ports.update();
  }

  /**
   * Flow `f` was moved to another route (a failed link, FlowNetwork.reroute): its packets now
   * cross the new route's ports only. As real TCP on a path change, it keeps its window (and
   * its slow-start, avoidance or timeout state, its least RTT seen and its costs so far); what
   * came from the route is taken again from the new one: base RTT (here and in the queues),
   * its ports (bound port and crossing lists), the rate cap its window gives at the new RTT,
   * and a pending round, step or resume that would come before its bytes reach the receiver
   * on the new route (after its latency) is moved there. A burst sent on the old route this
   * instant and not yet judged is dropped with it.
   */
  flowRerouted(f: number, oldRoute: Route): void {
    const t = this.t;
    if (f >= t.cap) return;
    const phase = t.phase[f];
    if (phase === Phase.None || phase === Phase.Done) return;
    const now = this.sim.nowS;
    const o = t.options[t.optionIndex[f]];
    const route = this.network.routeOf(f);
    this.routes.hold(f, route.resources);
    // The window until now grew at the old route's RTT.
    if (phase === Phase.Avoidance) {
      t.advance(f, now, this.queues.roundTripS(t.baseRttS[f], oldRoute.resources));
    }
    this.bursts.withdraw(f);
    t.inCatchUp[f] = 0;
    // What was in flight on the old route is lost with it: the flow sends its bytes again on the new one.
    t.sentAll[f] = 0;
    this.ports.rerouted(f, oldRoute.resources);
    const baseRtt = baseRttS(this.network, this.channels, route.resources, route.latencyS, t.packetBytes[f], o.headerBytes);
    t.baseRttS[f] = baseRtt;
    // The flow left its old route (rate reported 0 there), so the queues hold it bound nowhere: register it again with its new base RTT.
    this.queues.register(f, queueClassOf(o), baseRtt, t.packetBytes[f], 1 / o.delayedAck);
    const arriveS = now + route.latencyS;
    // Rerouted before its first byte arrived: it arrives on the new route (a pending start delay is dropped).
    if (t.activeS[f] > now) t.activeS[f] = arriveS;
    if (t.growthEndS[f] > now) t.growthEndS[f] = arriveS;
    const rtt = this.rttNow(f);
    if (phase === Phase.Avoidance) {
      // Checked one RTT after its bytes flow again, as on entering avoidance; the port that binds it there takes it over.
      if (t.timer[f] >= 0) this.sim.cancel(t.timer[f]);
      this.applyWindow(f, rtt);
      t.timer[f] = this.sim.schedule(arriveS + rtt, this.kindStep, f);
    } else if (phase === Phase.Steady) {
      // A flow its window no longer limits keeps the cap of its window at the new RTT (none if it had none: a single burst).
      if (this.network.capOf(f) < t.userCapBps[f]) this.network.setFlowCap(f, rtt > 0 ? Math.min(t.userCapBps[f], o.windowBytes / rtt) : t.userCapBps[f]);
    } else if (phase === Phase.SlowStart) {
      // Its first flight goes out on the new route: offered when it arrives there (with its activation there, when still to come).
      if (t.timer[f] >= 0) {
        if (Number.isNaN(t.epochS[f]) || this.sim.queue.timeOf(t.timer[f]) < arriveS) this.sim.reschedule(t.timer[f], arriveS);
      } else if (t.timer[f] !== FIRST_FLIGHT) t.timer[f] = this.sim.schedule(arriveS, this.kindRound, f);
      this.applyWindow(f, rtt);
    } else if (t.timer[f] >= 0 && this.sim.queue.timeOf(t.timer[f]) < arriveS) this.sim.reschedule(t.timer[f], arriveS);
  }

  /** RTT of `flow` now: base plus queueing both ways. */
  private rttNow(f: number): number {
    const routes = this.routes;
    const at = routes.offsetOf(f);
    return this.queues.roundTripIn(this.t.baseRttS[f], routes.pool, at, at + routes.lengthOf(f));
  }

  /** One slow-start round trip of flow `f` ends (or its first flight arrives). */
  private round(f: number): void {
    const t = this.t;
    t.timer[f] = -1;
    if (this.network.stateOf(f) !== FlowState.Active || t.phase[f] !== Phase.SlowStart) return;
    const packet = t.packetBytes[f];
    const rtt = this.rttNow(f);
    const first = Number.isNaN(t.epochS[f]);
    if (!first) {
      t.queueingS[f] += rtt - t.baseRttS[f];
      // A round trip came back: the retransmission got through.
      t.backoff[f] = 0;
    }
    t.epochS[f] = this.sim.nowS;
    // Everything went out in the last flight: this round trip only answers its losses or marks.
    // Nothing new follows the flight, so its duplicate ACKs were raised by its own survivors
    // behind the hole (LossRecovery.burstLoss timed out a flight with fewer than three): recover now.
    if (t.sentAll[f]) {
      if (t.lossAge[f] > 0) this.recovery.recover(f);
      else if (t.markedLast[f] > 0) this.answerMarks(f);
      return;
    }
    // A loss in a round is told by the duplicate ACKs that the next round's packets raise, so
    // one more round goes out first; then fast recovery: the window is cut and the lost
    // packets go out again.
    if (t.lossAge[f] === 2) {
      this.recovery.recover(f);
      return;
    }
    if (t.lossAge[f] === 1) t.lossAge[f] = 2;
    // DCTCP: the marks of the last round come back with its ACKs; the window answers once.
    if (t.markedLast[f] > 0) {
      this.answerMarks(f);
      return;
    }
    // DCTCP moves α once per window of data, marked or not (Alizadeh et al., eq. 1; ns-3 and
    // Linux alike): a round trip that came back unmarked takes it g of the way to 0.
    if (t.cc[f] === TcpCc.Dctcp && !first) this.alphas.unmarked(f);
    const w = t.cwnd[f];
    const remaining = this.network.remainingOf(f) / packet;
    // The first flight leaves at line rate. Each later round sends the grown window while the
    // previous round's ACKs return at the ACK clock (every delivered packet raises one, a lost one
    // none), so a port draining at that clock queues the growth on top of what the previous
    // window already kept beyond the pipe.
    const clock = this.clockRate(f);
    const trainS = (w * packet) / clock;
    // Cubic: HyStart over this round's ACKs, which may end slow start part way through the round.
    let exitW = NaN;
    if (t.cc[f] === TcpCc.Cubic && !first) {
      const delayedAck = t.options[t.optionIndex[f]].delayedAck;
      exitW = hyStartRound(t, f, this.sim.nowS - t.senderLagS[f], w, w - t.lostLast[f], delayedAck, (delayedAck * packet) / clock, rtt);
    }
    let next = first ? w : Number.isNaN(exitW) ? slowStartWindow(w, t.lostLast[f], t.slowStartGrowth[f], t.windowSegs[f]) : Math.min(exitW, t.windowSegs[f]);
    // A slow start after a timeout stops at its threshold (ns-3: IncreaseWindow grows in slow start
    // only below ssthresh) — unless a loss of the last round is still to be told: its recovery cuts.
    const atThresh = !first && Number.isNaN(exitW) && t.lossAge[f] === 0 && next >= t.ssthreshSegs[f];
    if (atThresh) next = Math.max(w, t.ssthreshSegs[f]);
    t.lostLast[f] = 0;
    const arrivals = Math.min(next, remaining);
    const durationS = first ? (arrivals * packet) / this.lineRate(f) : trainS;
    const standing = first ? 0 : standingPackets(w, clock, t.baseRttS[f], packet);
    t.cwnd[f] = next;
    // The window covers all that is left: it goes out in this flight, and no later round sends.
    if (this.covers(f, next)) t.sentAll[f] = 1;
    if (arrivals > 0) this.offerBurst(f, arrivals, durationS, standing, first ? 0 : w * packet);
    if (!Number.isNaN(exitW) || atThresh) {
      this.enterAvoidance(f);
      return;
    }
    this.applyWindow(f, rtt);
    // After its last flight a flow needs another round trip only to tell a loss of the round
    // before (lossAge 2 now) or, once this instant's bursts are judged, its flight's own losses
    // or marks (awaitRound): otherwise it just drains, and no more round events are scheduled.
    if (!t.sentAll[f] || t.lossAge[f] > 0) t.timer[f] = this.sim.schedule(this.sim.nowS + rtt, this.kindRound, f);
  }

  /** Whether a window of `w` segments covers all flow `f` has left to send (within its send window). */
  private covers(f: number, w: number): boolean {
    const t = this.t;
    return this.network.remainingOf(f) <= Math.min(w * t.packetBytes[f], t.windowBytes[f]);
  }

  /** Flow `f` sent all it had and its last flight lost or marked packets: the round trip that tells it comes after all. */
  private awaitRound(f: number): void {
    const t = this.t;
    if (!t.sentAll[f] || t.timer[f] >= 0 || t.phase[f] !== Phase.SlowStart) return;
    t.timer[f] = this.sim.schedule(this.sim.nowS + this.rttNow(f), this.kindRound, f);
  }

  /** Rate at which flow `f`'s ACKs come back: its share where the network binds it, else its route's slowest channel. */
  private clockRate(f: number): number {
    const rate = this.network.rateOf(f);
    return this.queues.boundAt(f) >= 0 && rate > 0 ? rate : this.lineRate(f);
  }

  /** Capacity in force of flow `f`'s slowest channel, bytes/s. */
  private lineRate(f: number): number {
    const routes = this.routes;
    const at = routes.offsetOf(f);
    return slowestChannelBps(this.network, this.channels, routes.pool, at, at + routes.lengthOf(f));
  }

  /**
   * Queue `packets` of flow `f` arriving over `durationS` at every channel of its route, on top
   * of `standing` of its own already queued; judged with the instant's other bursts.
   */
  private offerBurst(f: number, packets: number, durationS: number, standing: number, prevBytes: number): void {
    this.bursts.offer(f, packets, durationS, standing, prevBytes, this.t.packetBytes[f], this.t.cc[f] === TcpCc.Dctcp);
    // Judged at the end of this instant's solve, with every other burst of the instant.
    this.network.requestSolve();
  }

  /** Judge this instant's bursts at their ports, and let each flow answer its drops or marks. */
  private judgeBursts(): void {
    const v = this.bursts.judge();
    const bursts = v.bursts;
    // Most instants' bursts fit at every port: then only the retransmissions that got through are told.
    if (v.judged.length > 0 || v.dropTailPorts.length > 0 || v.overflowPorts.length > 0) this.answerVerdicts(v);
    else this.recovery.retransmitted(bursts);
    for (let i = 0; i < bursts.length; i++) this.t.inCatchUp[bursts[i].flow] = 0;
  }

  /** The flows answer what the ports dropped or marked of this instant's bursts ({@link judgeBursts}; compiled on its own, as few instants overflow a port). */
  private answerVerdicts(v: BurstVerdicts): void {
    const { bursts, judged, overflowPorts, overflowShares, dropTailPorts, dropTailShares, dropTailSpansS, dropTailFullS, dropTailFullShares } = v;
    const now = this.sim.nowS;
    // Drop-tail ports that dropped now keep dropping that share of what arrives over the bursts' span: handshakes too.
    for (let i = 0; i < dropTailPorts.length; i++) this.handshakes.overflowing(dropTailPorts[i], dropTailShares[i], now, now + dropTailSpansS[i]);
    this.recovery.retransmitted(bursts);
    this.recovery.overflowed(overflowPorts, overflowShares);
    for (let i = 0; i < judged.length; i++) {
      const b = judged[i];
      if (b.share > 0) {
        // DCTCP: its survivors' marks come back with ECE too, and move α (DctcpAlpha.marksInLoss).
        if (b.marked > 0) {
          this.queues.mark(b.markPort, b.marked, this.sim.nowS);
          this.alphas.marksInLoss(b.flow, b.marked, b.packets, b.share);
        }
        this.recovery.burstLoss(b.flow, b.packets, b.share, b.port, b.marked > 0, b.fullShare);
      } else if (b.marked > 0) {
        this.queues.mark(b.markPort, b.marked, this.sim.nowS);
        this.onMarks(b.flow, b.marked);
      }
    }
    // The avoidance flows crossing those ports lose their window's train if its phase meets the full buffer.
    this.recovery.trainsOverflowed(dropTailPorts, dropTailFullS, dropTailFullShares);
  }

  /** DCTCP: `markedPackets` of this round's window will come back with ECE. */
  private onMarks(f: number, markedPackets: number): void {
    const t = this.t;
    if (t.phase[f] !== Phase.SlowStart) return;
    t.markedLast[f] = Math.max(t.markedLast[f], markedPackets);
    this.awaitRound(f);
  }

  /** DCTCP's answer to a marked round: α moves by g towards the marked fraction, the window is cut by α/2, slow start ends. */
  private answerMarks(f: number): void {
    this.alphas.cutForMarks(f);
    this.enterAvoidance(f);
  }

  /**
   * Leave slow start (or a loss) into congestion avoidance, checked one RTT on. After a window
   * cut for `lostPackets` lost packets (0: no loss) the flow is in fast recovery until the data
   * outstanding at the cut is acknowledged: the retransmissions go out first (RFC 6675 with
   * PRR), at the flow's rate — its share, at most the cut window per round trip — so the last of
   * them leaves (lost − 1) packet times on and is acknowledged one round trip later. Until then the window holds and a loss does not cut
   * it again (one decrease per recovery); its law runs from the recovery's end. A slow-start
   * recovery behind a drop-tail buffer its loss filled (`fullBufferS`: what that buffer adds to
   * the round trip now) runs at the round trip through it, and at its window's rate there (its
   * share follows its window: `recoveryShare`), not at its max-min share.
   */
  private enterAvoidance(f: number, lostPackets = 0, fullBufferS = 0): void {
    const t = this.t;
    if (t.timer[f] >= 0) this.sim.cancel(t.timer[f]);
    if (t.phase[f] !== Phase.Avoidance) this.ports.cross(f, true);
    t.phase[f] = Phase.Avoidance;
    const now = this.sim.nowS;
    const rtt = this.rttNow(f);
    const lost = Math.max(0, Math.round(lostPackets));
    const recoveryRtt = rtt + fullBufferS;
    const end = lost > 0 ? fastRecoveryEndS(now, recoveryRtt, lost, t.cwnd[f], t.packetBytes[f], fullBufferS > 0 ? 0 : this.network.rateOf(f)) : now;
    t.recoveryEndS[f] = end;
    // Its retransmissions leave until one round trip before then, and cross its ports within a base round trip after.
    t.retxUntilS[f] = lost > 0 ? end - recoveryRtt + t.baseRttS[f] : now;
    t.lastS[f] = end;
    t.epochS[f] = end;
    t.w0[f] = t.cwnd[f];
    this.applyWindow(f, rtt);
    t.timer[f] = this.sim.schedule(now + rtt, this.kindStep, f);
  }

  /** Congestion avoidance of a window-limited flow: grow its cap, or hand it to the port that now binds it. */
  private step(f: number): void {
    const t = this.t;
    t.timer[f] = -1;
    if (this.network.stateOf(f) !== FlowState.Active || t.phase[f] !== Phase.Avoidance) return;
    const now = this.sim.nowS;
    const rtt = this.rttNow(f);
    const w = t.advance(f, now, rtt);
    if (t.catchUp[f] > 0) this.sendCatchUp(f);
    else if (t.lostInRecovery[f] > 0 && !t.recovering(f, now)) {
      this.recovery.recoverAgain(f);
      return;
    }
    if (w >= t.windowSegs[f]) {
      this.settle(f, rtt);
      return;
    }
    const bound = this.queues.boundAt(f);
    if (bound >= 0) {
      // Bound by the network: DCTCP settles into its port's sawtooth; a loss-based flow's port tracks it.
      if (this.ports.tracks(f, bound)) {
        this.ports.join(f, bound);
        // The port is re-judged at the end of a solve: ask for one now (nothing else may, and a
        // later one would judge it late, or never for a lone flow).
        this.network.requestSolve();
      } else {
        this.settle(f, rtt);
        // DCTCP settles into its port's sawtooth: its α moves towards the port's α* from here.
        this.alphas.settle(f);
      }
      return;
    }
    // In fast recovery the window holds: checked again when the recovery ends.
    if (t.recovering(f, now)) {
      this.applyWindow(f, rtt);
      t.timer[f] = this.sim.schedule(t.recoveryEndS[f], this.kindStep, f);
      return;
    }
    const ahead = t.windowAt(f, now + rtt, rtt) - w;
    const rtts = ahead > 0 ? Math.min(1000, Math.max(1, (STEP_GROWTH * w) / ahead)) : 1000;
    // Until the next check the cap is the window half-way there, so the bytes sent match the growing window's.
    this.applyWindow(f, rtt, t.windowAt(f, now + (rtts * rtt) / 2, rtt));
    t.timer[f] = this.sim.schedule(now + rtts * rtt, this.kindStep, f);
  }

  /**
   * One round trip into a slow-start recovery flow `f`'s first retransmission is acknowledged, and
   * PRR sends what is left of its cut window at once (`prrCatchUp`): a burst at the sender's line
   * rate, judged at its ports with the instant's others, together with what its ACK clock sends
   * meanwhile. What they drop is new data: a second recovery when this one ends.
   */
  private sendCatchUp(f: number): void {
    const t = this.t;
    const packet = t.packetBytes[f];
    const left = this.network.remainingOf(f) / packet;
    const due = Math.min(t.catchUp[f], left);
    t.catchUp[f] = 0;
    if (!(due > 0)) return;
    const trainS = (due * packet) / this.senderRate(f);
    t.inCatchUp[f] = 1;
    this.offerBurst(f, Math.min(left, due + t.catchUpClockPps[f] * trainS), trainS, 0, 0);
  }

  /** Capacity in force of the first channel of flow `f`'s route (its sender's line), bytes/s. */
  private senderRate(f: number): number {
    const routes = this.routes;
    const at = routes.offsetOf(f);
    const end = at + routes.lengthOf(f);
    for (let i = at; i < end; i++) if (routes.pool[i] < this.channels) return this.network.capacityOf(routes.pool[i]);
    return this.lineRate(f);
  }

  /** The window no longer limits flow `f`: its cap is the window limit, and no timer runs. */
  private settle(f: number, rtt: number): void {
    const t = this.t;
    const o = t.options[t.optionIndex[f]];
    if (t.phase[f] === Phase.Avoidance) this.ports.cross(f, false);
    t.phase[f] = Phase.Steady;
    if (Number.isNaN(t.growthEndS[f])) t.growthEndS[f] = this.sim.nowS;
    this.network.setFlowCap(f, Math.min(t.userCapBps[f], o.windowBytes / rtt));
  }

  /**
   * Cap flow `f` at `w`/RTT (default its window), or lift the cap for the burst that can finish it
   * (within its window, at line rate) and for a flow that has sent everything (a later cut of its
   * window holds back nothing: its bytes are already in the network).
   */
  private applyWindow(f: number, rtt: number, w = this.t.cwnd[f]): void {
    const t = this.t;
    const windowBytes = t.windowBytes[f];
    const last = t.sentAll[f] === 1 || this.covers(f, w);
    if (t.cc[f] === TcpCc.Dctcp) {
      const flight = last ? this.network.remainingOf(f) : t.phase[f] === Phase.SlowStart ? Math.min(w * t.packetBytes[f], windowBytes) : Infinity;
      this.queues.setFlight(f, flight, this.sim.nowS);
    }
    this.network.setFlowCap(f, last ? t.userCapBps[f] : Math.min(t.userCapBps[f], windowBytes / rtt, (w * t.packetBytes[f]) / rtt));
  }

  private finish(f: number): void {
    const t = this.t;
    if (t.timer[f] >= 0) this.sim.cancel(t.timer[f]);
    t.timer[f] = -1;
    if (Number.isNaN(t.growthEndS[f])) t.growthEndS[f] = this.sim.nowS;
    if (t.phase[f] === Phase.Avoidance) this.ports.cross(f, false);
    t.phase[f] = Phase.Done;
    this.ports.leave(f);
    this.routes.release(f);
    const cb = this.done[f];
    this.done[f] = undefined;
    cb?.(f, t.cwnd[f]);
  }
}
