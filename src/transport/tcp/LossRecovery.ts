// LossRecovery: how a tcp flow answers its losses — fast retransmit and recovery, retransmissions lost again, and retransmission timeouts.
import type { RandomStream } from "../../core/randomStream.js";
import type { Simulation } from "../../core/Simulation.js";
import { FlowState, type FlowNetwork } from "../../net/FlowNetwork.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import { binomial } from "./binomial.js";
import type { Burst } from "./BurstJudge.js";
import { cutWindow } from "./cutWindow.js";
import { DUPTHRESH, burstLossTold, cwrLossTold, fifoBurstLossTold, windowLossTold } from "./dupAcksTell.js";
import type { LossPorts } from "./LossPorts.js";
import { recoveryBurst, retransmissionLoss } from "./recoveryBurst.js";
import { restoreWeight, weighByWindow } from "./recoveryShare.js";
import { restoreDctcpShare } from "./dctcpShare.js";
import { prrCatchUp } from "./prrCatchUp.js";
import { retransmissionTimeoutS } from "./retransmissionTimeoutS.js";
import { rtoSsthresh } from "./rtoSsthresh.js";
import { TcpCc, TcpPhase as Phase, type TcpFlowTable } from "./TcpFlowTable.js";

/** What {@link LossRecovery} asks of the flows' window machine ({@link TcpFlows}). */
export interface RecoveryWindow {
  /** RTT of flow `f` now: base plus queueing both ways. */
  rttNow(f: number): number;
  /** Rate at which flow `f`'s ACKs come back, bytes/s. */
  clockRate(f: number): number;
  /** A slow-start round trip of flow `f` (the first after a timeout). */
  round(f: number): void;
  /**
   * Flow `f` enters congestion avoidance, in a fast recovery for `lostPackets` lost packets (0:
   * none), behind a full drop-tail buffer that adds `fullBufferS` to its round trip (0: none).
   */
  enterAvoidance(f: number, lostPackets?: number, fullBufferS?: number): void;
  /** A burst of flow `f` offered to the ports of its route, judged with the instant's others. */
  offerBurst(f: number, packets: number, durationS: number, standing: number, prevBytes: number): void;
  /** Flow `f` sent all it had: the round trip that tells its last flight's losses or marks (sent at `sentS`) comes after all. */
  awaitRound(f: number, sentS?: number): void;
}

/**
 * The losses of every tcp flow of a run ({@link TcpFlowTable}'s `lossAge`, `lostPackets`,
 * `lostLast`, `retxPort`, `retxUntilS`, `backoff`): which packets of a burst that overflowed a
 * port survive (drawn, in the order the bursts are judged, from the run's loss stream), whether
 * three duplicate ACKs tell the loss ({@link burstLossTold}, {@link windowLossTold}) or only
 * the RTO does, the window cut and fast recovery that follow, retransmissions lost again at a
 * port that overflows meanwhile, the trains of window-limited flows that bursts overflowing a
 * drop-tail port meet (drawn from their own `tcp.phases` stream), and the retransmission timeout
 * after which slow start resumes from one segment. The window machine that owns it
 * ({@link TcpFlows}) registers the resume event (`kindResume`) and routes it to {@link resume}.
 */
export class LossRecovery {
  constructor(
    private readonly sim: Simulation,
    private readonly network: FlowNetwork,
    private readonly queues: QueueState,
    private readonly t: TcpFlowTable,
    private readonly ports: LossPorts,
    private readonly random: RandomStream,
    private readonly kindResume: number,
    private readonly window: RecoveryWindow,
    private readonly phases: RandomStream,
  ) {}

  /** This instant's judged `bursts`: a flow in recovery whose burst lost nothing has all its retransmissions through, and is out of recovery. */
  retransmitted(bursts: readonly Burst[]): void {
    const t = this.t;
    for (let i = 0; i < bursts.length; i++) {
      const b = bursts[i];
      // A flow done since it sent its burst has no slot (and nothing left to recover).
      const s = t.slotOf[b.flow];
      if (s >= 0 && t.lossAge[s] === 3 && !(b.share > 0)) {
        t.lossAge[s] = 0;
        t.lostPackets[s] = 0;
      }
    }
  }

  /**
   * Bursts overflowing the saturated drop-tail ports `overflowPorts` (dropping `overflowShares`
   * of their arrivals) drop what arrives meanwhile, the fast retransmissions of their avoidance
   * flows too: each on its way is lost at the port's drop share, and then only the RTO recovers it.
   */
  overflowed(overflowPorts: readonly number[], overflowShares: readonly number[]): void {
    const t = this.t;
    const now = this.sim.nowS;
    for (let i = 0; i < overflowPorts.length; i++) {
      const r = overflowPorts[i];
      for (const f of this.ports.crossingOf(r)) {
        const s = t.slotOf[f];
        if (t.retxPort[s] !== r || !(now <= t.retxUntilS[s]) || t.phase[f] !== Phase.Avoidance) continue;
        if (this.random() >= overflowShares[i]) continue;
        t.retxPort[s] = -1;
        t.retransmits[f]++;
        this.queues.drop(r, 1, now);
        this.timeout(f);
      }
    }
  }

  /** Seconds port `r`'s buffer, full, adds to a round trip beyond the queue the port reports now. */
  private fullBufferS(r: number): number {
    return Math.max(0, this.queues.settings.bufferBytes[r] - this.queues.queueBytes(r)) / this.network.capacityOf(r);
  }

  /**
   * Bursts overflowed the drop-tail ports `dropTailPorts`, each dropping arrivals for `fullS`
   * seconds (its buffer full), `fullShares` of the bursts' arrivals then. A loss-based flow in
   * avoidance that its window limits (bound at no port, capped by its window and not by its
   * user, not in a recovery) and that crosses such a port sends its window as one ACK-clocked
   * train per round trip — W packets at its clock, its route's slowest channel — so whether its
   * packets meet the full buffer is the phase of that train in its round trip R (through the full
   * buffer): drawn once per flow and overflow (uniform in R, from the run's `tcp.phases` stream),
   * it meets it with chance min(1, (fullS + train) / R), and then loses each of its packets
   * arriving while the buffer is full (min(W, clock × fullS)) at the port's share (binomial).
   * Flows bound at a port are left to {@link LossPorts} and {@link overflowed} (their packets are
   * spread over their round trip at their share), as are flows their user caps. Evidence (ns-3
   * `tracedrops`, `rtt-mix-newreno`): when the 10 ms flows' second slow-start round holds the
   * port full for 0.71 ms, one 1 ms flow (window 73, round trip ~1.6 ms) loses 48 consecutive
   * packets, 1.2 µs apart (its train at the port's rate), and the other none; on ns-3's jittered
   * seeds one or both, never a share of each. The loss is told like a burst's
   * ({@link burstLossTold}): a fast recovery with the cut window, or a timeout.
   */
  trainsOverflowed(dropTailPorts: readonly number[], fullS: readonly number[], fullShares: readonly number[]): void {
    const t = this.t;
    const now = this.sim.nowS;
    for (let i = 0; i < dropTailPorts.length; i++) {
      if (!(fullS[i] > 0) || !(fullShares[i] > 0)) continue;
      const r = dropTailPorts[i];
      for (const f of this.ports.crossingOf(r)) {
        const s = t.slotOf[f];
        // Its window limits it: bound at no port, and capped by its window, not by its user.
        if (t.phase[f] !== Phase.Avoidance || t.recovering(s, now) || this.queues.boundAt(f) >= 0 || !(this.network.capOf(f) < t.userCapBps[s])) continue;
        const rttNow = this.window.rttNow(f);
        const packet = t.packetBytes[s];
        const w = t.windowAt(s, now, rttNow);
        // Its round trip while the buffer is full: the queue it waits behind then is the whole buffer.
        const rtt = rttNow + this.fullBufferS(r);
        const clock = this.window.clockRate(f);
        const trainS = (w * packet) / clock;
        if (!(rtt > 0) || this.phases() >= Math.min(1, (fullS[i] + trainS) / rtt)) continue;
        const arriving = Math.max(1, Math.round(Math.min(w, (clock * fullS[i]) / packet)));
        const lost = binomial(this.phases, arriving, fullShares[i]);
        if (lost === 0) continue;
        t.cwnd[s] = w;
        t.retransmits[f] += lost;
        this.queues.drop(r, lost, now);
        this.ports.leave(f);
        const left = Math.max(0, this.network.remainingOf(f) / packet - w);
        if (!burstLossTold(Math.max(0, Math.round(w) - lost), lost, left)) {
          // In flight at the timer: the holes, none with three SACKed above it.
          this.timeout(f, lost, Math.round(w) - lost);
          continue;
        }
        // The duplicate ACKs show the holes lost and three packets delivered beyond them.
        cutWindow(t, f, lost + DUPTHRESH, this.queues.alphaOf(f));
        this.window.enterAvoidance(f, lost);
        t.retxPort[s] = r;
      }
    }
  }

  /**
   * A share `share` of flow `f`'s burst of `packets` overflowed `port`: which survive is drawn.
   * In fast recovery, a lost retransmission means a timeout. Otherwise, with no survivor or too
   * few packets behind the hole to raise three duplicate ACKs (the survivors behind it — at a
   * drop-tail port those arriving after its buffer filled, which it dropped `fullShare` of
   * ({@link fifoBurstLossTold}) — and the new data SACK lets them release while any is left),
   * the flow times out; else the loss is
   * told one round later ({@link RecoveryWindow.round}). A burst the port also `marked` (DCTCP)
   * has its survivors' ECE put the sender in CWR before their duplicate ACKs come back, and in
   * CWR each hole is resent only once three segments are SACKed above it ({@link cwrLossTold}):
   * with fewer behind its last hole, the flow times out.
   */
  burstLoss(f: number, packets: number, share: number, port: number, marked = false, fullShare = 0, sentS = this.sim.nowS): void {
    const t = this.t;
    const s = t.slotOf[f];
    const phase = t.phase[f];
    if (phase !== Phase.SlowStart && phase !== Phase.Avoidance) return;
    const n = Math.max(1, Math.round(packets));
    const delivered = binomial(this.random, n, 1 - share);
    const lost = n - delivered;
    if (lost === 0) return;
    t.retransmits[f] += lost;
    this.queues.drop(port, lost, this.sim.nowS);
    if (t.inCatchUp[s]) {
      // A recovery's catch-up: its losses are told by duplicate ACKs, and cut the window again once this recovery ends.
      t.lostInRecovery[s] += lost;
      return;
    }
    if (t.lossAge[s] === 3) {
      // Retransmitting: each retransmission is lost with the same share.
      const retx = Math.max(1, Math.round(t.lostPackets[s]));
      t.lossAge[s] = 0;
      t.lostPackets[s] = 0;
      if (binomial(this.random, retx, share) > 0) this.timeout(f);
      return;
    }
    if (phase !== Phase.SlowStart) return;
    const left = Math.max(0, this.network.remainingOf(f) / t.packetBytes[s] - n);
    if (marked ? !this.cwrTold(delivered, lost, left, share) : !fifoBurstLossTold(delivered, lost, left, fullShare)) {
      // In flight at the timer: this burst's holes and the earlier ones not yet resent, none deemed lost.
      // Above the hole: this burst's survivors (those of the rounds before were acknowledged or are counted in the holes).
      this.timeout(f, lost + t.lostPackets[s], delivered, sentS);
      return;
    }
    t.lostLast[s] += lost;
    t.lostPackets[s] += lost;
    t.lossPort[s] = port;
    if (t.lossAge[s] === 0) t.lossAge[s] = 1;
    this.window.awaitRound(f, sentS);
    // Its packets that got through waited behind the full buffer: the ACKs that clock the next round come that much later.
    if (t.timer[s] >= 0) this.sim.reschedule(t.timer[s], this.sim.queue.timeOf(t.timer[s]) + this.queues.settings.bufferBytes[port] / this.network.capacityOf(port));
  }

  /**
   * Whether a burst's `lost` packets (`delivered` got through) are told in CWR ({@link cwrLossTold}):
   * the losses placed at random among the burst, how many survivors follow its last hole is drawn
   * (from the run's loss stream), and so is how many of its `leftPackets` of new data, crossing
   * the same overflow, get through at the port's drop `share`.
   */
  private cwrTold(delivered: number, lost: number, leftPackets: number, share: number): boolean {
    if (delivered === 0) return false;
    let behindLast = 0;
    for (let d = delivered; d > 0 && this.random() * (d + lost) < d; d--) behindLast++;
    const leftDelivered = binomial(this.random, Math.round(leftPackets), 1 - share);
    return cwrLossTold(delivered, behindLast, leftDelivered);
  }

  /**
   * A loss-based flow `f` in avoidance loses `lostPackets` packets of a window where port `r`
   * overflows (its round trip through the full buffer `rttS`): told by three duplicate ACKs
   * ({@link windowLossTold}), its window is cut once and it enters a fast recovery that sends
   * them again (with SACK, all within it), whose retransmission crosses the port within the next
   * round trip; else it times out.
   */
  inAvoidance(f: number, r: number, rttS: number, lostPackets = 1): void {
    const t = this.t;
    const s = t.slotOf[f];
    // The lost packets are its newest to reach the full buffer; ahead of them, not yet delivered,
    // are its own packets waiting there: where the port binds it, its window's excess over its
    // share of the pipe (the queue LossPorts sums), at most the rest of its window; elsewhere
    // none are counted (its packets queued at another port may be upstream, behind them).
    const packet = t.packetBytes[s];
    const w = t.cwnd[s];
    const ahead = this.queues.boundAt(f) === r ? Math.min(Math.max(0, w - lostPackets), Math.max(0, w - (this.network.rateOf(f) * t.baseRttS[s]) / packet)) : 0;
    if (!windowLossTold(w, this.network.remainingOf(f) / packet, lostPackets, ahead)) {
      // In flight at the timer: the holes, too few SACKed above them to be deemed lost.
      this.timeout(f, lostPackets, w - lostPackets);
      return;
    }
    // Three duplicate ACKs (SACKs) above the first hole tell it: its holes and three packets left the flight.
    restoreWeight(this.network, t, f);
    cutWindow(t, f, lostPackets + DUPTHRESH, this.queues.alphaOf(f));
    this.window.enterAvoidance(f, lostPackets);
    // Its fast retransmission crosses the port within the next round trip (the duplicate ACKs come back, it goes out).
    t.retxPort[s] = r;
    t.retxUntilS[s] = this.sim.nowS + rttS;
  }

  /**
   * Fast recovery after a slow-start loss: the window is cut, and the new window — the lost
   * packets first, then new data — goes out as the last round's ACKs come back (proportional
   * rate reduction, RFC 6937: no faster than the ACK clock). Its packets are judged at the
   * ports like a round's, behind what is left of the previous window ({@link recoveryBurst});
   * a retransmission lost there means a timeout.
   */
  recover(f: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    const packet = t.packetBytes[s];
    const before = t.cwnd[s];
    // The duplicate ACKs that start it show the earlier round's holes lost and three packets delivered beyond them.
    const gone = t.lostPackets[s] - t.lostLast[s];
    cutWindow(t, f, gone + DUPTHRESH, this.queues.alphaOf(f));
    t.lossAge[s] = 3;
    t.lostLast[s] = 0;
    // A flow that has sent everything sends only the lost packets again.
    const left = t.sentAll[s] ? 0 : this.network.remainingOf(f) / packet;
    const b = recoveryBurst(before, t.cwnd[s], left, t.lostPackets[s], this.window.clockRate(f), t.baseRttS[s], packet);
    // PRR sends part of it at the ACK clock and the rest at once when the first retransmission is
    // acknowledged (prrCatchUp), from the flight the cut was taken from: NewReno's is the window
    // less the holes already shown (the window grew only by the ACKs before the first of them).
    // A flow with nothing new to send has none for a catch-up either: its holes near the tail,
    // without three SACKed segments above them, are not yet deemed lost (RFC 6675's IsLost) and
    // go out one per ACK, not at once.
    const recoverFs = t.cc[s] === TcpCc.NewReno ? before - gone : before;
    const split = prrCatchUp(recoverFs, t.lostPackets[s], t.cwnd[s]);
    const clocked = left > 0 ? Math.min(b.packets, split.clocked) : b.packets;
    t.catchUp[s] = b.packets - clocked;
    // Meanwhile the ACKs of what the clocked part sent keep coming back at the rate it went out.
    const survivors = recoverFs - Math.min(recoverFs, t.lostPackets[s]);
    t.catchUpClockPps[s] = recoverFs > 0 && b.durationS > 0 ? ((t.cwnd[s] / recoverFs) * survivors) / b.durationS : 0;
    t.lostInRecovery[s] = 0;
    this.window.offerBurst(f, clocked, b.durationS, b.standing, b.prevBytes);
    // The recovery goes through the buffer the loss overflowed, full when the duplicate ACKs
    // came back through it (burstLoss held the round that long): its round trip is the route's
    // now plus what that buffer adds beyond the queue the port already holds, and meanwhile the
    // flow sends its cut window per that round trip — a FIFO serves its flows by their windows,
    // so the port's capacity goes to the recovering flows in proportion to their windows, not
    // in equal max-min shares.
    const port = t.lossPort[s];
    t.lossPort[s] = -1;
    const fullBufferS = port >= 0 ? this.fullBufferS(port) : 0;
    if (fullBufferS > 0) weighByWindow(this.network, t, f, this.window.rttNow(f) + fullBufferS);
    this.window.enterAvoidance(f, t.lostPackets[s], fullBufferS);
  }

  /**
   * Flow `f`'s recovery ended with packets of its catch-up lost ({@link TcpFlowTable.lostInRecovery}):
   * their duplicate ACKs start a second recovery at once — another cut, from the window the first left.
   */
  recoverAgain(f: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    const lost = t.lostInRecovery[s];
    t.lostInRecovery[s] = 0;
    cutWindow(t, f, DUPTHRESH, this.queues.alphaOf(f));
    this.window.enterAvoidance(f, lost);
  }

  /**
   * Port `r` overflows while flow `f` is in a fast recovery (its round trip through the full
   * buffer `rttS`): `drops` packets are lost among what arrives there, and while the flow's
   * retransmissions still cross the port (until {@link TcpFlowTable.retxUntilS}) one of them may be
   * among them ({@link retransmissionLoss}): then only the RTO recovers it.
   */
  inRecovery(f: number, r: number, drops: number, rttS: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    const now = this.sim.nowS;
    const p = retransmissionLoss(drops, this.network.capacityOf(r), rttS, this.network.rateOf(f), t.retxUntilS[s] - now, t.packetBytes[s]);
    if (!(p > 0) || this.random() >= p) return;
    t.retransmits[f]++;
    this.queues.drop(r, 1, now);
    this.timeout(f);
  }

  /**
   * Flow `f` waits out a retransmission timeout, then restarts slow start from one segment, up to
   * the threshold ({@link rtoSsthresh}) its window and the `pipeSegs` still counted in flight when
   * the timer fires set (default its window: a recovery keeps its pipe near its cut window).
   * `sackedSegs` were delivered above the hole (default: a recovery's window, all but the lost
   * retransmission; else the window less its untold holes): the first ACK
   * after the resent head acknowledges them at once (`rtoAckedJump`). The timer runs from `sentS`
   * (default now): the start of the flight whose loss it waits out.
   */
  timeout(f: number, pipeSegs = this.t.cwnd[this.t.slotOf[f]], sackedSegs = this.t.cwnd[this.t.slotOf[f]] - 1, sentS = this.sim.nowS): void {
    const t = this.t;
    const s = t.slotOf[f];
    const o = t.options[t.optionIndex[s]];
    t.timeouts[f]++;
    // The timer fired again for a resent head (backoff): what the receiver holds above the hole is the first timeout's.
    if (t.backoff[s] === 0) t.rtoSackedSegs[s] = Math.max(0, Math.round(sackedSegs));
    restoreWeight(this.network, t, f);
    restoreDctcpShare(this.network, t, f);
    t.lossPort[s] = -1;
    if (t.timer[s] >= 0) this.sim.cancel(t.timer[s]);
    this.ports.leave(f);
    const rto = retransmissionTimeoutS(o.minRtoS, this.window.rttNow(f), t.backoff[s]);
    // ns-3's ReTxTimeout: the slow start that follows stops at ssthresh, set from the window now
    // unless the timer fired again for a retransmission (backoff: no round trip came back since).
    if (t.backoff[s] === 0) t.ssthreshSegs[s] = rtoSsthresh(t.cc[s] as TcpCc, t.cwnd[s], this.queues.alphaOf(f), pipeSegs);
    t.backoff[s]++;
    // ns-3's TcpCubic::CubicReset on CA_LOSS: W_max is zeroed (after GetSsThresh took it from
    // the window), so the avoidance after the slow start runs the pre-loss law from its window;
    // and HyStart's delayMin starts again.
    if (t.cc[s] === TcpCc.Cubic) t.wMax[s] = 0;
    t.minRttS[s] = Infinity;
    if (t.phase[f] === Phase.Avoidance) this.ports.cross(f, false);
    t.phase[f] = Phase.Timeout;
    t.cwnd[s] = 1;
    t.lossAge[s] = 0;
    t.lostPackets[s] = 0;
    t.lostLast[s] = 0;
    t.markedLast[s] = 0;
    t.markPort[s] = -1;
    t.recoveryEndS[s] = 0;
    t.catchUp[s] = 0;
    t.lostInRecovery[s] = 0;
    // The flight may be lost: it goes out again from the resumed slow start.
    t.sentAll[s] = 0;
    this.network.setFlowCap(f, 0);
    // The timer runs from the flight's start (an overflow episode's verdict comes after it), and fires no earlier than now.
    t.timer[s] = this.sim.schedule(Math.max(this.sim.nowS, sentS + rto), this.kindResume, f);
  }

  /** After a timeout: slow start again from one segment, its first flight the lost packets. */
  resume(f: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    t.timer[s] = -1;
    if (this.network.stateOf(f) !== FlowState.Active || t.phase[f] !== Phase.Timeout) return;
    t.phase[f] = Phase.SlowStart;
    t.epochS[s] = NaN;
    this.window.round(f);
  }
}
