// SynRetries: handshakes whose SYN (or SYN-ACK) was lost at an overflowing port, each going out again after its SYN timeout.
import type { Simulation } from "../../core/Simulation.js";
import { FlowState, type FlowNetwork } from "../../net/FlowNetwork.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import type { HandshakeLosses } from "./HandshakeLosses.js";
import { startTiming, type StartTiming } from "./routeTiming.js";
import type { TcpFlowTable } from "./TcpFlowTable.js";

/** A handshake waiting out a SYN timeout: its losses in a row, its handshake rounds, and the forward queueing its start was reckoned with. */
interface SynRetry {
  lost: number;
  rounds: number;
  qOutS: number;
}

/**
 * The handshakes of a run's tcp flows that wait out a SYN timeout ({@link TcpFlows} starts a
 * flow with its first SYN lost and its first byte one timeout later). Each goes out again when
 * its timeout ends and meets the ports' overflows of then ({@link HandshakeLosses}): lost again,
 * it waits the timeout doubled for each loss in a row (as ns-3's TcpSocketBase and Linux do),
 * and the flow's first byte and first flight move that much later; through, the flow's first
 * byte waits in the queues of then.
 */
export class SynRetries {
  private readonly kind: number;
  /** Flows whose handshake is waiting out a SYN timeout (few: a Map, not a column). */
  private readonly waiting = new Map<number, SynRetry>();
  /** What {@link retry} reads off a flow's route (one record, rewritten by each retry). */
  private readonly timing: StartTiming = { baseRttS: 0, handshakeBaseRttS: 0, outS: 0, backS: 0, storeAndForwardS: 0 };

  constructor(
    private readonly sim: Simulation,
    private readonly network: FlowNetwork,
    private readonly queues: QueueState,
    private readonly channels: number,
    private readonly t: TcpFlowTable,
    private readonly handshakes: HandshakeLosses,
    /** Judge an overflow episode still held back at the ports of a route before a SYN over it meets them (BurstAnswers.settleFor). */
    private readonly settle: (resources: Int32Array) => void = () => {},
  ) {
    this.kind = sim.registerHandler((f) => this.retry(f));
  }

  /**
   * Flow `f`'s first SYN (of a handshake of `rounds` round trips, its start reckoned with
   * forward queueing `qOutS`) was lost: it goes out again at `atS`, one SYN timeout after the first.
   */
  lost(f: number, rounds: number, qOutS: number, atS: number): void {
    this.waiting.set(f, { lost: 1, rounds, qOutS });
    this.sim.schedule(atS, this.kind, f);
  }

  /**
   * Flow `f`'s SYN goes out again after a SYN timeout. Lost again (a port on its way, or on its
   * SYN-ACK's, overflows now), it waits the timeout doubled for each loss in a row, and its
   * first byte moves that much later.
   */
  private retry(f: number): void {
    const retry = this.waiting.get(f);
    const t = this.t;
    const now = this.sim.nowS;
    // Rerouted before its first byte (the pending start is dropped) or given up: the handshake is over.
    if (retry === undefined || this.network.stateOf(f) !== FlowState.InFlight || !(t.activeS[f] > now)) {
      this.waiting.delete(f);
      return;
    }
    const s = t.slotOf[f];
    const o = t.options[t.optionIndex[s]];
    const route = this.network.routeOf(f);
    const res = route.resources;
    const timing = this.timing;
    startTiming(this.network, this.queues, this.channels, res, route.latencyS, t.packetBytes[s], o.headerBytes, t.packetBytes[s], timing);
    const qOut = timing.outS;
    const qBack = timing.backS;
    const handshakeRtt = timing.handshakeBaseRttS + qOut + qBack;
    this.settle(res);
    if (!this.handshakes.lost(res, now, now + handshakeRtt / 2)) {
      // This handshake gets through: it and the first byte wait in the queues of now, not in
      // those the first SYN met (the flow was started with those).
      this.waiting.delete(f);
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
    this.sim.schedule(now + waitS, this.kind, f);
  }

  /** Flow `f`'s first byte (still to come) moves `byS` later (earlier if negative), and its first flight with it. */
  private moveFirstByte(f: number, byS: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    const activeS = this.network.postponeStart(f, byS);
    t.activeS[f] = activeS;
    t.lastS[s] = activeS;
    if (!Number.isNaN(t.growthEndS[f])) t.growthEndS[f] = activeS;
    // Its first flight goes out when its first byte arrives.
    if (t.timer[s] >= 0) this.sim.reschedule(t.timer[s], activeS);
  }
}
