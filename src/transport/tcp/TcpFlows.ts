// TcpFlows: the per-run state of every `tcp` flow — windows, rounds, bursts at ports, marks, losses and timeouts — in typed arrays.
import { grown } from "../../core/grown.js";
import type { RandomStream } from "../../core/randomStream.js";
import type { Simulation } from "../../core/Simulation.js";
import { FlowState, type FlowNetwork, type FlowObserver } from "../../net/FlowNetwork.js";
import { QueueClass, type QueueState } from "../../net/queues/QueueState.js";
import { fifoOverflow } from "../../net/queues/fifoOverflow.js";
import type { Route } from "../../net/Router.js";
import type { Topology } from "../../net/Topology.js";
import type { TcpOptions } from "../TransportSpec.js";
import {
  CUBIC_BETA,
  DCTCP_G,
  HYSTART_LOW_WINDOW,
  RENO_BETA,
  cubicLossMax,
  cubicAdvance,
  renoIncreasePerRtt,
  slowStartFactor,
} from "./CongestionControl.js";

/** Phase of a tcp flow's window. */
const Phase = { None: 0, SlowStart: 1, Avoidance: 2, Steady: 3, Timeout: 4, Done: 5 } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

/** Window growth between two avoidance checks of a window-limited flow: at most 1/4, at least one RTT apart (the cap in between is the window at the middle of the step). */
const STEP_GROWTH = 0.25;
/** Duplicate ACKs that trigger a fast retransmit (RFC 5681). */
const DUPTHRESH = 3;
/** How far ahead a port's next overflow is looked for, seconds (beyond: none is scheduled until the port changes). */
const HORIZON_S = 3600;

/** What a finished tcp transfer paid on top of max-min (flows.csv columns). */
export interface TcpCost {
  /** Seconds of connection set-up before the first byte left (0 on a reused connection). */
  handshakeS: number;
  /** Seconds from the first byte until the window stopped limiting the flow (slow start and any regrowth after it). */
  slowStartS: number;
  /** Seconds the flow's packets waited in queues: in its handshake, before its first byte and in each slow-start round. */
  queueingS: number;
  /** Packets the flow lost (buffer overflow) and sent again. */
  retransmits: number;
  /** Retransmission timeouts the flow waited out. */
  timeouts: number;
}

/** A burst of packets a flow sends in one round, judged with the instant's other bursts at every port of its route. */
interface PendingBurst {
  flow: number;
  packets: number;
  /** Seconds over which its packets arrive (its own train). */
  durationS: number;
  /** Packets of the flow's previous window beyond its pipe, still queued when the burst begins. */
  standing: number;
  /** Bytes of the flow's previous round, whose ACKs clock this one out (0 for a first flight). */
  prevBytes: number;
}

/**
 * The window state machine of every `tcp` flow of a run, shared by the workloads' transports
 * (each keeps only its connection pool). Per flow, in typed arrays: phase, congestion window
 * (segments), Cubic's epoch, DCTCP's α, base RTT, timer. Per port, the loss-based flows it
 * bottlenecks and the time its buffer will next overflow (the transport's per-link state).
 *
 * A flow's life (docs/transport.md has the derivations):
 * - **Handshake**: rounds × RTT now (base RTT plus the queueing delay on the way out and back).
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
 *   share it caps the rate (checked every 1/8 of growth). Once the network binds the flow, the
 *   excess of its window over its share of the pipe waits in the port's queue: a DCTCP flow is
 *   then **steady** (the port keeps DCTCP's sawtooth, QueueState), while a loss-based flow's
 *   window keeps growing into the buffer: the port's queue is the sum of its flows' excess, and
 *   when that reaches the buffer (or K at a marking port, where RED drops what is not ECN-capable)
 *   every loss-based flow bound there loses a packet and cuts its window.
 */
export class TcpFlows implements FlowObserver {
  private cap = 0;
  private phase = new Uint8Array(0);
  private optionIndex = new Int32Array(0);
  private cwnd = new Float64Array(0);
  private wMax = new Float64Array(0);
  private w0 = new Float64Array(0);
  private epochS = new Float64Array(0);
  private lastS = new Float64Array(0);
  private alpha = new Float64Array(0);
  private baseRttS = new Float64Array(0);
  private activeS = new Float64Array(0);
  private userCapBps = new Float64Array(0);
  private timer = new Int32Array(0);
  private port = new Int32Array(0);
  private handshakeS = new Float64Array(0);
  private growthEndS = new Float64Array(0);
  private queueingS = new Float64Array(0);
  private retransmits = new Int32Array(0);
  private timeouts = new Int32Array(0);
  /** Timeouts in a row without a delivered round since (the RTO doubles with each, RFC 6298 §5.5). */
  private backoff = new Int32Array(0);
  /** Slow-start loss state: 0 none; 1 lost in the last round; 2 its duplicate ACKs are on their way; 3 retransmitting. */
  private lossAge = new Uint8Array(0);
  /** Packets lost and not yet sent again. */
  private lostPackets = new Float64Array(0);
  /** Packets of the last burst that did not get through (they raise no ACK, so they do not grow the window). */
  private lostLast = new Float64Array(0);
  /** Packets of the last slow-start round that came back marked (DCTCP), to react to one RTT later. */
  private markedLast = new Float64Array(0);
  /** The least RTT the flow has seen, seconds (HyStart's delayMin). */
  private minRttS = new Float64Array(0);
  private readonly options: TcpOptions[] = [];
  private readonly done: Array<((flow: number, cwndSegments: number) => void) | undefined> = [];
  private readonly kindRound: number;
  private readonly kindStep: number;
  private readonly kindResume: number;
  private readonly kindOverflow: number;
  private pending: PendingBurst[] = [];
  /** Loss-based flows in avoidance bound at each port. */
  private readonly portFlows = new Map<number, Set<number>>();
  /** Loss-based flows in avoidance crossing each port, bound there or not: an overflow there drops their packets too. */
  private readonly crossing = new Map<number, Set<number>>();
  /** Each port's pending overflow event. */
  private readonly portTimer = new Map<number, number>();
  private readonly dirtyPorts = new Set<number>();

  constructor(
    private readonly sim: Simulation,
    private readonly network: FlowNetwork,
    private readonly queues: QueueState,
    private readonly topology: Topology,
    private readonly random: RandomStream,
  ) {
    this.kindRound = sim.registerHandler((f) => this.round(f));
    this.kindStep = sim.registerHandler((f) => this.step(f));
    this.kindResume = sim.registerHandler((f) => this.resume(f));
    this.kindOverflow = sim.registerHandler((r) => this.overflow(r));
    this.grow(1024);
    network.observe(this);
  }

  /** Index of `options` in this run's table (each workload's transport registers its own once). */
  addOptions(options: TcpOptions): number {
    return this.options.push(options) - 1;
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
    const o = this.options[optionIndex];
    const now = this.sim.nowS;
    const packetBytes = o.mssBytes + o.headerBytes;
    const segments = Math.max(1, Math.ceil(sizeBytes / o.mssBytes));
    const wireBytes = sizeBytes + segments * o.headerBytes;
    // A data round trip: a full packet out, an ACK (headers only) back.
    const baseRtt = this.baseRtt(route, packetBytes, o.headerBytes);
    const qOut = this.queues.pathDelayS(route.resources);
    const qBack = this.queues.reversePathDelayS(route.resources);
    const rtt = baseRtt + qOut + qBack;
    // Handshake segments carry no payload: their round trip serialises headers only.
    const handshakeS = handshakeRounds * (this.baseRtt(route, o.headerBytes, o.headerBytes) + qOut + qBack);
    const firstByteDelayS = extraDelayS + handshakeS + qOut + this.storeAndForwardS(route, Math.min(packetBytes, wireBytes));
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
      onComplete: (f) => this.finish(f),
    });
    if (flow >= this.cap) this.grow(Math.max(flow + 1, 2 * this.cap));
    this.optionIndex[flow] = optionIndex;
    this.cwnd[flow] = w;
    this.wMax[flow] = 0;
    this.w0[flow] = w;
    this.epochS[flow] = NaN;
    this.alpha[flow] = 1;
    this.baseRttS[flow] = baseRtt;
    this.userCapBps[flow] = userCap;
    this.handshakeS[flow] = handshakeS;
    this.queueingS[flow] = handshakeRounds * (qOut + qBack) + qOut;
    this.retransmits[flow] = 0;
    this.timeouts[flow] = 0;
    this.backoff[flow] = 0;
    this.lossAge[flow] = 0;
    this.lostPackets[flow] = 0;
    this.lostLast[flow] = 0;
    this.markedLast[flow] = 0;
    this.minRttS[flow] = Infinity;
    this.port[flow] = -1;
    this.done[flow] = onDone;
    const activeS = now + firstByteDelayS + route.latencyS;
    this.activeS[flow] = activeS;
    this.lastS[flow] = activeS;
    this.growthEndS[flow] = NaN;
    this.queues.register(flow, this.queueClass(o), baseRtt, packetBytes);
    if (initialCap !== userCap) this.network.setFlowCap(flow, initialCap);
    if (!(rtt > 0) || w >= windowSegs) {
      this.phase[flow] = Phase.Steady;
      this.growthEndS[flow] = activeS;
      this.timer[flow] = -1;
    } else {
      this.phase[flow] = Phase.SlowStart;
      // The first flight is a burst at the sender's line rate, offered to the ports when it arrives.
      this.timer[flow] = this.sim.schedule(activeS, this.kindRound, flow);
    }
    return flow;
  }

  /** What a flow paid (flows.csv), or undefined for a flow that is not tcp. */
  costOf(flow: number): TcpCost | undefined {
    if (flow >= this.cap || this.phase[flow] === Phase.None) return undefined;
    const end = Number.isNaN(this.growthEndS[flow]) ? this.network.finishOf(flow) : this.growthEndS[flow];
    return {
      handshakeS: this.handshakeS[flow],
      slowStartS: Math.max(0, (Number.isNaN(end) ? this.sim.nowS : end) - this.activeS[flow]),
      queueingS: this.queueingS[flow],
      retransmits: this.retransmits[flow],
      timeouts: this.timeouts[flow],
    };
  }

  /** @inheritdoc */
  rateChanged(f: number, _oldRateBps: number, newRateBps: number, bottleneck: number): void {
    if (f >= this.cap) return;
    const phase = this.phase[f];
    if (phase !== Phase.Avoidance && phase !== Phase.Steady) return;
    const at = newRateBps > 0 && bottleneck >= 0 ? bottleneck : -1;
    const o = this.options[this.optionIndex[f]];
    if (phase === Phase.Avoidance && at !== this.port[f] && (at < 0 || this.tracksWindow(f, at))) {
      if (at >= 0) this.joinPort(f, at);
      else this.leavePort(f);
    }
    // Limited by its own window again (its share grew): grow towards it.
    if (at < 0 && newRateBps > 0 && this.timer[f] < 0 && this.network.capOf(f) < this.userCapBps[f]) {
      if (phase === Phase.Steady && o.cc === "dctcp") {
        this.phase[f] = Phase.Avoidance;
        this.lastS[f] = this.sim.nowS;
      }
      if (this.phase[f] === Phase.Avoidance) this.timer[f] = this.sim.schedule(this.sim.nowS + this.rttNow(f), this.kindStep, f);
    }
  }

  /** @inheritdoc */
  solved(): void {
    if (this.pending.length > 0) this.processBursts();
    if (this.dirtyPorts.size === 0) return;
    for (const r of this.dirtyPorts) this.updatePort(r);
    this.dirtyPorts.clear();
  }

  /**
   * Base round-trip time of `route` for a packet of `outBytes` answered by one of `backBytes`:
   * twice its latency plus both packets' serialisation at every hop.
   */
  private baseRtt(route: Route, outBytes: number, backBytes: number): number {
    let serial = 0;
    const channels = this.topology.channelCount;
    for (let i = 0; i < route.resources.length; i++) {
      const r = route.resources[i];
      if (r < channels) serial += (outBytes + backBytes) / this.network.capacityOf(r);
    }
    return 2 * route.latencyS + serial;
  }

  /** Store-and-forward of the last packet: its serialisation at every channel but the slowest (that one is in the drain). */
  private storeAndForwardS(route: Route, packetBytes: number): number {
    let sum = 0;
    let worst = 0;
    const channels = this.topology.channelCount;
    for (let i = 0; i < route.resources.length; i++) {
      const r = route.resources[i];
      if (r >= channels) continue;
      const t = packetBytes / this.network.capacityOf(r);
      sum += t;
      if (t > worst) worst = t;
    }
    return sum - worst;
  }

  private queueClass(o: TcpOptions): QueueClass {
    return o.cc === "dctcp" ? QueueClass.Dctcp : o.cc === "newreno" ? QueueClass.NewReno : QueueClass.Cubic;
  }

  /** RTT of `flow` now: base plus queueing both ways. */
  private rttNow(f: number): number {
    const res = this.network.routeOf(f).resources;
    return this.baseRttS[f] + this.queues.pathDelayS(res) + this.queues.reversePathDelayS(res);
  }

  /** One slow-start round trip of flow `f` ends (or its first flight arrives). */
  private round(f: number): void {
    this.timer[f] = -1;
    if (this.network.stateOf(f) !== FlowState.Active || this.phase[f] !== Phase.SlowStart) return;
    const o = this.options[this.optionIndex[f]];
    const packet = o.mssBytes + o.headerBytes;
    const rtt = this.rttNow(f);
    const first = Number.isNaN(this.epochS[f]);
    if (!first) {
      this.queueingS[f] += rtt - this.baseRttS[f];
      // A round trip came back: the retransmission got through.
      this.backoff[f] = 0;
    }
    this.epochS[f] = this.sim.nowS;
    // A loss in a round is told by the duplicate ACKs that the next round's packets raise, so
    // one more round goes out first; then fast recovery: the window is cut and the lost
    // packets go out again.
    if (this.lossAge[f] === 2) {
      this.recover(f);
      return;
    }
    if (this.lossAge[f] === 1) this.lossAge[f] = 2;
    // DCTCP: the marks of the last round come back with its ACKs; the window answers once.
    if (this.markedLast[f] > 0) {
      this.answerMarks(f);
      return;
    }
    const w = this.cwnd[f];
    const remaining = this.network.remainingOf(f) / packet;
    // The first flight leaves at line rate. Each later round sends the grown window while the
    // previous round's ACKs return at the ACK clock (every delivered packet raises one, a lost one
    // none), so a port draining at that clock queues the growth on top of what the previous
    // window already kept beyond the pipe.
    const g = slowStartFactor(o.cc, o.delayedAck);
    const next = first ? w : Math.min(w + Math.max(0, w - this.lostLast[f]) * (g - 1), o.windowBytes / o.mssBytes);
    this.lostLast[f] = 0;
    const arrivals = Math.min(next, remaining);
    const clock = this.clockRate(f);
    const trainS = (w * packet) / clock;
    const durationS = first ? (arrivals * packet) / this.lineRate(f) : trainS;
    const standing = first ? 0 : Math.max(0, w - (clock * this.baseRttS[f]) / packet);
    this.cwnd[f] = next;
    if (arrivals > 0) this.offerBurst(f, arrivals, durationS, standing, first ? 0 : w * packet);
    if (o.cc === "cubic" && !first && this.hyStartExits(f, next, rtt, trainS)) {
      this.enterAvoidance(f);
      return;
    }
    this.minRttS[f] = Math.min(this.minRttS[f], rtt);
    this.applyWindow(f, rtt);
    this.timer[f] = this.sim.schedule(this.sim.nowS + rtt, this.kindRound, f);
  }

  /**
   * Cubic's HyStart as ns-3 3.37 implements it (TcpCubic::HystartUpdate, with the window at
   * least HyStartLowWindow = 16): slow start ends when the round's ACK train lasts longer than
   * the least RTT seen (the window fills the pipe), when the RTT rose above the least by
   * clamp(least RTT, 4 ms, 1 s), or — ns-3 measuring the train from the previous round's start
   * whenever ACKs never pause for 2 ms (HyStartAckDelta) — when any queueing delay appeared
   * since the least RTT on a path whose round trip exceeds the train by less than 2 ms.
   */
  private hyStartExits(f: number, w: number, rtt: number, trainS: number): boolean {
    if (w < HYSTART_LOW_WINDOW) return false;
    const least = this.minRttS[f];
    if (!Number.isFinite(least)) return false;
    if (trainS > least) return true;
    if (rtt > least + Math.min(1, Math.max(0.004, least))) return true;
    return rtt - trainS <= 0.002 && rtt > least * (1 + 1e-9);
  }

  /** Rate at which flow `f`'s ACKs come back: its share where the network binds it, else its route's slowest channel. */
  private clockRate(f: number): number {
    const rate = this.network.rateOf(f);
    return this.queues.boundAt(f) >= 0 && rate > 0 ? rate : this.lineRate(f);
  }

  /** Capacity in force of flow `f`'s slowest channel, bytes/s. */
  private lineRate(f: number): number {
    const res = this.network.routeOf(f).resources;
    const channels = this.topology.channelCount;
    let min = Infinity;
    for (let i = 0; i < res.length; i++) if (res[i] < channels) min = Math.min(min, this.network.capacityOf(res[i]));
    return min;
  }

  /**
   * Queue `packets` of flow `f` arriving over `durationS` at every channel of its route, on top
   * of `standing` of its own already queued; judged with the instant's other bursts.
   */
  private offerBurst(f: number, packets: number, durationS: number, standing: number, prevBytes: number): void {
    this.pending.push({ flow: f, packets, durationS, standing, prevBytes });
    // Judged at the end of this instant's solve, with every other burst of the instant.
    this.network.requestSolve();
  }

  /**
   * Judge the bursts of this instant port by port: arrivals beyond what the port drains while
   * they arrive and its headroom (limit minus the standing queue) overflow, as a share of every
   * burst there. At an ECN port DCTCP's packets above K are marked; the others' are dropped
   * there (RED); everyone's above the buffer are dropped. A flow takes its worst port.
   */
  private processBursts(): void {
    const bursts = this.pending;
    this.pending = [];
    const channels = this.topology.channelCount;
    const verdicts = new Map<PendingBurst, { share: number; port: number; marked: number; markPort: number }>();
    if (bursts.length === 1) {
      // The common case: one burst alone at this instant, judged on its own route.
      const res = this.network.routeOf(bursts[0].flow).resources;
      for (let i = 0; i < res.length; i++) if (res[i] < channels) this.judgePort(res[i], bursts, verdicts);
    } else {
      const byPort = new Map<number, PendingBurst[]>();
      for (const b of bursts) {
        const res = this.network.routeOf(b.flow).resources;
        for (let i = 0; i < res.length; i++) {
          const r = res[i];
          if (r >= channels) continue;
          let list = byPort.get(r);
          if (!list) byPort.set(r, (list = []));
          list.push(b);
        }
      }
      for (const [r, list] of byPort) this.judgePort(r, list, verdicts);
    }
    // Flows whose retransmissions all got through are out of recovery.
    for (const b of bursts) {
      if (this.lossAge[b.flow] === 3 && !((verdicts.get(b)?.share ?? 0) > 0)) {
        this.lossAge[b.flow] = 0;
        this.lostPackets[b.flow] = 0;
      }
    }
    if (verdicts.size === 0) return;
    // Bursts in flow order, so the draws from the stream do not depend on map order.
    const judged = [...verdicts.entries()].sort((a, b) => a[0].flow - b[0].flow);
    for (const [b, v] of judged) {
      if (v.share > 0) this.onBurstLoss(b.flow, b.packets, v.share, v.port);
      else if (v.marked > 0) {
        this.queues.mark(v.markPort, v.marked, this.sim.nowS);
        this.onMarks(b.flow, v.marked);
      }
    }
  }

  /** Judge port `r` with the `list` of bursts crossing it; record each burst's worst drop share and marks in `verdicts`. */
  private judgePort(r: number, list: PendingBurst[], verdicts: Map<PendingBurst, { share: number; port: number; marked: number; markPort: number }>): void {
    let arrivals = 0;
    let bytes = 0;
    let own = 0;
    let clocked = 0;
    let longest = 0;
    for (const b of list) {
      arrivals += b.packets;
      own += b.standing;
      clocked += b.prevBytes;
      if (b.durationS > longest) longest = b.durationS;
      const o = this.options[this.optionIndex[b.flow]];
      bytes += b.packets * (o.mssBytes + o.headerBytes);
    }
    if (!(arrivals > 0)) return;
    const settings = this.queues.settings;
    const packet = bytes / arrivals;
    // The bursts arrive over the longest of their own trains, or longer where their previous
    // rounds shared this port: their ACKs then came back one port-time after another.
    const capacity = this.network.capacityOf(r);
    const drain = (capacity * Math.max(longest, clocked / capacity)) / packet;
    const standing = this.queues.queueBytes(r) / packet + own;
    const buffer = settings.bufferBytes[r] / packet;
    const k = settings.ecnThresholdBytes[r] / packet;
    const overBuffer = (arrivals - drain - Math.max(0, buffer - standing)) / arrivals;
    const overK = k > 0 ? (arrivals - drain - Math.max(0, k - standing)) / arrivals : 0;
    if (overBuffer <= 0 && overK <= 0) return;
    // Some packets overflow: which, is the FIFO's to say. The bursts arrive within the span, each
    // over its own train starting at a drawn offset; the port fills, marks above K, and once full
    // drops what arrives beyond its drain, from the bursts arriving then, in proportion to their
    // rates. Late bursts lose the most: with a large overflow every burst loses its tail, with a
    // small one a few late ones lose all (a drop-tail FIFO's lock-out).
    const ecnAll = list.every((b) => this.options[this.optionIndex[b.flow]].cc === "dctcp");
    const limit = ecnAll || !(k > 0) ? buffer : Math.min(k, buffer);
    // The bursts reach the port through the channels before it on their routes: together they
    // carry at most the sum of those channels' capacities, which spreads the arrivals out.
    const feeds = new Set<number>();
    for (const b of list) {
      const res = this.network.routeOf(b.flow).resources;
      const at = res.indexOf(r);
      if (at > 0 && res[at - 1] < this.topology.channelCount) feeds.add(res[at - 1]);
    }
    let feedBps = 0;
    for (const c of feeds) feedBps += this.network.capacityOf(c);
    const spanS = Math.max(longest, clocked / capacity, feedBps > 0 ? bytes / feedBps : 0);
    const { dropped, marked } = fifoOverflow(list, spanS, capacity / packet, standing, limit, k > 0 ? k : Infinity, this.random);
    for (let i = 0; i < list.length; i++) {
      const b = list[i];
      const ecn = this.options[this.optionIndex[b.flow]].cc === "dctcp";
      const share = Math.min(1, dropped[i] / b.packets);
      const m = ecn ? Math.min(b.packets, marked[i]) : 0;
      if (!(share > 0) && !(m > 0)) continue;
      let v = verdicts.get(b);
      if (!v) verdicts.set(b, (v = { share: 0, port: r, marked: 0, markPort: r }));
      if (share > v.share) {
        v.share = share;
        v.port = r;
      }
      if (m > v.marked) {
        v.marked = m;
        v.markPort = r;
      }
    }
  }

  /** DCTCP: `markedPackets` of this round's window will come back with ECE. */
  private onMarks(f: number, markedPackets: number): void {
    if (this.phase[f] !== Phase.SlowStart) return;
    this.markedLast[f] = Math.max(this.markedLast[f], markedPackets);
  }

  /** DCTCP's answer to a marked round: α moves by g towards the marked fraction, the window is cut by α/2, slow start ends. */
  private answerMarks(f: number): void {
    const w = this.cwnd[f];
    const fraction = Math.min(1, this.markedLast[f] / Math.max(1, w));
    this.markedLast[f] = 0;
    this.alpha[f] = (1 - DCTCP_G) * this.alpha[f] + DCTCP_G * fraction;
    this.cwnd[f] = Math.max(2, w * (1 - this.alpha[f] / 2));
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
    const phase = this.phase[f];
    if (phase !== Phase.SlowStart && phase !== Phase.Avoidance) return;
    const o = this.options[this.optionIndex[f]];
    const n = Math.max(1, Math.round(packets));
    const delivered = binomial(this.random, n, 1 - share);
    const lost = n - delivered;
    if (lost === 0) return;
    this.retransmits[f] += lost;
    this.queues.drop(port, lost, this.sim.nowS);
    if (this.lossAge[f] === 3) {
      // Retransmitting: each retransmission is lost with the same share.
      const retx = Math.max(1, Math.round(this.lostPackets[f]));
      this.lossAge[f] = 0;
      this.lostPackets[f] = 0;
      if (binomial(this.random, retx, share) > 0) this.timeout(f);
      return;
    }
    if (phase !== Phase.SlowStart) return;
    const packet = o.mssBytes + o.headerBytes;
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
    this.lostLast[f] += lost;
    this.lostPackets[f] += lost;
    if (this.lossAge[f] === 0) this.lossAge[f] = 1;
  }

  /**
   * Fast recovery after a slow-start loss: the window is cut, and the new window — the lost
   * packets first, then new data — goes out as the last round's ACKs come back (proportional
   * rate reduction, RFC 6937: no faster than the ACK clock). Its packets are judged at the
   * ports like a round's; a retransmission lost there means a timeout.
   */
  private recover(f: number): void {
    const o = this.options[this.optionIndex[f]];
    const packet = o.mssBytes + o.headerBytes;
    const before = this.cwnd[f];
    this.cut(f);
    this.lossAge[f] = 3;
    this.lostLast[f] = 0;
    const burst = Math.min(this.cwnd[f], this.network.remainingOf(f) / packet + this.lostPackets[f]);
    const clock = this.clockRate(f);
    this.offerBurst(f, burst, (before * packet) / clock, 0, before * packet);
    this.enterAvoidance(f);
  }

  /** Multiplicative decrease after a loss: NewReno and DCTCP halve, Cubic keeps 0.7 and remembers W_max. */
  private cut(f: number): void {
    const o = this.options[this.optionIndex[f]];
    const w = this.cwnd[f];
    if (o.cc === "cubic") {
      this.wMax[f] = cubicLossMax(w, this.wMax[f]);
      this.cwnd[f] = Math.max(2, w * CUBIC_BETA);
    } else this.cwnd[f] = Math.max(2, w * RENO_BETA);
  }

  /** Flow `f` waits out a retransmission timeout, then restarts slow start from one segment. */
  private timeout(f: number): void {
    const o = this.options[this.optionIndex[f]];
    this.timeouts[f]++;
    if (this.timer[f] >= 0) this.sim.cancel(this.timer[f]);
    this.leavePort(f);
    // RFC 6298 with one RTT sample: RTO = SRTT + 4·RTTVAR = 3 RTT, never below min RTO, doubled per timeout in a row.
    const rto = Math.max(o.minRtoS, this.rttNow(f) * 3) * 2 ** Math.min(this.backoff[f], 6);
    this.backoff[f]++;
    if (o.cc === "cubic") this.wMax[f] = cubicLossMax(this.cwnd[f], this.wMax[f]);
    if (this.phase[f] === Phase.Avoidance) this.cross(f, false);
    this.phase[f] = Phase.Timeout;
    this.cwnd[f] = 1;
    this.lossAge[f] = 0;
    this.lostPackets[f] = 0;
    this.lostLast[f] = 0;
    this.markedLast[f] = 0;
    this.network.setFlowCap(f, 0);
    this.timer[f] = this.sim.schedule(this.sim.nowS + rto, this.kindResume, f);
  }

  /** After a timeout: slow start again from one segment, its first flight the lost packets. */
  private resume(f: number): void {
    this.timer[f] = -1;
    if (this.network.stateOf(f) !== FlowState.Active || this.phase[f] !== Phase.Timeout) return;
    this.phase[f] = Phase.SlowStart;
    this.epochS[f] = NaN;
    this.round(f);
  }

  /** Leave slow start into congestion avoidance: the window law runs from now, checked one RTT on. */
  private enterAvoidance(f: number): void {
    if (this.timer[f] >= 0) this.sim.cancel(this.timer[f]);
    if (this.phase[f] !== Phase.Avoidance) this.cross(f, true);
    this.phase[f] = Phase.Avoidance;
    const now = this.sim.nowS;
    this.lastS[f] = now;
    this.epochS[f] = now;
    this.w0[f] = this.cwnd[f];
    const rtt = this.rttNow(f);
    this.applyWindow(f, rtt);
    this.timer[f] = this.sim.schedule(now + rtt, this.kindStep, f);
  }

  /** Add flow `f` to (or take it off) the crossing lists of the ports of its route where its window is tracked. */
  private cross(f: number, on: boolean): void {
    const res = this.network.routeOf(f).resources;
    const channels = this.topology.channelCount;
    for (let i = 0; i < res.length; i++) {
      const r = res[i];
      if (r >= channels || !this.tracksWindow(f, r)) continue;
      let set = this.crossing.get(r);
      if (on) {
        if (!set) this.crossing.set(r, (set = new Set()));
        set.add(f);
      } else if (set) {
        set.delete(f);
        if (set.size === 0) this.crossing.delete(r);
      }
    }
  }

  /** The window flow `f` in avoidance has at `t` (its law from its last update), segments. */
  private windowAt(f: number, t: number, rtt: number): number {
    const o = this.options[this.optionIndex[f]];
    const windowSegs = o.windowBytes / o.mssBytes;
    let w: number;
    if (o.cc === "cubic") w = cubicAdvance({ wMax: this.wMax[f], w0: this.w0[f] }, this.cwnd[f], this.lastS[f] - this.epochS[f], t - this.lastS[f], rtt);
    else w = this.cwnd[f] + (renoIncreasePerRtt(o.cc, o.delayedAck) * Math.max(0, t - this.lastS[f])) / rtt;
    return Math.min(w, windowSegs);
  }

  /** Congestion avoidance of a window-limited flow: grow its cap, or hand it to the port that now binds it. */
  private step(f: number): void {
    this.timer[f] = -1;
    if (this.network.stateOf(f) !== FlowState.Active || this.phase[f] !== Phase.Avoidance) return;
    const o = this.options[this.optionIndex[f]];
    const now = this.sim.nowS;
    const rtt = this.rttNow(f);
    const w = this.windowAt(f, now, rtt);
    this.cwnd[f] = w;
    this.lastS[f] = now;
    const windowSegs = o.windowBytes / o.mssBytes;
    if (w >= windowSegs) {
      this.settle(f, rtt);
      return;
    }
    const bound = this.queues.boundAt(f);
    if (bound >= 0) {
      // Bound by the network: DCTCP settles into its port's sawtooth; a loss-based flow's port tracks it.
      if (this.tracksWindow(f, bound)) this.joinPort(f, bound);
      else this.settle(f, rtt);
      return;
    }
    const ahead = this.windowAt(f, now + rtt, rtt) - w;
    const rtts = ahead > 0 ? Math.min(1000, Math.max(1, (STEP_GROWTH * w) / ahead)) : 1000;
    // Until the next check the cap is the window half-way there, so the bytes sent match the growing window's.
    this.applyWindow(f, rtt, this.windowAt(f, now + (rtts * rtt) / 2, rtt));
    this.timer[f] = this.sim.schedule(now + rtts * rtt, this.kindStep, f);
  }

  /** The window no longer limits flow `f`: its cap is the window limit, and no timer runs. */
  private settle(f: number, rtt: number): void {
    const o = this.options[this.optionIndex[f]];
    if (this.phase[f] === Phase.Avoidance) this.cross(f, false);
    this.phase[f] = Phase.Steady;
    if (Number.isNaN(this.growthEndS[f])) this.growthEndS[f] = this.sim.nowS;
    this.network.setFlowCap(f, Math.min(this.userCapBps[f], o.windowBytes / rtt));
  }

  /** Cap flow `f` at `w`/RTT (default its window), or lift the cap for the burst that can finish it (within its window, at line rate). */
  private applyWindow(f: number, rtt: number, w = this.cwnd[f]): void {
    const o = this.options[this.optionIndex[f]];
    const packet = o.mssBytes + o.headerBytes;
    const last = this.network.remainingOf(f) <= Math.min(w * packet, o.windowBytes);
    this.network.setFlowCap(f, last ? this.userCapBps[f] : Math.min(this.userCapBps[f], o.windowBytes / rtt, (w * packet) / rtt));
  }

  /**
   * Whether port `r` tracks flow `f`'s window once it binds it: loss-based flows everywhere, and
   * DCTCP where the port does not mark (it then only ever meets losses); DCTCP at a marking port
   * settles into the port's DCTCP sawtooth instead.
   */
  private tracksWindow(f: number, r: number): boolean {
    return this.options[this.optionIndex[f]].cc !== "dctcp" || !(this.queues.settings.ecnThresholdBytes[r] > 0);
  }

  /** Take flow `f` off its port's list (its port re-judged at the end of the solve). */
  private leavePort(f: number): void {
    const r = this.port[f];
    if (r < 0) return;
    this.portFlows.get(r)?.delete(f);
    this.port[f] = -1;
    this.dirtyPorts.add(r);
  }

  /** Put loss-based flow `f` on port `r`'s list: from now on the port tracks its window. */
  private joinPort(f: number, r: number): void {
    if (this.port[f] === r) return;
    this.leavePort(f);
    let set = this.portFlows.get(r);
    if (!set) this.portFlows.set(r, (set = new Set()));
    set.add(f);
    this.port[f] = r;
    this.dirtyPorts.add(r);
    if (Number.isNaN(this.growthEndS[f])) this.growthEndS[f] = this.sim.nowS;
    if (this.timer[f] >= 0) this.sim.cancel(this.timer[f]);
    this.timer[f] = -1;
  }

  /** Limit at which port `r` loses loss-based flows' packets: its buffer, or K where it marks (RED drops what cannot be marked). */
  private lossLimitBytes(r: number): number {
    const s = this.queues.settings;
    const k = s.ecnThresholdBytes[r];
    return k > 0 ? Math.min(k, s.bufferBytes[r]) : s.bufferBytes[r];
  }

  /**
   * Re-judge port `r`: its loss-based flows' windows now, the queue they keep, and when it will
   * overflow — predicted from the queue's growth rate now (exact for NewReno's linear growth;
   * with Cubic, whose growth can speed up, checked again half-way), and verified when due.
   */
  private updatePort(r: number): void {
    const old = this.portTimer.get(r);
    if (old !== undefined) this.sim.cancel(old);
    this.portTimer.delete(r);
    const flows = this.portFlows.get(r);
    const now = this.sim.nowS;
    if (!flows || flows.size === 0) {
      this.portFlows.delete(r);
      this.queues.setReported(r, 0, now);
      return;
    }
    let queue = 0;
    let growthBps = 0;
    let minRtt = Infinity;
    let cubic = false;
    for (const f of flows) {
      const o = this.options[this.optionIndex[f]];
      const rtt = this.rttNow(f);
      if (rtt < minRtt) minRtt = rtt;
      const w = this.windowAt(f, now, rtt);
      this.cwnd[f] = w;
      this.lastS[f] = now;
      const packet = o.mssBytes + o.headerBytes;
      queue += Math.max(0, w * packet - this.network.rateOf(f) * this.baseRttS[f]);
      growthBps += ((this.windowAt(f, now + rtt, rtt) - w) * packet) / rtt;
      if (o.cc === "cubic") cubic = true;
    }
    const limit = this.lossLimitBytes(r);
    this.queues.setReported(r, Math.min(queue, limit), now);
    let hit = now;
    if (queue < limit) {
      if (!(growthBps > 0)) return;
      const dt = (limit - queue) / growthBps;
      if (dt > HORIZON_S) return;
      hit = now + Math.max(minRtt, cubic ? dt / 2 : dt);
    }
    this.portTimer.set(r, this.sim.schedule(hit, this.kindOverflow, r));
  }

  /** The queue port `r`'s loss-based flows keep now, bytes (their windows' excess over their shares of the pipe). */
  private portQueueNow(r: number, flows: Set<number>): number {
    const now = this.sim.nowS;
    let queue = 0;
    for (const f of flows) {
      const o = this.options[this.optionIndex[f]];
      queue += Math.max(0, this.windowAt(f, now, this.rttNow(f)) * (o.mssBytes + o.headerBytes) - this.network.rateOf(f) * this.baseRttS[f]);
    }
    return queue;
  }

  /** Port `r`'s buffer overflows: every loss-based flow it binds loses a packet and cuts its window. */
  private overflow(r: number): void {
    this.portTimer.delete(r);
    const flows = this.portFlows.get(r);
    if (!flows || flows.size === 0) return;
    // A predicted overflow that has not come yet (growth slowed): predict again.
    if (this.portQueueNow(r, flows) < this.lossLimitBytes(r) * (1 - 1e-9)) {
      this.updatePort(r);
      return;
    }
    const now = this.sim.nowS;
    // The full buffer drops the packets of every loss-based flow in avoidance that arrive while
    // it is full: those the port binds, and those it carries at a window-limited rate.
    const members = [...new Set([...flows, ...(this.crossing.get(r) ?? [])])].sort((a, b) => a - b);
    this.queues.drop(r, members.length, now);
    for (const f of members) {
      if (this.phase[f] !== Phase.Avoidance) continue;
      const rtt = this.rttNow(f);
      this.cwnd[f] = this.windowAt(f, now, rtt);
      this.retransmits[f]++;
      flows.delete(f);
      if (this.port[f] === r) this.port[f] = -1;
      else this.leavePort(f);
      if (this.cwnd[f] < DUPTHRESH + 1) {
        this.timeout(f);
        continue;
      }
      this.cut(f);
      this.enterAvoidance(f);
    }
    this.updatePort(r);
  }

  private finish(f: number): void {
    if (this.timer[f] >= 0) this.sim.cancel(this.timer[f]);
    this.timer[f] = -1;
    if (Number.isNaN(this.growthEndS[f])) this.growthEndS[f] = this.sim.nowS;
    if (this.phase[f] === Phase.Avoidance) this.cross(f, false);
    this.phase[f] = Phase.Done;
    const r = this.port[f];
    if (r >= 0) {
      this.portFlows.get(r)?.delete(f);
      this.port[f] = -1;
      this.dirtyPorts.add(r);
    }
    const cb = this.done[f];
    this.done[f] = undefined;
    cb?.(f, this.cwnd[f]);
  }

  private grow(n: number): void {
    this.phase = grown(this.phase, n);
    this.optionIndex = grown(this.optionIndex, n);
    this.cwnd = grown(this.cwnd, n);
    this.wMax = grown(this.wMax, n);
    this.w0 = grown(this.w0, n);
    this.epochS = grown(this.epochS, n);
    this.lastS = grown(this.lastS, n);
    this.alpha = grown(this.alpha, n);
    this.baseRttS = grown(this.baseRttS, n);
    this.activeS = grown(this.activeS, n);
    this.userCapBps = grown(this.userCapBps, n);
    this.timer = grown(this.timer, n, -1);
    this.port = grown(this.port, n, -1);
    this.handshakeS = grown(this.handshakeS, n);
    this.growthEndS = grown(this.growthEndS, n);
    this.queueingS = grown(this.queueingS, n);
    this.retransmits = grown(this.retransmits, n);
    this.timeouts = grown(this.timeouts, n);
    this.backoff = grown(this.backoff, n);
    this.lossAge = grown(this.lossAge, n);
    this.lostPackets = grown(this.lostPackets, n);
    this.lostLast = grown(this.lostLast, n);
    this.markedLast = grown(this.markedLast, n);
    this.minRttS = grown(this.minRttS, n);
    this.cap = n;
  }
}

/** A draw from Binomial(n, p): exact by counting for small n, the nearest integer of a normal approximation above 64. */
function binomial(random: RandomStream, n: number, p: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return n;
  if (n <= 64) {
    let k = 0;
    for (let i = 0; i < n; i++) if (random() < p) k++;
    return k;
  }
  // Box–Muller from two uniforms.
  const u = Math.max(random(), Number.MIN_VALUE);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  return Math.min(n, Math.max(0, Math.round(n * p + z * Math.sqrt(n * p * (1 - p)))));
}

