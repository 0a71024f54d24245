// FlowMarks: the ECN marks and the window cuts for marks the tcp model charges each DCTCP flow — its share of its ports' marks, and the cuts its window makes in a marking port's sawtooth.
import type { ListPool } from "../../core/ListPool.js";
import type { Simulation } from "../../core/Simulation.js";
import type { QueueObserver } from "../../net/queues/QueueObserver.js";
import type { QueueState } from "../../net/queues/QueueState.js";
import { MARK_PACKET_BYTES, type Sawtooth } from "../../net/queues/Sawtooth.js";
import { TcpCc, TcpPhase as Phase, type TcpFlowTable } from "./TcpFlowTable.js";

/**
 * Per DCTCP flow, the marks and cuts of flows.csv (`marks`, `mark_cuts`), counted in links.csv's
 * vocabulary: a mark is a packet a port sets CE on.
 *
 * - **Marks.** A port's marks are what links.csv counts there (QueueRecorder): the packets its
 *   slow-start bursts marked above K — each burst's marks go to its flow ({@link BurstAnswers}) —
 *   plus its DCTCP sawtooth's steady fraction of what it forwards, in {@link MARK_PACKET_BYTES}
 *   packets. The steady ones go to the flows crossing the port by their rates: a flow draining at
 *   ρ bytes/s through ports r of marked fraction m_r(t) gets Σ_r ∫ m_r ρ dt / 1,500. Each port
 *   keeps the running integral I_r = ∫ m_r dt / 1,500 (brought up at each change of its sawtooth),
 *   and a flow the sum over its route of I_r when it was last brought up to date: between two of
 *   its rate changes its rate is constant, so its marks grow by ρ × (that sum now − then). At a
 *   saturated port the rates of the flows crossing it add up to its capacity, so its flows' marks
 *   add up to its links.csv `marks` (less what non-DCTCP flows crossing it carried: those are
 *   not ECN-capable and count none here).
 * - **Cuts for marks.** In slow start each marked round is one cut (`DctcpAlpha.cutForMarks`), and
 *   so is each round trip such a flow is marked again while that port stands at K
 *   (`DctcpAlpha.cutForStandingMarks`).
 *   Settled in a marking port's sawtooth, a flow's window neither grows nor shrinks on average:
 *   it grows one packet per round trip and each cut takes α/2 of the window it peaks at, W* + 1
 *   (Alizadeh et al. 2010, §3.3), so it is cut 2 / (α (W* + 1)) times per round trip — with ns-3's
 *   settled α (`dctcpSettledAlpha`) that is its s + 1/2 cuts per period of eq. 7's sawtooth. The
 *   port keeps J_r = ∫ 2/(W* + 1) dt while it marks, and the flow bound there adds
 *   (J_r now − then) / (α × RTT), its α and round trip as of its last update (a rate change, a
 *   step of its α). A flow crossing a marking port it is not bound at is marked there and cut
 *   for none of it by this law (its window is not what the model holds that port's queue by):
 *   only by the re-marks above.
 */
export class FlowMarks implements QueueObserver {
  /** Per resource: I_r at {@link sinceS}, per byte forwarded. */
  private readonly markIndex: Float64Array;
  /** Per resource: J_r at {@link sinceS}. */
  private readonly cutIndex: Float64Array;
  /** Per resource: m_r / 1,500 and 2 / (W* + 1) of its current sawtooth (0 where it does not mark). */
  private readonly markPerByte: Float64Array;
  private readonly cutPerS: Float64Array;
  /** Per resource: when its indexes were last brought up. */
  private readonly sinceS: Float64Array;
  /** Whether any port has marked yet (until then every index is 0 and no route is walked). */
  private marking = false;

  constructor(
    private readonly sim: Simulation,
    private readonly queues: QueueState,
    private readonly t: TcpFlowTable,
    /** The live flows' route resources. */
    private readonly held: ListPool,
    resourceCount: number,
    private readonly rttNow: (f: number) => number,
  ) {
    this.markIndex = new Float64Array(resourceCount);
    this.cutIndex = new Float64Array(resourceCount);
    this.markPerByte = new Float64Array(resourceCount);
    this.cutPerS = new Float64Array(resourceCount);
    this.sinceS = new Float64Array(resourceCount);
    queues.observe(this);
  }

  /** @inheritdoc */
  queueChanged(r: number, sawtooth: Sawtooth, nowS: number): void {
    const m = sawtooth.markFraction;
    if (!(m > 0) && this.markPerByte[r] === 0) return;
    this.close(r, nowS);
    if (m > 0) {
      this.marking = true;
      this.markPerByte[r] = m / MARK_PACKET_BYTES;
      const w = this.queues.criticalWindowPackets(r);
      this.cutPerS[r] = w > 0 ? 2 / (w + 1) : 0;
    } else {
      this.markPerByte[r] = 0;
      this.cutPerS[r] = 0;
    }
  }

  /** Flow `f` (its live slot taken, its route held) starts: nothing charged yet, its route's index now. */
  started(f: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    t.marks[f] = 0;
    t.markCuts[f] = 0;
    t.lossCuts[f] = 0;
    t.markRateBps[s] = 0;
    t.markCutPort[s] = -1;
    t.markCutScale[s] = 0;
    t.markCutIndexAt[s] = 0;
    t.markIndexAt[s] = t.cc[s] === TcpCc.Dctcp ? this.routeIndex(f, this.sim.nowS) : 0;
  }

  /** Flow `f`'s rate is now `rateBps` (wire bytes/s): charge its marks and cuts up to now at the old one. */
  rateChanged(f: number, rateBps: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    if (t.cc[s] !== TcpCc.Dctcp) return;
    this.bringMarksUp(f, s);
    t.markRateBps[s] = rateBps;
  }

  /** Flow `f`'s phase, bound port, α or round trip may have moved: charge its cuts up to now, then take its cut rate again. */
  refresh(f: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    if (s < 0 || t.cc[s] !== TcpCc.Dctcp) return;
    this.bringCutsUp(f, s);
    const r = t.phase[f] === Phase.Steady ? this.queues.boundAt(f) : -1;
    const scale = r >= 0 ? 1 / (this.queues.alphaOf(f) * this.rttNow(f)) : 0;
    if (r >= 0 && scale > 0 && scale < Infinity) {
      t.markCutPort[s] = r;
      t.markCutScale[s] = scale;
      t.markCutIndexAt[s] = this.cutIndexAt(r, this.sim.nowS);
    } else t.markCutPort[s] = -1;
  }

  /** Flow `f` moved to another route (held already): its marks count on the new route's ports from now. */
  rerouted(f: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    if (s < 0 || t.cc[s] !== TcpCc.Dctcp) return;
    // Its rate was told r → 0 on the old route: nothing is owed there.
    t.markIndexAt[s] = this.routeIndex(f, this.sim.nowS);
    this.refresh(f);
  }

  /** Charge live flow `f` (its route still held) its marks and cuts up to now: as it finishes, or when a report reads them. */
  bringUp(f: number): void {
    const t = this.t;
    const s = t.slotOf[f];
    if (t.cc[s] !== TcpCc.Dctcp) return;
    this.bringMarksUp(f, s);
    this.bringCutsUp(f, s);
  }

  /** Charge flow `f` (slot `s`) its marks from its last update to now, at its rate since. */
  private bringMarksUp(f: number, s: number): void {
    if (!this.marking) return;
    const t = this.t;
    const index = this.routeIndex(f, this.sim.nowS);
    const rate = t.markRateBps[s];
    if (rate > 0) t.marks[f] += rate * (index - t.markIndexAt[s]);
    t.markIndexAt[s] = index;
  }

  /** Charge flow `f` (slot `s`) the cuts its marking port's sawtooth made since its last update. */
  private bringCutsUp(f: number, s: number): void {
    const t = this.t;
    const r = t.markCutPort[s];
    if (r < 0) return;
    const j = this.cutIndexAt(r, this.sim.nowS);
    t.markCuts[f] += (j - t.markCutIndexAt[s]) * t.markCutScale[s];
    t.markCutIndexAt[s] = j;
  }

  /** Σ over flow `f`'s route of I_r at `nowS` (0 until a port marks). */
  private routeIndex(f: number, nowS: number): number {
    if (!this.marking) return 0;
    const held = this.held;
    const pool = held.pool;
    const at = held.offsetOf(f);
    const end = at + held.lengthOf(f);
    let sum = 0;
    for (let i = at; i < end; i++) {
      const r = pool[i];
      sum += this.markIndex[r] + this.markPerByte[r] * (nowS - this.sinceS[r]);
    }
    return sum;
  }

  /** J_r at `nowS`. */
  private cutIndexAt(r: number, nowS: number): number {
    return this.cutIndex[r] + this.cutPerS[r] * (nowS - this.sinceS[r]);
  }

  /** Bring port `r`'s indexes up to `nowS` at its current rates. */
  private close(r: number, nowS: number): void {
    const dt = nowS - this.sinceS[r];
    if (dt > 0) {
      this.markIndex[r] += this.markPerByte[r] * dt;
      this.cutIndex[r] += this.cutPerS[r] * dt;
    }
    this.sinceS[r] = nowS;
  }
}
