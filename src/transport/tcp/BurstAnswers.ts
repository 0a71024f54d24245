// BurstAnswers: the tcp flows' bursts of an instant, offered to the BurstJudge and, once judged at their ports, answered (drops, marks, the round trip that tells them).
import type { Simulation } from "../../core/Simulation.js";
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import type { BurstJudge, BurstVerdicts } from "./BurstJudge.js";
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
  ) {}

  /**
   * Queue `packets` of flow `f` arriving over `durationS` at every channel of its route, on top
   * of `standing` of its own already queued; judged with the instant's other bursts.
   */
  offer(f: number, packets: number, durationS: number, standing: number, prevBytes: number): void {
    const s = this.t.slotOf[f];
    this.bursts.offer(f, packets, durationS, standing, prevBytes, this.t.packetBytes[s], this.t.cc[s] === TcpCc.Dctcp);
    // Judged at the end of this instant's solve, with every other burst of the instant.
    this.network.requestSolve();
  }

  /** Flow `f` sent all it had and its last flight lost or marked packets: the round trip that tells it comes after all. */
  awaitRound(f: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    if (!t.sentAll[s] || t.timer[s] >= 0 || t.phase[f] !== Phase.SlowStart) return;
    t.timer[s] = this.sim.schedule(this.sim.nowS + this.routes.rttNow(f), this.kindRound, f);
  }

  /** Judge this instant's bursts at their ports, and let each flow answer its drops or marks. */
  judge(): void {
    const v = this.bursts.judge();
    const bursts = v.bursts;
    // Most instants' bursts fit at every port: then only the retransmissions that got through are told.
    if (v.judged.length > 0 || v.dropTailPorts.length > 0 || v.overflowPorts.length > 0) this.answerVerdicts(v);
    else this.recovery.retransmitted(bursts);
    const t = this.t;
    for (let i = 0; i < bursts.length; i++) {
      const s = t.slotOf[bursts[i].flow];
      if (s >= 0) t.inCatchUp[s] = 0;
    }
  }

  /** The flows answer what the ports dropped or marked of this instant's bursts ({@link judge}; compiled on its own, as few instants overflow a port). */
  private answerVerdicts(v: BurstVerdicts): void {
    const { bursts, judged, overflowPorts, overflowShares, dropTailPorts, dropTailShares, dropTailSpansS, dropTailFullS, dropTailFullShares } = v;
    const now = this.sim.nowS;
    // Drop-tail ports that dropped now keep dropping that share of what arrives over the bursts' span: handshakes too.
    for (let i = 0; i < dropTailPorts.length; i++) this.handshakes.overflowing(dropTailPorts[i], dropTailShares[i], now, now + dropTailSpansS[i]);
    this.recovery.retransmitted(bursts);
    this.recovery.overflowed(overflowPorts, overflowShares);
    for (let i = 0; i < judged.length; i++) {
      const b = judged[i];
      if (b.marked > 0) this.queues.mark(b.markPort, b.marked, now);
      if (b.share > 0) {
        // DCTCP: its survivors' marks come back with ECE too, and move α (DctcpAlpha.marksInLoss).
        if (b.marked > 0) this.alphas.marksInLoss(b.flow, b.marked, b.packets, b.share);
        this.recovery.burstLoss(b.flow, b.packets, b.share, b.port, b.marked > 0, b.fullShare);
      } else if (b.marked > 0) this.onMarks(b.flow, b.marked);
    }
    // The avoidance flows crossing those ports lose their window's train if its phase meets the full buffer.
    this.recovery.trainsOverflowed(dropTailPorts, dropTailFullS, dropTailFullShares);
  }

  /** DCTCP: `markedPackets` of this round's window will come back with ECE. */
  private onMarks(f: number, markedPackets: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    if (t.phase[f] !== Phase.SlowStart) return;
    t.markedLast[s] = Math.max(t.markedLast[s], markedPackets);
    this.awaitRound(f);
  }
}
