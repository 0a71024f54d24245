// TcpFlows: the life of every `tcp` flow of a run — start and handshake, rate changes, reroutes, finish — over its TcpFlowTable, its slow-start rounds and avoidance steps handed to their own classes.
import { elapsedS } from "../../core/elapsedS.js";
import type { RandomStream } from "../../core/randomStream.js";
import type { Simulation } from "../../core/Simulation.js";
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import type { FlowObserver } from "../../net/FlowObserver.js";
import type { RateChanges } from "../../net/RateChanges.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import type { Route } from "../../net/Router.js";
import type { Topology } from "../../net/Topology.js";
import { opensWithSyn } from "../handshakeRounds.js";
import type { TcpOptions } from "../TransportSpec.js";
import { AvoidanceSteps } from "./AvoidanceSteps.js";
import { BurstAnswers } from "./BurstAnswers.js";
import { BurstJudge } from "./BurstJudge.js";
import { DctcpAlpha } from "./DctcpAlpha.js";
import { FIRST_FLIGHT } from "./FIRST_FLIGHT.js";
import { FlowMarks } from "./FlowMarks.js";
import { FlowReroutes } from "./FlowReroutes.js";
import { HandshakeLosses } from "./HandshakeLosses.js";
import { LossPorts } from "./LossPorts.js";
import { LossRecovery } from "./LossRecovery.js";
import { queueClassOf } from "./queueClassOf.js";
import { startTiming, type StartTiming } from "./routeTiming.js";
import { SlowStartRounds } from "./SlowStartRounds.js";
import { SynRetries } from "./SynRetries.js";
import type { TcpCost } from "./TcpCost.js";
import { TcpCc, TcpFlowTable, TcpPhase as Phase } from "./TcpFlowTable.js";
import { restoreDctcpShare } from "./dctcpShare.js";
import { TcpRoutes } from "./TcpRoutes.js";
import { timestampRttS } from "./timestampRttS.js";

/**
 * The window state machine of every `tcp` flow of a run, shared by the workloads' transports
 * (each keeps only its connection pool). Per live flow, in typed arrays reused when a flow
 * ends ({@link TcpFlowTable}'s live slots): congestion window (segments), Cubic's epoch, DCTCP's
 * α, base RTT, timer; per flow to the end of the run, only its phase and what flows.csv reports.
 * Per port, the loss-based flows it bottlenecks and the time its buffer will next overflow ({@link LossPorts}:
 * the transport's per-link state); the bursts of each instant are judged by a {@link BurstJudge}.
 * It is the network's observer and starts, reroutes and finishes the flows; what it hands off:
 * the slow-start rounds ({@link SlowStartRounds}), congestion avoidance and the window's cap on
 * the rate ({@link AvoidanceSteps}), the bursts of an instant offered, judged and answered
 * ({@link BurstAnswers}), the live routes and what is read off them ({@link TcpRoutes}), the
 * answer to losses and timeouts ({@link LossRecovery}), the handshakes waiting out a SYN timeout
 * ({@link SynRetries}), DCTCP's α ({@link DctcpAlpha}) and reroutes ({@link FlowReroutes}).
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
  /** Each live slot's completion callback. */
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
  /** The live flows' route resources and what is read off them (RTT, line rates). */
  private readonly routes: TcpRoutes;
  /** The instant's bursts: offered, judged, answered. */
  private readonly answers: BurstAnswers;
  /** Slow-start rounds. */
  private readonly rounds: SlowStartRounds;
  /** Congestion avoidance, and the window's cap on a flow's rate. */
  private readonly avoidance: AvoidanceSteps;
  /** Reroutes: what a flow takes again from its new route. */
  private readonly reroutes: FlowReroutes;
  /** The marks and the cuts for marks charged to each DCTCP flow (flows.csv). */
  private readonly marks: FlowMarks;
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
    this.kindRound = sim.registerHandler((f) => this.rounds.round(f));
    this.kindStep = sim.registerHandler((f) => this.avoidance.step(f));
    this.kindResume = sim.registerHandler((f) => this.recovery.resume(f));
    const kindClose = sim.registerHandler(() => this.answers.closeEpisode());
    const routes = (this.routes = new TcpRoutes(network, queues, topology.channelCount, this.t));
    this.handshakes = new HandshakeLosses(topology.resourceCount, topology.channelCount, handshakeRandom);
    this.synRetries = new SynRetries(sim, network, queues, topology.channelCount, this.t, this.handshakes, (res) => this.answers.settleFor(res));
    this.marks = new FlowMarks(sim, queues, this.t, routes.held, topology.resourceCount, (f) => routes.rttNow(f));
    this.alphas = new DctcpAlpha(sim, queues, this.t, (f) => routes.rttNow(f), network, (f) => this.marks.refresh(f));
    this.ports = new LossPorts(sim, network, queues, topology.channelCount, topology.resourceCount, this.t, {
      rttNow: (f) => routes.rttNow(f),
      lost: (f, r, rttS, lostPackets) => this.recovery.inAvoidance(f, r, rttS, lostPackets),
      recovering: (f, r, drops, rttS) => this.recovery.inRecovery(f, r, drops, rttS),
    }, routes.held, dropRandom);
    this.recovery = new LossRecovery(sim, network, queues, this.t, this.ports, random, this.kindResume, {
      rttNow: (f) => routes.rttNow(f),
      clockRate: (f) => routes.clockRate(f),
      round: (f) => this.rounds.round(f),
      enterAvoidance: (f, lostPackets, fullBufferS) => this.avoidance.enterAvoidance(f, lostPackets, fullBufferS),
      offerBurst: (f, packets, durationS, standing, prevBytes) => this.answers.offer(f, packets, durationS, standing, prevBytes),
      awaitRound: (f, sentS) => this.answers.awaitRound(f, sentS),
    }, phaseRandom);
    this.bursts = new BurstJudge(network, queues, topology.channelCount, random);
    this.answers = new BurstAnswers(sim, network, queues, this.t, routes, this.bursts, this.handshakes, this.recovery, this.alphas, this.kindRound, kindClose);
    this.avoidance = new AvoidanceSteps(sim, network, queues, this.t, routes, this.ports, this.recovery, this.alphas, this.answers, this.kindStep);
    this.rounds = new SlowStartRounds(sim, network, this.t, routes, this.recovery, this.alphas, this.answers, this.avoidance, this.kindRound);
    this.reroutes = new FlowReroutes(sim, network, queues, this.channels, this.t, routes, this.bursts, this.ports, this.avoidance, this.kindStep, this.kindRound);
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
    this.routes.held.reserve(n - 1);
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
    // An overflow episode still held back at its ports is judged first: its overflow is the SYN's to meet.
    if (handshakeRounds > 0) this.answers.settleFor(res);
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
    const s = t.take(flow);
    t.setOptions(s, optionIndex);
    this.routes.held.hold(flow, res);
    t.cwnd[s] = w;
    t.wMax[s] = 0;
    t.ssthreshSegs[s] = Infinity;
    t.rtoSackedSegs[s] = 0;
    t.w0[s] = w;
    t.epochS[s] = NaN;
    t.alphaAtS[s] = now;
    t.alphaDueS[s] = NaN;
    t.baseRttS[s] = baseRtt;
    t.userCapBps[s] = userCap;
    t.handshakeS[flow] = handshakeS;
    t.queueingS[flow] = handshakeRounds * (qOut + qBack) + qOut;
    t.retransmits[flow] = synLost ? 1 : 0;
    t.timeouts[flow] = synLost ? 1 : 0;
    t.backoff[s] = 0;
    t.lossAge[s] = 0;
    t.lostPackets[s] = 0;
    t.lostLast[s] = 0;
    t.markedLast[s] = 0;
    this.marks.started(flow);
    t.markPort[s] = -1;
    t.minRttS[s] = Infinity;
    // The SYN's timestamp sample, unless it was lost (a retransmitted SYN gives none: ns-3's RttHistory retx).
    t.srttS[s] = handshakeRounds > 0 && opensWithSyn(o.handshake) && !synLost ? timestampRttS(synStartS, synStartS + handshakeRtt) : NaN;
    t.roundStartS[s] = NaN;
    t.boundPps[s] = 0;
    t.lastAckS[s] = NaN;
    t.sentAll[s] = 0;
    t.retxPort[s] = -1;
    t.lossPort[s] = -1;
    t.recoveryWeight[s] = NaN;
    t.shareWeight[s] = NaN;
    t.recoveryEndS[s] = 0;
    t.port[s] = -1;
    this.done[s] = onDone;
    const activeS = now + firstByteDelayS + route.latencyS;
    t.activeS[flow] = activeS;
    t.senderLagS[s] = activeS - (synStartS + handshakeS);
    t.lastS[s] = activeS;
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
      t.timer[s] = -1;
    } else {
      t.phase[flow] = Phase.SlowStart;
      // The first flight is a burst at the sender's line rate, offered to the ports when it
      // arrives: within the network's activation (an event here would come right after it, at
      // the same time: nothing is scheduled between the two, and a postponed start or a reroute
      // moves the activation, which brings the flight along).
      t.timer[s] = FIRST_FLIGHT;
    }
    return flow;
  }

  /** What a flow paid (flows.csv), or undefined for a flow that is not tcp. */
  costOf(flow: number): TcpCost | undefined {
    const t = this.t;
    if (flow >= t.cap || t.phase[flow] === Phase.None) return undefined;
    // A flow still live (the run stopped first): its marks and cuts up to now.
    if (t.slotOf[flow] >= 0) this.marks.bringUp(flow);
    const end = Number.isNaN(t.growthEndS[flow]) ? this.network.finishOf(flow) : t.growthEndS[flow];
    return {
      handshakeS: t.handshakeS[flow],
      slowStartS: Math.max(0, elapsedS(t.activeS[flow], Number.isNaN(end) ? this.sim.nowS : end)),
      queueingS: t.queueingS[flow],
      retransmits: t.retransmits[flow],
      timeouts: t.timeouts[flow],
      marks: t.marks[flow],
      markCuts: t.markCuts[flow],
      lossCuts: t.lossCuts[flow],
    };
  }

  /** @inheritdoc */
  rateChanged(changes: RateChanges, i: number): void {
    const t = this.t;
    const f = changes.flows[i];
    if (f >= t.cap) return;
    // Not tcp, or done: nothing of it to change.
    const s = t.slotOf[f];
    if (s < 0) return;
    // Its marks so far at the old rate; its cuts for marks by its phase and port after the change.
    this.marks.rateChanged(f, changes.newRatesBps[i]);
    this.windowRateChanged(changes, i, f, s);
    this.marks.refresh(f);
  }

  /** {@link rateChanged} of tcp flow `f` in live slot `s`: what its window does about its new rate. */
  private windowRateChanged(changes: RateChanges, i: number, f: number, s: number): void {
    const t = this.t;
    const newRateBps = changes.newRatesBps[i];
    const bottleneck = changes.bottlenecks[i];
    const phase = t.phase[f];
    // Cubic grows per ACK: a window the network binds grows at its share's ACK rate, brought up to date at the old one first.
    const boundPps = newRateBps > 0 && bottleneck >= 0 ? newRateBps / t.packetBytes[s] : 0;
    if (boundPps !== t.boundPps[s]) {
      // At the instant it was last brought up to date a window within its limit stands: no round trip is read.
      if (phase === Phase.Avoidance && t.cc[s] === TcpCc.Cubic && (this.sim.nowS > t.lastS[s] || t.cwnd[s] > t.windowSegs[s])) t.advance(s, this.sim.nowS, this.routes.rttNow(f));
      t.boundPps[s] = boundPps;
    }
    if (phase !== Phase.Avoidance && phase !== Phase.Steady) return;
    const at = newRateBps > 0 && bottleneck >= 0 ? bottleneck : -1;
    if (phase === Phase.Avoidance && at !== t.port[s] && (at < 0 || this.ports.tracks(f, at))) {
      if (at >= 0) this.ports.join(f, at);
      else this.ports.leave(f);
    }
    // Limited by its own window again (its share grew): grow towards it.
    if (at < 0 && newRateBps > 0 && t.timer[s] < 0 && this.network.capOf(f) < t.userCapBps[s]) {
      if (phase === Phase.Steady && t.cc[s] === TcpCc.Dctcp) {
        restoreDctcpShare(this.network, t, f);
        t.phase[f] = Phase.Avoidance;
        t.lastS[s] = this.sim.nowS;
      }
      if (t.phase[f] === Phase.Avoidance) t.timer[s] = this.sim.schedule(this.sim.nowS + this.routes.rttNow(f), this.kindStep, f);
    }
  }

  /** @inheritdoc */
  flowActivated(f: number): void {
    const t = this.t;
    if (f < t.cap && t.slotOf[f] >= 0 && t.timer[t.slotOf[f]] === FIRST_FLIGHT) this.rounds.round(f);
  }

  /** @inheritdoc */
  solved(): void {
    if (this.bursts.hasPending) this.answers.judge();
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
    this.reroutes.rerouted(f, oldRoute);
    this.marks.rerouted(f);
  }

  /**
   * Flow `f` was given up (FlowNetwork.fail: no route is left for it): it ends where it is, as
   * at a finish whose callback is never called — its timer, its burst not yet judged, its port
   * and crossing lists, its held route and its live slot are let go.
   */
  flowFailed(f: number): void {
    const t = this.t;
    if (f >= t.cap || t.slotOf[f] < 0) return;
    this.bursts.withdraw(f);
    this.done[t.slotOf[f]] = undefined;
    this.finish(f);
  }

  private finish(f: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    if (t.timer[s] >= 0) this.sim.cancel(t.timer[s]);
    t.timer[s] = -1;
    if (Number.isNaN(t.growthEndS[f])) t.growthEndS[f] = this.sim.nowS;
    if (t.phase[f] === Phase.Avoidance) this.ports.cross(f, false);
    this.marks.bringUp(f);
    t.phase[f] = Phase.Done;
    this.ports.leave(f);
    this.routes.held.release(f);
    const cb = this.done[s];
    this.done[s] = undefined;
    const cwnd = t.cwnd[s];
    t.free(f);
    cb?.(f, cwnd);
  }
}
