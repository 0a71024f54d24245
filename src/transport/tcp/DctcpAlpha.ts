// DctcpAlpha: every DCTCP flow's α — moved by each round's marks in slow start (and the window cut by α/2), and towards its port's α* once settled there.
import type { Simulation } from "../../core/Simulation.js";
import type { FlowNetwork } from "../../net/FlowNetwork.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import { DCTCP_G, dctcpAlphaStep, dctcpCut } from "./CongestionControl.js";
import { dctcpShareFactor, restoreDctcpShare, weighByDctcpShare } from "./dctcpShare.js";
import { TcpCc, TcpPhase as Phase, type TcpFlowTable } from "./TcpFlowTable.js";

/** Round trips over which (1 − g)^n halves the gap between a DCTCP flow's α and the steady α*: ln 2 / −ln(1 − 1/16) ≈ 10.7. */
const ALPHA_HALF_LIFE_RTTS = Math.LN2 / -Math.log(1 - DCTCP_G);
/** A DCTCP flow's α this close to its port's α* is taken as α* (no more updates). */
const ALPHA_SETTLED = 0.01;

/**
 * DCTCP's α of every flow of a {@link TcpFlowTable}, moved here and held by its one owner, the
 * queues ({@link QueueState.alphaOf}, {@link QueueState.setAlpha}: a marking port's sawtooth
 * swings by its flows' α), brought up to date at the table's `alphaAtS`. Each window of data
 * moves α by g towards the fraction marked (Alizadeh et al. 2010, eq. 1): per slow-start round
 * ({@link cutForMarks}, {@link unmarked}), and for a flow settled at a marking port in closed
 * form between updates one half-life apart ({@link settle}).
 */
export class DctcpAlpha {
  private readonly kind: number;

  constructor(
    private readonly sim: Simulation,
    private readonly queues: QueueState,
    private readonly t: TcpFlowTable,
    private readonly rttNow: (f: number) => number,
    private readonly network: FlowNetwork,
    /** Told after a settled flow's α moved (or it settled): its expected cuts for marks follow its α (`FlowMarks.refresh`). */
    private readonly alphaMoved: (f: number) => void = () => {},
  ) {
    this.kind = sim.registerHandler((f) => this.step(f, true));
  }

  /**
   * A slow-start round trip of flow `f` came back with `markedLast` of its window's packets
   * marked: α moves g of the way to the fraction marked, and the window is cut by α/2 (never
   * below 2 segments): one cut for marks (flows.csv's `mark_cuts`).
   */
  cutForMarks(f: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    const w = t.cwnd[s];
    const fraction = Math.min(1, t.markedLast[s] / Math.max(1, w));
    t.markedLast[s] = 0;
    t.cwnd[s] = Math.max(2, dctcpCut(w, this.moveAlpha(f, fraction)));
    t.markCuts[f]++;
  }

  /**
   * An avoidance round trip of flow `f` sent `w` packets and came back marked (its port stood at K
   * or more): the window is cut to (1 − α/2)·`w` at the α it had when the window left (ns-3 3.37
   * `EnterCwr` reads α at the first ECE, before the window's fraction is folded in), never below 2
   * segments; then α moves g of the way to `fraction`, the share of the window marked. One cut for
   * marks (flows.csv's `mark_cuts`).
   */
  cutForStandingMarks(f: number, w: number, fraction: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    t.cwnd[s] = Math.max(2, dctcpCut(w, this.queues.alphaOf(f)));
    this.moveAlpha(f, fraction);
    t.markCuts[f]++;
  }

  /**
   * A slow-start round of flow `f` lost `lostShare` of its `packets` at a port that marked
   * `markedPackets` of them: α moves g of the way to the fraction marked among the packets that
   * got through, as for a round that lost nothing, and the window is left to its loss to cut. The
   * port drops only arrivals above its marking threshold, so the marked survivors are the marked
   * less the lost. ns-3 3.37 counts these marks: the survivors' ACKs carry ECE (the receiver
   * echoes each segment's CE; TcpSocketBase::ReceivedAck sets ECN_ECE_RCVD on the first that
   * moves the cumulative ACK, and clears it on an ACK without ECE), TcpDctcp::PktsAcked adds the
   * segments acknowledged while ECN_ECE_RCVD to the marked bytes, and α takes the window's
   * fraction when the cumulative ACK passes the window's end, after the holes are resent (in CWR
   * or after a timeout alike).
   */
  marksInLoss(f: number, markedPackets: number, packets: number, lostShare: number): void {
    const t = this.t;
    if (t.phase[f] !== Phase.SlowStart || t.cc[t.slotOf[f]] !== TcpCc.Dctcp) return;
    const delivered = packets * (1 - lostShare);
    if (!(delivered > 0)) return;
    this.moveAlpha(f, Math.min(1, Math.max(0, markedPackets - packets * lostShare) / delivered));
  }

  /** A round trip of flow `f` came back unmarked: α moves g of the way to 0 (ns-3 and Linux alike). */
  unmarked(f: number): void {
    this.moveAlpha(f, 0);
  }

  /** A window of flow `f`'s data came back with `fraction` of it marked: α takes one step ({@link dctcpAlphaStep}) and is told to the queues; returns the new α. */
  private moveAlpha(f: number, fraction: number): number {
    const alpha = dctcpAlphaStep(this.queues.alphaOf(f), fraction);
    this.t.alphaAtS[this.t.slotOf[f]] = this.sim.nowS;
    this.queues.setAlpha(f, alpha, this.sim.nowS);
    return alpha;
  }

  /** DCTCP flow `f` settled at a marking port: its α moves towards the port's α* from now (one update chain per flow). */
  settle(f: number): void {
    this.step(f);
    this.alphaMoved(f);
  }

  /**
   * DCTCP flow `f`, settled at a marking port, brings its α up to now: in the port's steady
   * state the marked fraction is α*, so after n round trips α = α* + (α₀ − α*)(1 − g)^n. It
   * tells the queues and comes back one half-life (≈ 10.7 round trips) later, until α is within
   * {@link ALPHA_SETTLED} of α* (then it is α*). A flow no port marks now keeps its α.
   */
  private step(f: number, fromEvent = false): void {
    const t = this.t;
    const s = t.slotOf[f];
    // Done since this update was due: its chain ends with it.
    if (s < 0) return;
    const now = this.sim.nowS;
    // One update chain per flow: an event runs only if it is the one pending, a settling flow starts one only if none is.
    if (fromEvent ? t.alphaDueS[s] !== now : !Number.isNaN(t.alphaDueS[s])) return;
    t.alphaDueS[s] = NaN;
    if (t.phase[f] !== Phase.Steady || t.cc[s] !== TcpCc.Dctcp) return;
    const r = this.queues.boundAt(f);
    const target = r >= 0 ? this.queues.steadyAlpha(r) : NaN;
    if (Number.isNaN(target)) {
      restoreDctcpShare(this.network, t, f);
      return;
    }
    const rtt = this.rttNow(f);
    const gap = (this.queues.alphaOf(f) - target) * (1 - DCTCP_G) ** ((now - t.alphaAtS[s]) / rtt);
    const settled = Math.abs(gap) < ALPHA_SETTLED;
    t.alphaAtS[s] = now;
    const alpha = settled ? target : target + gap;
    this.queues.setAlpha(f, alpha, now);
    if (fromEvent) this.alphaMoved(f);
    // Its share of the port is its window over its round trip (dctcpShare), against a flow there
    // at α* with the port's mean base RTT and this flow's own queueing, the period of the port's
    // sawtooth (in that flow's round trips) setting how often a window is marked.
    weighByDctcpShare(this.network, t, f, dctcpShareFactor(alpha, rtt, target, this.queues.meanBaseRttS(r) + rtt - t.baseRttS[s], this.queues.sawtoothCutPackets(r)));
    if (settled) return;
    const next = now + ALPHA_HALF_LIFE_RTTS * rtt;
    t.alphaDueS[s] = next;
    this.sim.schedule(next, this.kind, f);
  }
}
