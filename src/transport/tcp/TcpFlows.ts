// TcpFlows: the life of every `tcp` flow of a run — handshake, slow-start rounds, marks, losses, timeouts and avoidance — over its TcpFlowTable.
import type { RandomStream } from "../../core/randomStream.js";
import type { Simulation } from "../../core/Simulation.js";
import { FlowState, type FlowNetwork, type FlowObserver } from "../../net/FlowNetwork.js";
import { QueueClass, type QueueState } from "../../net/queues/QueueState.js";
import type { Route } from "../../net/Router.js";
import type { Topology } from "../../net/Topology.js";
import { ListPool } from "../../core/ListPool.js";
import { opensWithSyn } from "../handshakeRounds.js";
import type { TcpOptions } from "../TransportSpec.js";
import { binomial } from "./binomial.js";
import { BurstJudge } from "./BurstJudge.js";
import { CUBIC_BETA, DCTCP_G, RENO_BETA, cubicLossMax } from "./CongestionControl.js";
import { HandshakeLosses } from "./HandshakeLosses.js";
import { hyStartExits } from "./hyStartExits.js";
import { LossPorts } from "./LossPorts.js";
import { recoveryBurst, retransmissionLoss, standingPackets } from "./recoveryBurst.js";
import { baseRttS, slowestChannelBps, startTiming, type StartTiming } from "./routeTiming.js";
import type { TcpCost } from "./TcpCost.js";
import { TcpCc, TcpFlowTable, TcpPhase as Phase } from "./TcpFlowTable.js";

/** Window growth between two avoidance checks of a window-limited flow: at most 1/4, at least one RTT apart (the cap in between is the window at the middle of the step). */
const STEP_GROWTH = 0.25;
/** Duplicate ACKs that trigger a fast retransmit (RFC 5681). */
const DUPTHRESH = 3;
/** Round trips over which (1 − g)^n halves the gap between a DCTCP flow's α and the steady α*: ln 2 / −ln(1 − 1/16) ≈ 10.7. */
const ALPHA_HALF_LIFE_RTTS = Math.LN2 / -Math.log(1 - DCTCP_G);
/** A DCTCP flow's α this close to its port's α* is taken as α* (no more updates). */
const ALPHA_SETTLED = 0.01;

/** A handshake waiting out a SYN timeout: its losses in a row, its handshake rounds, and the forward queueing its start was reckoned with. */
interface SynRetry {
  lost: number;
  rounds: number;
  qOutS: number;
}

/**
 * The window state machine of every `tcp` flow of a run, shared by the workloads' transports
 * (each keeps only its connection pool). Per flow, in typed arrays ({@link TcpFlowTable}): phase,
 * congestion window (segments), Cubic's epoch, DCTCP's α, base RTT, timer. Per port, the
 * loss-based flows it bottlenecks and the time its buffer will next overflow ({@link LossPorts}:
 * the transport's per-link state); the bursts of each instant are judged by a {@link BurstJudge}.
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
 *   every loss-based flow bound there loses a packet and cuts its window.
 */
export class TcpFlows implements FlowObserver {
  private readonly t = new TcpFlowTable();
  private readonly done: Array<((flow: number, cwndSegments: number) => void) | undefined> = [];
  private readonly kindRound: number;
  private readonly kindStep: number;
  private readonly kindResume: number;
  private readonly kindSynRetry: number;
  private readonly kindAlpha: number;
  private readonly channels: number;
  private readonly bursts: BurstJudge;
  private readonly ports: LossPorts;
  private readonly handshakes: HandshakeLosses;
  /**
   * The live flows' route resources, copied when a flow starts or is rerouted and given back when
   * it is done: the RTT and line-rate walks (every round, step and port re-judge: hundreds of
   * thousands in a 20,000-flow run) read them here, not each flow's Route object.
   */
  private readonly routes = new ListPool();
  /** What {@link start} reads off a flow's route (one record, rewritten by each start). */
  private readonly timing: StartTiming = { baseRttS: 0, handshakeBaseRttS: 0, outS: 0, backS: 0, storeAndForwardS: 0 };
  /** Every flow's completion callback (one closure for all). */
  private readonly onComplete = (f: number): void => this.finish(f);
  /** Flows whose handshake is waiting out a SYN timeout (few: a Map, not a column). */
  private readonly synLosses = new Map<number, SynRetry>();

  constructor(
    private readonly sim: Simulation,
    private readonly network: FlowNetwork,
    private readonly queues: QueueState,
    topology: Topology,
    private readonly random: RandomStream,
    handshakeRandom: RandomStream,
  ) {
    this.channels = topology.channelCount;
    this.kindRound = sim.registerHandler((f) => this.round(f));
    this.kindStep = sim.registerHandler((f) => this.step(f));
    this.kindResume = sim.registerHandler((f) => this.resume(f));
    this.kindSynRetry = sim.registerHandler((f) => this.synRetry(f));
    this.kindAlpha = sim.registerHandler((f) => this.alphaStep(f, true));
    this.handshakes = new HandshakeLosses(topology.resourceCount, topology.channelCount, handshakeRandom);
    this.ports = new LossPorts(sim, network, queues, topology.channelCount, topology.resourceCount, this.t, {
      rttNow: (f) => this.rttNow(f),
      lost: (f, r, rttS) => {
        // Three duplicate ACKs come from the rest of its window and, with limited transmit
        // (RFC 3042; SACK, RFC 6675), from new data each of them lets out while any is left.
        const w = this.t.cwnd[f];
        const behind = w - 1 + Math.max(0, this.network.remainingOf(f) / this.t.packetBytes[f] - w);
        if (w < 2 || behind < DUPTHRESH) {
          this.timeout(f);
          return;
        }
        // Three duplicate ACKs (SACKs) above the one hole tell it: four packets left the flight.
        this.cut(f, 1 + DUPTHRESH);
        this.enterAvoidance(f, 1);
        // Its fast retransmission crosses the port within the next round trip (the duplicate ACKs come back, it goes out).
        this.t.retxPort[f] = r;
        this.t.retxUntilS[f] = this.sim.nowS + rttS;
      },
      recovering: (f, r, drops, rttS) => this.lossInRecovery(f, r, drops, rttS),
    }, this.routes);
    this.bursts = new BurstJudge(network, queues, topology.channelCount, random);
    network.observe(this);
  }

  /** Index of `options` in this run's table (each workload's transport registers its own once). */
  addOptions(options: TcpOptions): number {
    return this.t.options.push(options) - 1;
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
    t.ensure(flow);
    t.setOptions(flow, optionIndex);
    this.routes.hold(flow, res);
    t.cwnd[flow] = w;
    t.wMax[flow] = 0;
    t.w0[flow] = w;
    t.epochS[flow] = NaN;
    t.alpha[flow] = 1;
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
    t.sentAll[flow] = 0;
    t.retxPort[flow] = -1;
    t.recoveryEndS[flow] = 0;
    t.port[flow] = -1;
    this.done[flow] = onDone;
    const activeS = now + firstByteDelayS + route.latencyS;
    t.activeS[flow] = activeS;
    t.lastS[flow] = activeS;
    t.growthEndS[flow] = NaN;
    this.queues.register(flow, this.queueClass(o), baseRtt, packetBytes);
    if (o.cc === "dctcp" && w < windowSegs) this.queues.setFlight(flow, Math.min(w * packetBytes, wireBytes, o.windowBytes), now);
    if (initialCap !== userCap) this.network.setFlowCap(flow, initialCap);
    if (synLost) {
      // The SYN goes out again one SYN timeout after the first: it may meet an overflow again.
      this.synLosses.set(flow, { lost: 1, rounds: handshakeRounds, qOutS: qOut });
      this.sim.schedule(synStartS + o.synTimeoutS, this.kindSynRetry, flow);
    }
    if (!(rtt > 0) || w >= windowSegs) {
      t.phase[flow] = Phase.Steady;
      t.growthEndS[flow] = activeS;
      t.timer[flow] = -1;
    } else {
      t.phase[flow] = Phase.SlowStart;
      // The first flight is a burst at the sender's line rate, offered to the ports when it arrives.
      t.timer[flow] = this.sim.schedule(activeS, this.kindRound, flow);
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
  rateChanged(f: number, _oldRateBps: number, newRateBps: number, bottleneck: number): void {
    const t = this.t;
    if (f >= t.cap) return;
    const phase = t.phase[f];
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
    // What was in flight on the old route is lost with it: the flow sends its bytes again on the new one.
    t.sentAll[f] = 0;
    this.ports.rerouted(f, oldRoute.resources);
    const baseRtt = baseRttS(this.network, this.channels, route.resources, route.latencyS, t.packetBytes[f], o.headerBytes);
    t.baseRttS[f] = baseRtt;
    // The flow left its old route (rate reported 0 there), so the queues hold it bound nowhere: register it again with its new base RTT.
    this.queues.register(f, this.queueClass(o), baseRtt, t.packetBytes[f]);
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
      if (t.timer[f] >= 0) {
        // Its first flight goes out on the new route: offered when it arrives there.
        if (Number.isNaN(t.epochS[f]) || this.sim.queue.timeOf(t.timer[f]) < arriveS) this.sim.reschedule(t.timer[f], arriveS);
      } else t.timer[f] = this.sim.schedule(arriveS, this.kindRound, f);
      this.applyWindow(f, rtt);
    } else if (t.timer[f] >= 0 && this.sim.queue.timeOf(t.timer[f]) < arriveS) this.sim.reschedule(t.timer[f], arriveS);
  }

  private queueClass(o: TcpOptions): QueueClass {
    return o.cc === "dctcp" ? QueueClass.Dctcp : o.cc === "newreno" ? QueueClass.NewReno : QueueClass.Cubic;
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
    // behind the hole (onBurstLoss timed out a flight with fewer than three): recover now.
    if (t.sentAll[f]) {
      if (t.lossAge[f] > 0) this.recover(f);
      else if (t.markedLast[f] > 0) this.answerMarks(f);
      return;
    }
    // A loss in a round is told by the duplicate ACKs that the next round's packets raise, so
    // one more round goes out first; then fast recovery: the window is cut and the lost
    // packets go out again.
    if (t.lossAge[f] === 2) {
      this.recover(f);
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
    if (t.cc[f] === TcpCc.Dctcp && !first) {
      t.alpha[f] *= 1 - DCTCP_G;
      t.alphaAtS[f] = this.sim.nowS;
      this.queues.setAlpha(f, t.alpha[f], this.sim.nowS);
    }
    const w = t.cwnd[f];
    const remaining = this.network.remainingOf(f) / packet;
    // The first flight leaves at line rate. Each later round sends the grown window while the
    // previous round's ACKs return at the ACK clock (every delivered packet raises one, a lost one
    // none), so a port draining at that clock queues the growth on top of what the previous
    // window already kept beyond the pipe.
    const g = t.slowStartGrowth[f];
    const next = first ? w : Math.min(w + Math.max(0, w - t.lostLast[f]) * (g - 1), t.windowSegs[f]);
    t.lostLast[f] = 0;
    const arrivals = Math.min(next, remaining);
    const clock = this.clockRate(f);
    const trainS = (w * packet) / clock;
    const durationS = first ? (arrivals * packet) / this.lineRate(f) : trainS;
    const standing = first ? 0 : standingPackets(w, clock, t.baseRttS[f], packet);
    t.cwnd[f] = next;
    // The window covers all that is left: it goes out in this flight, and no later round sends.
    if (this.covers(f, next)) t.sentAll[f] = 1;
    if (arrivals > 0) this.offerBurst(f, arrivals, durationS, standing, first ? 0 : w * packet);
    if (t.cc[f] === TcpCc.Cubic && !first && hyStartExits(next, t.minRttS[f], rtt, trainS)) {
      this.enterAvoidance(f);
      return;
    }
    t.minRttS[f] = Math.min(t.minRttS[f], rtt);
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
    const t = this.t;
    const { bursts, judged, overflowPorts, overflowShares, dropTailPorts, dropTailShares, dropTailSpansS } = this.bursts.judge();
    const now = this.sim.nowS;
    // Drop-tail ports that dropped now keep dropping that share of what arrives over the bursts' span: handshakes too.
    for (let i = 0; i < dropTailPorts.length; i++) this.handshakes.overflowing(dropTailPorts[i], dropTailShares[i], now, now + dropTailSpansS[i]);
    // Flows whose retransmissions all got through are out of recovery.
    for (const b of bursts) {
      if (t.lossAge[b.flow] === 3 && !(b.share > 0)) {
        t.lossAge[b.flow] = 0;
        t.lostPackets[b.flow] = 0;
      }
    }
    // Bursts overflowing a saturated drop-tail port drop what arrives meanwhile, the fast
    // retransmissions of its avoidance flows too: each on its way is lost at the port's drop share, and then only the RTO recovers it.
    for (let i = 0; i < overflowPorts.length; i++) {
      const r = overflowPorts[i];
      for (const f of this.ports.crossingOf(r)) {
        if (t.retxPort[f] !== r || !(now <= t.retxUntilS[f]) || t.phase[f] !== Phase.Avoidance) continue;
        if (this.random() >= overflowShares[i]) continue;
        t.retxPort[f] = -1;
        t.retransmits[f]++;
        this.queues.drop(r, 1, now);
        this.timeout(f);
      }
    }
    for (const b of judged) {
      if (b.share > 0) this.onBurstLoss(b.flow, b.packets, b.share, b.port);
      else if (b.marked > 0) {
        this.queues.mark(b.markPort, b.marked, this.sim.nowS);
        this.onMarks(b.flow, b.marked);
      }
    }
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
    const t = this.t;
    const w = t.cwnd[f];
    const fraction = Math.min(1, t.markedLast[f] / Math.max(1, w));
    t.markedLast[f] = 0;
    t.alpha[f] = (1 - DCTCP_G) * t.alpha[f] + DCTCP_G * fraction;
    t.alphaAtS[f] = this.sim.nowS;
    this.queues.setAlpha(f, t.alpha[f], this.sim.nowS);
    t.cwnd[f] = Math.max(2, w * (1 - t.alpha[f] / 2));
    this.enterAvoidance(f);
  }

  /**
   * A share `share` of flow `f`'s burst of `packets` overflowed `port`: which survive is drawn.
   * In fast recovery, a lost retransmission means a timeout. Otherwise, with no survivor or too
   * few packets behind the hole to raise three duplicate ACKs (the survivors behind it, and the
   * new data SACK lets them release while any is left), the flow times out; else the loss is
   * told one round later ({@link round}).
   */
  private onBurstLoss(f: number, packets: number, share: number, port: number): void {
    const t = this.t;
    const phase = t.phase[f];
    if (phase !== Phase.SlowStart && phase !== Phase.Avoidance) return;
    const n = Math.max(1, Math.round(packets));
    const delivered = binomial(this.random, n, 1 - share);
    const lost = n - delivered;
    if (lost === 0) return;
    t.retransmits[f] += lost;
    this.queues.drop(port, lost, this.sim.nowS);
    if (t.lossAge[f] === 3) {
      // Retransmitting: each retransmission is lost with the same share.
      const retx = Math.max(1, Math.round(t.lostPackets[f]));
      t.lossAge[f] = 0;
      t.lostPackets[f] = 0;
      if (binomial(this.random, retx, share) > 0) this.timeout(f);
      return;
    }
    if (phase !== Phase.SlowStart) return;
    const packet = t.packetBytes[f];
    const left = Math.max(0, this.network.remainingOf(f) / packet - n);
    // Duplicate ACKs come from the survivors behind the first hole (for losses placed at random,
    // delivered · lost / (lost + 1) of them) and from new data: with SACK (ns-3's and Linux's
    // default) every survivor, before the hole or behind it, frees room in the pipe for a new
    // segment, whose SACK frees room for the next (RFC 6675; limited transmit without SACK), so
    // while data is left the holes are told by three duplicate ACKs.
    const behind = (delivered * lost) / (lost + 1) + left;
    if (delivered === 0 || behind < DUPTHRESH) {
      this.timeout(f);
      return;
    }
    t.lostLast[f] += lost;
    t.lostPackets[f] += lost;
    if (t.lossAge[f] === 0) t.lossAge[f] = 1;
    this.awaitRound(f);
    // Its packets that got through waited behind the full buffer: the ACKs that clock the next round come that much later.
    if (t.timer[f] >= 0) this.sim.reschedule(t.timer[f], this.sim.queue.timeOf(t.timer[f]) + this.queues.settings.bufferBytes[port] / this.network.capacityOf(port));
  }

  /**
   * Fast recovery after a slow-start loss: the window is cut, and the new window — the lost
   * packets first, then new data — goes out as the last round's ACKs come back (proportional
   * rate reduction, RFC 6937: no faster than the ACK clock). Its packets are judged at the
   * ports like a round's, behind what is left of the previous window ({@link recoveryBurst});
   * a retransmission lost there means a timeout.
   */
  private recover(f: number): void {
    const t = this.t;
    const packet = t.packetBytes[f];
    const before = t.cwnd[f];
    // The duplicate ACKs that start it show the earlier round's holes lost and three packets delivered beyond them.
    this.cut(f, t.lostPackets[f] - t.lostLast[f] + DUPTHRESH);
    t.lossAge[f] = 3;
    t.lostLast[f] = 0;
    // A flow that has sent everything sends only the lost packets again.
    const left = t.sentAll[f] ? 0 : this.network.remainingOf(f) / packet;
    const b = recoveryBurst(before, t.cwnd[f], left, t.lostPackets[f], this.clockRate(f), t.baseRttS[f], packet);
    this.offerBurst(f, b.packets, b.durationS, b.standing, b.prevBytes);
    this.enterAvoidance(f, t.lostPackets[f]);
  }

  /**
   * Port `r` overflows while flow `f` is in a fast recovery (its round trip through the full
   * buffer `rttS`): `drops` packets are lost among what arrives there, and while the flow's
   * retransmissions still cross the port (until {@link TcpFlowTable.retxUntilS}) one of them may be
   * among them ({@link retransmissionLoss}): then only the RTO recovers it.
   */
  private lossInRecovery(f: number, r: number, drops: number, rttS: number): void {
    const t = this.t;
    const now = this.sim.nowS;
    const p = retransmissionLoss(drops, this.network.capacityOf(r), rttS, this.network.rateOf(f), t.retxUntilS[f] - now, t.packetBytes[f]);
    if (!(p > 0) || this.random() >= p) return;
    t.retransmits[f]++;
    this.queues.drop(r, 1, now);
    this.timeout(f);
  }

  /**
   * Multiplicative decrease after a loss: Cubic keeps 0.7 of its window and remembers W_max,
   * DCTCP halves its window, NewReno halves what is in flight — its window less the `gone`
   * packets the duplicate ACKs already show lost or delivered (ns-3's NewReno takes ssthresh from
   * the bytes in flight, which with SACK is RFC 6675's pipe; RFC 5681's FlightSize / 2).
   */
  private cut(f: number, gone: number): void {
    const t = this.t;
    const w = t.cwnd[f];
    if (t.cc[f] === TcpCc.Cubic) {
      t.wMax[f] = cubicLossMax(w, t.wMax[f]);
      t.cwnd[f] = Math.max(2, w * CUBIC_BETA);
    } else if (t.cc[f] === TcpCc.NewReno) t.cwnd[f] = Math.max(2, (w - gone) * RENO_BETA);
    else t.cwnd[f] = Math.max(2, w * RENO_BETA);
  }

  /** Flow `f` waits out a retransmission timeout, then restarts slow start from one segment. */
  private timeout(f: number): void {
    const t = this.t;
    const o = t.options[t.optionIndex[f]];
    t.timeouts[f]++;
    if (t.timer[f] >= 0) this.sim.cancel(t.timer[f]);
    this.ports.leave(f);
    // RFC 6298 with one RTT sample: RTO = SRTT + 4·RTTVAR = 3 RTT, never below min RTO, doubled per timeout in a row.
    const rto = Math.max(o.minRtoS, this.rttNow(f) * 3) * 2 ** Math.min(t.backoff[f], 6);
    t.backoff[f]++;
    if (t.cc[f] === TcpCc.Cubic) t.wMax[f] = cubicLossMax(t.cwnd[f], t.wMax[f]);
    if (t.phase[f] === Phase.Avoidance) this.ports.cross(f, false);
    t.phase[f] = Phase.Timeout;
    t.cwnd[f] = 1;
    t.lossAge[f] = 0;
    t.lostPackets[f] = 0;
    t.lostLast[f] = 0;
    t.markedLast[f] = 0;
    t.recoveryEndS[f] = 0;
    // The flight may be lost: it goes out again from the resumed slow start.
    t.sentAll[f] = 0;
    this.network.setFlowCap(f, 0);
    t.timer[f] = this.sim.schedule(this.sim.nowS + rto, this.kindResume, f);
  }

  /** After a timeout: slow start again from one segment, its first flight the lost packets. */
  private resume(f: number): void {
    const t = this.t;
    t.timer[f] = -1;
    if (this.network.stateOf(f) !== FlowState.Active || t.phase[f] !== Phase.Timeout) return;
    t.phase[f] = Phase.SlowStart;
    t.epochS[f] = NaN;
    this.round(f);
  }

  /**
   * Flow `f`'s SYN goes out again after a SYN timeout. Lost again (a port on its way, or on its
   * SYN-ACK's, overflows now), it waits the timeout doubled for each loss in a row (as ns-3's
   * TcpSocketBase and Linux do), and its first byte moves that much later.
   */
  private synRetry(f: number): void {
    const retry = this.synLosses.get(f);
    const t = this.t;
    const now = this.sim.nowS;
    // Rerouted before its first byte (the pending start is dropped) or given up: the handshake is over.
    if (retry === undefined || this.network.stateOf(f) !== FlowState.InFlight || !(t.activeS[f] > now)) {
      this.synLosses.delete(f);
      return;
    }
    const o = t.options[t.optionIndex[f]];
    const route = this.network.routeOf(f);
    const res = route.resources;
    const timing = this.timing;
    startTiming(this.network, this.queues, this.channels, res, route.latencyS, t.packetBytes[f], o.headerBytes, t.packetBytes[f], timing);
    const qOut = timing.outS;
    const qBack = timing.backS;
    const handshakeRtt = timing.handshakeBaseRttS + qOut + qBack;
    if (!this.handshakes.lost(res, now, now + handshakeRtt / 2)) {
      // This handshake gets through: it and the first byte wait in the queues of now, not in
      // those the first SYN met (the flow was started with those).
      this.synLosses.delete(f);
      const roundsQueueingS = retry.rounds * (qOut + qBack);
      const queueingS = roundsQueueingS + qOut;
      const movedS = queueingS - t.queueingS[f];
      t.handshakeS[f] += roundsQueueingS - (t.queueingS[f] - retry.qOutS);
      t.queueingS[f] = queueingS;
      if (movedS !== 0) this.moveFirstByte(f, movedS);
      return;
    }
    const waitS = o.synTimeoutS * 2 ** Math.min(retry.lost, 6);
    retry.lost++;
    t.retransmits[f]++;
    t.timeouts[f]++;
    t.handshakeS[f] += waitS;
    this.moveFirstByte(f, waitS);
    this.sim.schedule(now + waitS, this.kindSynRetry, f);
  }

  /** Flow `f`'s first byte (still to come) moves `byS` later (earlier if negative), and its first flight with it. */
  private moveFirstByte(f: number, byS: number): void {
    const t = this.t;
    const activeS = this.network.postponeStart(f, byS);
    t.activeS[f] = activeS;
    t.lastS[f] = activeS;
    if (!Number.isNaN(t.growthEndS[f])) t.growthEndS[f] = activeS;
    // Its first flight goes out when its first byte arrives.
    if (t.timer[f] >= 0) this.sim.reschedule(t.timer[f], activeS);
  }

  /**
   * Leave slow start (or a loss) into congestion avoidance, checked one RTT on. After a window
   * cut for `lostPackets` lost packets (0: no loss) the flow is in fast recovery until the data
   * outstanding at the cut is acknowledged: the retransmissions go out first (RFC 6675 with
   * PRR), at the flow's rate — its share, at most the cut window per round trip — so the last of
   * them leaves (lost − 1) packet times on and is acknowledged one round trip later. Until then the window holds and a loss does not cut
   * it again (one decrease per recovery); its law runs from the recovery's end.
   */
  private enterAvoidance(f: number, lostPackets = 0): void {
    const t = this.t;
    if (t.timer[f] >= 0) this.sim.cancel(t.timer[f]);
    if (t.phase[f] !== Phase.Avoidance) this.ports.cross(f, true);
    t.phase[f] = Phase.Avoidance;
    const now = this.sim.nowS;
    const rtt = this.rttNow(f);
    const lost = Math.max(0, Math.round(lostPackets));
    let end = now;
    if (lost > 0) {
      // The retransmissions leave at the flow's rate: its share of the port that drops, at most the cut window per round trip.
      const windowBps = (t.cwnd[f] * t.packetBytes[f]) / rtt;
      const share = this.network.rateOf(f);
      const bps = share > 0 ? Math.min(share, windowBps) : windowBps;
      end = now + rtt + ((lost - 1) * t.packetBytes[f]) / bps;
    }
    t.recoveryEndS[f] = end;
    // Its retransmissions leave until one round trip before then, and cross its ports within a base round trip after.
    t.retxUntilS[f] = lost > 0 ? end - rtt + t.baseRttS[f] : now;
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
        this.alphaStep(f);
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
   * DCTCP flow `f`, settled at a marking port, brings its α up to now: each window of data moves
   * α by g towards the marked fraction (Alizadeh et al. 2010, eq. 1), which in the port's steady
   * state is α*, so after n round trips α = α* + (α₀ − α*)(1 − g)^n. It tells the queues (the
   * port's sawtooth swings by its flows' α) and comes back one half-life (≈ 10.7 round trips)
   * later, until α is within {@link ALPHA_SETTLED} of α* (then it is α*). A flow no port marks
   * now keeps its α.
   */
  private alphaStep(f: number, fromEvent = false): void {
    const t = this.t;
    const now = this.sim.nowS;
    // One update chain per flow: an event runs only if it is the one pending, a settling flow starts one only if none is.
    if (fromEvent ? t.alphaDueS[f] !== now : !Number.isNaN(t.alphaDueS[f])) return;
    t.alphaDueS[f] = NaN;
    if (t.phase[f] !== Phase.Steady || t.cc[f] !== TcpCc.Dctcp) return;
    const r = this.queues.boundAt(f);
    const target = r >= 0 ? this.queues.steadyAlpha(r) : NaN;
    if (Number.isNaN(target)) return;
    const rtt = this.rttNow(f);
    const gap = (t.alpha[f] - target) * (1 - DCTCP_G) ** ((now - t.alphaAtS[f]) / rtt);
    const settled = Math.abs(gap) < ALPHA_SETTLED;
    t.alpha[f] = settled ? target : target + gap;
    t.alphaAtS[f] = now;
    this.queues.setAlpha(f, t.alpha[f], now);
    if (settled) return;
    const next = now + ALPHA_HALF_LIFE_RTTS * rtt;
    t.alphaDueS[f] = next;
    this.sim.schedule(next, this.kindAlpha, f);
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
