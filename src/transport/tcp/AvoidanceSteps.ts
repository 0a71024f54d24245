// AvoidanceSteps: tcp congestion avoidance — entering it, the steps of a window-limited flow, PRR's catch-up, settling — and the window's cap on a flow's rate.
import type { Simulation } from "../../core/Simulation.js";
import { FlowState, type FlowNetwork } from "../../net/FlowNetwork.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import type { BurstAnswers } from "./BurstAnswers.js";
import type { DctcpAlpha } from "./DctcpAlpha.js";
import { restoreDctcpShare } from "./dctcpShare.js";
import { fastRecoveryEndS } from "./fastRecoveryEndS.js";
import type { LossPorts } from "./LossPorts.js";
import type { LossRecovery } from "./LossRecovery.js";
import { TcpCc, TcpPhase as Phase, type TcpFlowTable } from "./TcpFlowTable.js";
import type { TcpRoutes } from "./TcpRoutes.js";

/** Window growth between two avoidance checks of a window-limited flow: at most 1/4, at least one RTT apart (the cap in between is the window at the middle of the step). */
const STEP_GROWTH = 0.25;
/** A marking port stands at K when its queue is at ≥ K for at least this share of its cycle: more often than not (its sawtooth's median, which is its mean, at ≥ K). */
const STANDS_AT_K = 0.5;

/**
 * Congestion avoidance of {@link TcpFlows}' flows: the window grows by the congestion control's
 * law (NewReno +1/delayedAck segment per RTT, DCTCP +1, Cubic's curve). While the window keeps
 * the flow below its max-min share it caps the rate (checked every 1/4 of growth, {@link step});
 * once the network binds the flow, a DCTCP flow settles into its port's sawtooth and a loss-based
 * flow's port tracks it ({@link LossPorts}). Also the window's cap on a flow's rate in any phase
 * ({@link applyWindow}).
 */
export class AvoidanceSteps {
  constructor(
    private readonly sim: Simulation,
    private readonly network: FlowNetwork,
    private readonly queues: QueueState,
    private readonly t: TcpFlowTable,
    private readonly routes: TcpRoutes,
    private readonly ports: LossPorts,
    private readonly recovery: LossRecovery,
    private readonly alphas: DctcpAlpha,
    private readonly answers: BurstAnswers,
    /** The simulation's event kind of an avoidance step ({@link step}). */
    private readonly kindStep: number,
  ) {}

  /**
   * Leave slow start (or a loss) into congestion avoidance, checked one RTT on. After a window
   * cut for `lostPackets` lost packets (0: no loss) the flow is in fast recovery until the data
   * outstanding at the cut is acknowledged: the retransmissions go out first (RFC 6675 with
   * PRR), at the flow's rate — its share, at most the cut window per round trip — so the last of
   * them leaves (lost − 1) packet times on and is acknowledged one round trip later. Until then the window holds and a loss does not cut
   * it again (one decrease per recovery); its law runs from the recovery's end. A slow-start
   * recovery behind a drop-tail buffer its loss filled (`fullBufferS`: what that buffer adds to
   * the round trip now) runs at the round trip through it, and at its window's rate there (its
   * share follows its window: `recoveryShare`), not at its max-min share. A DCTCP flow cut for the
   * marks of port `markedAt` (its slow start's; -1 for none) is marked again each round trip while
   * that port's queue reaches K ({@link step}).
   */
  enterAvoidance(f: number, lostPackets = 0, fullBufferS = 0, markedAt = -1): void {
    const t = this.t;
    const s = t.slotOf[f];
    t.markPort[s] = markedAt;
    if (t.timer[s] >= 0) this.sim.cancel(t.timer[s]);
    if (t.phase[f] !== Phase.Avoidance) this.ports.cross(f, true);
    // Out of its port's sawtooth: it no longer shares the port by its window over its round trip.
    restoreDctcpShare(this.network, t, f);
    t.phase[f] = Phase.Avoidance;
    const now = this.sim.nowS;
    const rtt = this.routes.rttNow(f);
    const lost = Math.max(0, Math.round(lostPackets));
    const recoveryRtt = rtt + fullBufferS;
    const end = lost > 0 ? fastRecoveryEndS(now, recoveryRtt, lost, t.cwnd[s], t.packetBytes[s], fullBufferS > 0 ? 0 : this.network.rateOf(f)) : now;
    t.recoveryEndS[s] = end;
    // Its retransmissions leave until one round trip before then, and cross its ports within a base round trip after.
    t.retxUntilS[s] = lost > 0 ? end - recoveryRtt + t.baseRttS[s] : now;
    t.lastS[s] = end;
    t.epochS[s] = end;
    t.w0[s] = t.cwnd[s];
    this.applyWindow(f, rtt);
    t.timer[s] = this.sim.schedule(now + rtt, this.kindStep, f);
  }

  /** Congestion avoidance of a window-limited flow: grow its cap, or hand it to the port that now binds it. */
  step(f: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    t.timer[s] = -1;
    if (this.network.stateOf(f) !== FlowState.Active || t.phase[f] !== Phase.Avoidance) return;
    const now = this.sim.nowS;
    const rtt = this.routes.rttNow(f);
    // The window the last round trip went out with (a round in CWR does not grow it: below).
    const sent = t.cwnd[s];
    const w = t.advance(s, now, rtt);
    if (t.catchUp[s] > 0) this.sendCatchUp(f);
    else if (t.lostInRecovery[s] > 0 && !t.recovering(s, now)) {
      this.recovery.recoverAgain(f);
      return;
    }
    if (w >= t.windowSegs[s]) {
      this.settle(f, rtt);
      return;
    }
    const bound = this.queues.boundAt(f);
    if (bound >= 0) {
      // Bound: its port's sawtooth law marks it from here.
      t.markPort[s] = -1;
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
    if (t.recovering(s, now)) {
      this.applyWindow(f, rtt);
      t.timer[s] = this.sim.schedule(t.recoveryEndS[s], this.kindStep, f);
      return;
    }
    // DCTCP cut for a port's marks in slow start: marked again each round trip it sends there while that port's queue reaches K.
    if (t.markPort[s] >= 0 && this.markedAgain(f, sent)) {
      this.applyWindow(f, rtt);
      t.timer[s] = this.sim.schedule(now + rtt, this.kindStep, f);
      return;
    }
    const ahead = t.windowAt(s, now + rtt, rtt) - w;
    const rtts = ahead > 0 ? Math.min(1000, Math.max(1, (STEP_GROWTH * w) / ahead)) : 1000;
    // Until the next check the cap is the window half-way there, so the bytes sent match the growing window's.
    this.applyWindow(f, rtt, t.windowAt(s, now + (rtts * rtt) / 2, rtt));
    t.timer[s] = this.sim.schedule(now + rtts * rtt, this.kindStep, f);
  }

  /**
   * DCTCP flow `f`, cut in slow start for the marks of its port `t.markPort` and not bound since,
   * sent its window of `sent` packets there over the last round trip. While that port's queue
   * stands at K or more — at ≥ K for at least half its cycle ({@link QueueState.aboveKShare}), so
   * a packet crossing it finds a queue it is marked at more often than not, and a window of two
   * or more holds a mark nearly every round trip — the window is marked again: ns-3 3.37's CWR
   * ends on the ACK that passes the data sent at its start (`m_recover`), that ACK still echoes
   * CE, and `EnterCwr` cuts again at once: ssthresh = (1 − α/2)·cwnd at the α before this window's
   * marks (`TcpDctcp::GetSsThresh`), no growth in CWR; α then moves towards the window's marked
   * share, the port's share at ≥ K ({@link DctcpAlpha.cutForStandingMarks}). Where the port no
   * longer stands at K the flow's marks end (`t.markPort` is cleared) and its window grows by its
   * law. Returns whether it was cut.
   */
  private markedAgain(f: number, sent: number): boolean {
    const t = this.t;
    const s = t.slotOf[f];
    // Its last flight is out: a cut holds back nothing.
    const share = t.sentAll[s] === 1 ? 0 : this.queues.aboveKShare(t.markPort[s], t.packetBytes[s]);
    if (!(share >= STANDS_AT_K)) {
      t.markPort[s] = -1;
      return false;
    }
    this.alphas.cutForStandingMarks(f, sent, share);
    return true;
  }

  /**
   * One round trip into a slow-start recovery flow `f`'s first retransmission is acknowledged, and
   * PRR sends what is left of its cut window at once (`prrCatchUp`): a burst at the sender's line
   * rate, judged at its ports with the instant's others, together with what its ACK clock sends
   * meanwhile. What they drop is new data: a second recovery when this one ends.
   */
  private sendCatchUp(f: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    const packet = t.packetBytes[s];
    const left = this.network.remainingOf(f) / packet;
    const due = Math.min(t.catchUp[s], left);
    t.catchUp[s] = 0;
    if (!(due > 0)) return;
    const trainS = (due * packet) / this.routes.senderRate(f);
    t.inCatchUp[s] = 1;
    this.answers.offer(f, Math.min(left, due + t.catchUpClockPps[s] * trainS), trainS, 0, 0);
  }

  /** The window no longer limits flow `f`: its cap is the window limit, and no timer runs. */
  private settle(f: number, rtt: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    const o = t.options[t.optionIndex[s]];
    if (t.phase[f] === Phase.Avoidance) this.ports.cross(f, false);
    t.phase[f] = Phase.Steady;
    if (Number.isNaN(t.growthEndS[f])) t.growthEndS[f] = this.sim.nowS;
    this.network.setFlowCap(f, Math.min(t.userCapBps[s], o.windowBytes / rtt));
  }

  /** Whether a window of `w` segments covers all flow `f` has left to send (within its send window). */
  covers(f: number, w: number): boolean {
    const t = this.t;
    const s = t.slotOf[f];
    return this.network.remainingOf(f) <= Math.min(w * t.packetBytes[s], t.windowBytes[s]);
  }

  /**
   * Cap flow `f` at `w`/RTT (default its window), or lift the cap for the burst that can finish it
   * (within its window, at line rate) and for a flow that has sent everything (a later cut of its
   * window holds back nothing: its bytes are already in the network).
   */
  applyWindow(f: number, rtt: number, w = this.t.cwnd[this.t.slotOf[f]]): void {
    const t = this.t;
    const s = t.slotOf[f];
    const windowBytes = t.windowBytes[s];
    const last = t.sentAll[s] === 1 || this.covers(f, w);
    if (t.cc[s] === TcpCc.Dctcp) {
      const flight = last ? this.network.remainingOf(f) : t.phase[f] === Phase.SlowStart ? Math.min(w * t.packetBytes[s], windowBytes) : Infinity;
      this.queues.setFlight(f, flight, this.sim.nowS);
    }
    this.network.setFlowCap(f, last ? t.userCapBps[s] : Math.min(t.userCapBps[s], windowBytes / rtt, (w * t.packetBytes[s]) / rtt));
  }
}
