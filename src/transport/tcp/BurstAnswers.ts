// BurstAnswers: the tcp flows' bursts of an instant, offered to the BurstJudge and, once judged at their ports, answered (drops, marks, the round trip that tells them).
import type { Simulation } from "../../core/Simulation.js";
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import type { Burst, BurstVerdicts } from "./Burst.js";
import type { BurstJudge } from "./BurstJudge.js";
import type { DctcpAlpha } from "./DctcpAlpha.js";
import type { HandshakeLosses } from "./HandshakeLosses.js";
import type { LossRecovery } from "./LossRecovery.js";
import { TcpCc, TcpPhase as Phase, type TcpFlowTable } from "./TcpFlowTable.js";
import type { TcpRoutes } from "./TcpRoutes.js";

/**
 * The bursts of {@link TcpFlows}' flows (slow-start flights, PRR catch-ups, retransmissions):
 * each is offered to the {@link BurstJudge} as it leaves, and the instant's bursts are judged
 * together at the end of its solve; then the ports that dropped tell the handshakes
 * ({@link HandshakeLosses}) and the flows answer their drops ({@link LossRecovery}) or DCTCP's
 * marks (the round trip that tells them).
 */
export class BurstAnswers {
  constructor(
    private readonly sim: Simulation,
    private readonly network: FlowNetwork,
    private readonly queues: QueueState,
    private readonly t: TcpFlowTable,
    private readonly routes: TcpRoutes,
    private readonly bursts: BurstJudge,
    private readonly handshakes: HandshakeLosses,
    private readonly recovery: LossRecovery,
    private readonly alphas: DctcpAlpha,
    /** The simulation's event kind of a slow-start round ({@link SlowStartRounds.round}). */
    private readonly kindRound: number,
    /** The simulation's event kind that closes an overflow episode ({@link closeEpisode}). */
    private readonly kindClose: number,
  ) {}

  /** The pending event that closes the open overflow episode (-1: none open). */
  private closeHandle = -1;

  /**
   * Queue `packets` of flow `f` arriving over `durationS` at every channel of its route, on top
   * of `standing` of its own already queued; judged with the instant's other bursts.
   */
  offer(f: number, packets: number, durationS: number, standing: number, prevBytes: number, joins = false): void {
    const s = this.t.slotOf[f];
    this.bursts.offer(f, packets, durationS, standing, prevBytes, this.t.packetBytes[s], this.t.cc[s] === TcpCc.Dctcp, this.sim.nowS, joins);
    // Judged at the end of this instant's solve, with every other burst of the instant.
    this.network.requestSolve();
  }

  /**
   * Flow `f` sent all it had and its last flight, sent at `sentS`, lost or marked packets: the
   * round trip that tells it comes after all (from the flight's start: an episode's verdict comes
   * after it, but not before now).
   */
  awaitRound(f: number, sentS = this.sim.nowS): void {
    const t = this.t;
    const s = t.slotOf[f];
    if (!t.sentAll[s] || t.timer[s] >= 0 || t.phase[f] !== Phase.SlowStart) return;
    t.timer[s] = this.sim.schedule(Math.max(this.sim.nowS, sentS + this.routes.rttNow(f)), this.kindRound, f);
  }

  /**
   * Judge this instant's bursts at their ports, and let each flow answer its drops or marks; then
   * keep them for their overflow episode: first flights (and the survivors' next rounds,
   * {@link Burst.joins}) judged while one is open, crossing one of its ports, join it; an instant
   * with one opens an episode (keeping all its bursts) when some event comes before it could close
   * ({@link closeTimeS}: else nothing can join). At its close, the ports where its bursts of
   * different instants together overflow the buffer judge them again ({@link closeEpisode}).
   */
  judge(): void {
    const b = this.bursts;
    this.judgeNow();
    if (this.closeHandle >= 0) {
      if (b.joinEpisode()) this.scheduleClose();
    } else if (b.lastJoins && this.sim.queue.size > 0 && this.sim.queue.peekTime() < this.closeTimeS(b.lastBursts)) {
      b.openEpisode();
      this.scheduleClose();
    }
  }

  /** A handshake over `resources` starts: an open episode crossing one of their ports (or its reverse channel) closes now, so that its overflow is recorded for the SYN. */
  settleFor(resources: Int32Array): void {
    if (this.closeHandle < 0 || !this.bursts.episodeCrosses(resources)) return;
    this.sim.cancel(this.closeHandle);
    this.closeEpisode();
  }

  /**
   * The open overflow episode closes: where its bursts of different instants together overflow a
   * port's buffer they are judged again together, and the first flights and survivors' rounds that
   * their instants' judges dropped nothing of answer that verdict.
   */
  closeEpisode(): void {
    this.closeHandle = -1;
    const v = this.bursts.closeEpisode();
    if (hasVerdicts(v)) this.answerVerdicts(v, true);
    this.bursts.clearEpisode();
  }

  /**
   * When an episode of `kept` bursts closes: before any of their flows could act on a verdict —
   * the earliest of their next round trips (each flow's pending round) — or could be done (its
   * bytes left drained at no more than its line rate, at the earliest), and no later than the
   * earliest end of their trains.
   */
  private closeTimeS(kept: readonly Burst[]): number {
    let at = Infinity;
    const now = this.sim.nowS;
    for (let i = 0; i < kept.length; i++) {
      const b = kept[i];
      at = Math.min(at, b.atS + b.durationS);
      const s = this.t.slotOf[b.flow];
      if (s < 0) continue;
      if (this.t.timer[s] >= 0) at = Math.min(at, this.sim.queue.timeOf(this.t.timer[s]));
      at = Math.min(at, now + this.network.remainingOf(b.flow) / this.routes.lineRate(b.flow));
    }
    return at;
  }

  /**
   * (Re)schedule the close of the open episode at {@link closeTimeS}; its flows' rounds due at
   * that same instant are put after it (an event moved to its own time goes last among equal
   * times: core/LadderQueue's sequence), so every verdict is in before a flow's round reads it.
   */
  private scheduleClose(): void {
    const kept = this.bursts.episodeBursts;
    const at = this.closeTimeS(kept);
    if (this.closeHandle >= 0) this.sim.reschedule(this.closeHandle, at);
    else this.closeHandle = this.sim.schedule(at, this.kindClose, 0);
    for (let i = 0; i < kept.length; i++) {
      const s = this.t.slotOf[kept[i].flow];
      if (s >= 0 && this.t.timer[s] >= 0 && this.sim.queue.timeOf(this.t.timer[s]) === at) this.sim.reschedule(this.t.timer[s], at);
    }
  }

  /** Judge the pending bursts now, and let each flow answer its drops or marks. */
  private judgeNow(): void {
    const v = this.bursts.judge();
    const bursts = v.bursts;
    // Most instants' bursts fit at every port: then only the retransmissions that got through are told.
    if (hasVerdicts(v)) this.answerVerdicts(v, false);
    else this.recovery.retransmitted(bursts);
    const t = this.t;
    for (let i = 0; i < bursts.length; i++) {
      const s = t.slotOf[bursts[i].flow];
      if (s >= 0) t.inCatchUp[s] = 0;
    }
  }

  /** The flows answer what the ports dropped or marked of this instant's bursts ({@link judge}; compiled on its own, as few instants overflow a port). */
  private answerVerdicts(v: BurstVerdicts, episode: boolean): void {
    const { bursts, judged, overflowPorts, overflowShares, dropTailPorts, dropTailShares, dropTailSpansS, dropTailFullS, dropTailFullShares } = v;
    const now = this.sim.nowS;
    // Drop-tail ports that dropped keep dropping that share of what arrives over the bursts' span
    // from the first one's start (now, but for an episode's): handshakes too.
    let fromS = now;
    for (let i = 0; i < bursts.length; i++) if (bursts[i].atS < fromS) fromS = bursts[i].atS;
    for (let i = 0; i < dropTailPorts.length; i++) this.handshakes.overflowing(dropTailPorts[i], dropTailShares[i], fromS, fromS + dropTailSpansS[i]);
    // (An episode's retransmissions were told at their instants.)
    if (!episode) this.recovery.retransmitted(bursts);
    this.recovery.overflowed(overflowPorts, overflowShares);
    const t = this.t;
    for (let i = 0; i < judged.length; i++) {
      const b = judged[i];
      // An episode's verdict goes to its first flights and survivors' rounds that their instants let through whole (and whose flows are still on).
      if (episode && (!b.joins || b.answered || t.slotOf[b.flow] < 0)) continue;
      if (b.marked > 0) {
        // The marks links.csv counts at that port are the flow's (flows.csv's `marks`).
        this.queues.mark(b.markPort, b.marked, now);
        t.marks[b.flow] += b.marked;
      }
      if (b.share > 0) {
        // DCTCP: its survivors' marks come back with ECE too, and move α (DctcpAlpha.marksInLoss).
        if (b.marked > 0) this.alphas.marksInLoss(b.flow, b.marked, b.packets, b.share);
        this.recovery.burstLoss(b.flow, b.packets, b.share, b.port, b.marked > 0, b.fullShare, b.atS);
        // A survivor of an episode's overflow: its next round comes back clocked by the ACKs that
        // port drained, interleaved with the other survivors' — it may open or join the next episode.
        const s = t.slotOf[b.flow];
        if (episode && s >= 0 && t.phase[b.flow] === Phase.SlowStart && t.lossAge[s] > 0) t.episodeLoss[s] = 1;
      } else if (b.marked > 0) this.onMarks(b.flow, b.marked, b.markPort, b.atS);
    }
    // The avoidance flows crossing those ports lose their window's train if its phase meets the full buffer.
    this.recovery.trainsOverflowed(dropTailPorts, dropTailFullS, dropTailFullShares);
  }

  /** DCTCP: `markedPackets` of this round's window (sent at `sentS`) will come back with ECE, marked at `port`. */
  private onMarks(f: number, markedPackets: number, port: number, sentS: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    if (t.phase[f] !== Phase.SlowStart) return;
    if (markedPackets > t.markedLast[s]) {
      t.markedLast[s] = markedPackets;
      t.markPort[s] = port;
    }
    this.awaitRound(f, sentS);
  }
}

/** Whether some port dropped or marked any of the bursts `v` judged (most instants': none — then only the retransmissions that got through are told). */
function hasVerdicts(v: BurstVerdicts): boolean {
  return v.judged.length > 0 || v.dropTailPorts.length > 0 || v.overflowPorts.length > 0;
}
