// SlowStartRounds: one slow-start round trip of a tcp flow — its losses or marks told, HyStart, the grown window sent as a burst at the ACK clock.
import type { Simulation } from "../../core/Simulation.js";
import { FlowState, type FlowNetwork } from "../../net/FlowNetwork.js";
import type { AvoidanceSteps } from "./AvoidanceSteps.js";
import type { BurstAnswers } from "./BurstAnswers.js";
import type { DctcpAlpha } from "./DctcpAlpha.js";
import { hyStartRound } from "./hyStartRound.js";
import type { LossRecovery } from "./LossRecovery.js";
import { standingPackets } from "./recoveryBurst.js";
import { rtoAckedJump, rtoJumpCappedAtSsthresh } from "./rtoAckedJump.js";
import { slowStartWindow } from "./slowStartWindow.js";
import { TcpCc, TcpPhase as Phase, type TcpFlowTable } from "./TcpFlowTable.js";
import type { TcpRoutes } from "./TcpRoutes.js";

/**
 * The slow-start rounds of {@link TcpFlows}' flows, one timer per RTT: the rate is capped at
 * cwnd/RTT, except in the round that can finish the flow, which goes out in one burst. Each
 * round's packets arrive at the ports of the route while the previous round's ACKs come back at
 * the ACK clock, offered with the instant's other bursts ({@link BurstAnswers}); a loss is told
 * by the next round's duplicate ACKs ({@link LossRecovery.recover}), DCTCP's marks cut the window
 * by α/2, and Cubic's HyStart, or a threshold after a timeout, ends slow start without a loss
 * ({@link AvoidanceSteps.enterAvoidance}).
 */
export class SlowStartRounds {
  constructor(
    private readonly sim: Simulation,
    private readonly network: FlowNetwork,
    private readonly t: TcpFlowTable,
    private readonly routes: TcpRoutes,
    private readonly recovery: LossRecovery,
    private readonly alphas: DctcpAlpha,
    private readonly answers: BurstAnswers,
    private readonly avoidance: AvoidanceSteps,
    /** The simulation's event kind of a slow-start round ({@link round}). */
    private readonly kindRound: number,
  ) {}

  /** One slow-start round trip of flow `f` ends (or its first flight arrives). */
  round(f: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    t.timer[s] = -1;
    if (this.network.stateOf(f) !== FlowState.Active || t.phase[f] !== Phase.SlowStart) return;
    const packet = t.packetBytes[s];
    const rtt = this.routes.rttNow(f);
    const first = Number.isNaN(t.epochS[s]);
    if (!first) {
      t.queueingS[f] += rtt - t.baseRttS[s];
      // A round trip came back: the retransmission got through.
      t.backoff[s] = 0;
    }
    t.epochS[s] = this.sim.nowS;
    // Everything went out in the last flight: this round trip only answers its losses or marks.
    // Nothing new follows the flight, so its duplicate ACKs were raised by its own survivors
    // behind the hole (LossRecovery.burstLoss timed out a flight with fewer than three): recover now.
    if (t.sentAll[s]) {
      if (t.lossAge[s] > 0) this.recovery.recover(f);
      else if (t.markedLast[s] > 0) this.answerMarks(f);
      return;
    }
    // A loss in a round is told by the duplicate ACKs that the next round's packets raise, so
    // one more round goes out first; then fast recovery: the window is cut and the lost
    // packets go out again.
    if (t.lossAge[s] === 2) {
      this.recovery.recover(f);
      return;
    }
    if (t.lossAge[s] === 1) t.lossAge[s] = 2;
    // DCTCP: the marks of the last round come back with its ACKs; the window answers once.
    if (t.markedLast[s] > 0) {
      this.answerMarks(f);
      return;
    }
    // DCTCP moves α once per window of data, marked or not (Alizadeh et al., eq. 1; ns-3 and
    // Linux alike): a round trip that came back unmarked takes it g of the way to 0.
    if (t.cc[s] === TcpCc.Dctcp && !first) this.alphas.unmarked(f);
    const w = t.cwnd[s];
    const remaining = this.network.remainingOf(f) / packet;
    // The first flight leaves at line rate. Each later round sends the grown window while the
    // previous round's ACKs return at the ACK clock (every delivered packet raises one, a lost one
    // none), so a port draining at that clock queues the growth on top of what the previous
    // window already kept beyond the pipe.
    const clock = this.routes.clockRate(f);
    const trainS = (w * packet) / clock;
    // Cubic: HyStart over this round's ACKs, which may end slow start part way through the round.
    let exitW = NaN;
    if (t.cc[s] === TcpCc.Cubic && !first) {
      const delayedAck = t.options[t.optionIndex[s]].delayedAck;
      exitW = hyStartRound(t, s, this.sim.nowS - t.senderLagS[s], w, w - t.lostLast[s], delayedAck, (delayedAck * packet) / clock, rtt);
    }
    let next = first ? w : Number.isNaN(exitW) ? slowStartWindow(w, t.lostLast[s], t.slowStartGrowth[s], t.windowSegs[s]) : Math.min(exitW, t.windowSegs[s]);
    // The first round trip after a timeout's resent head: its ACK acknowledges what the receiver
    // held above the hole too, which Cubic's slow start counts whole (rtoAckedJump), past ssthresh,
    // and DCTCP's up to ssthresh (rtoJumpCappedAtSsthresh).
    const jump = first ? 0 : rtoAckedJump(t.cc[s] as TcpCc, t.rtoSackedSegs[s]);
    if (!first) t.rtoSackedSegs[s] = 0;
    const jumpsPastThresh = jump > 0 && !rtoJumpCappedAtSsthresh(t.cc[s] as TcpCc);
    if (jump > 0 && Number.isNaN(exitW)) {
      next = Math.min(next + jump, t.windowSegs[s]);
      if (!jumpsPastThresh) next = Math.min(next, Math.max(w, t.ssthreshSegs[s]));
    }
    // A slow start after a timeout stops at its threshold (ns-3: IncreaseWindow grows in slow start
    // only below ssthresh) — unless a loss of the last round is still to be told: its recovery cuts.
    const atThresh = !first && Number.isNaN(exitW) && t.lossAge[s] === 0 && next >= t.ssthreshSegs[s];
    if (atThresh && !jumpsPastThresh) next = Math.max(w, t.ssthreshSegs[s]);
    t.lostLast[s] = 0;
    const arrivals = Math.min(next, remaining);
    const durationS = first ? (arrivals * packet) / this.routes.lineRate(f) : trainS;
    const standing = first ? 0 : standingPackets(w, clock, t.baseRttS[s], packet);
    t.cwnd[s] = next;
    // The window covers all that is left: it goes out in this flight, and no later round sends.
    if (this.avoidance.covers(f, next)) t.sentAll[s] = 1;
    // A first flight, or the round after a flight that lost in an overflow episode, may hold or join one.
    const joins = first || t.episodeLoss[s] === 1;
    t.episodeLoss[s] = 0;
    if (arrivals > 0) this.answers.offer(f, arrivals, durationS, standing, first ? 0 : w * packet, joins);
    if (!Number.isNaN(exitW) || atThresh) {
      this.avoidance.enterAvoidance(f);
      return;
    }
    this.avoidance.applyWindow(f, rtt);
    // After its last flight a flow needs another round trip only to tell a loss of the round
    // before (lossAge 2 now) or, once this instant's bursts are judged, its flight's own losses
    // or marks (awaitRound): otherwise it just drains, and no more round events are scheduled.
    if (!t.sentAll[s] || t.lossAge[s] > 0) t.timer[s] = this.sim.schedule(this.sim.nowS + rtt, this.kindRound, f);
  }

  /**
   * DCTCP's answer to a marked round: α moves by g towards the marked fraction, the window is cut
   * by α/2, slow start ends; marked again each round trip while the port that marked it reaches K.
   */
  private answerMarks(f: number): void {
    this.alphas.cutForMarks(f);
    this.avoidance.enterAvoidance(f, 0, 0, this.t.markPort[this.t.slotOf[f]]);
  }
}
