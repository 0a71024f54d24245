// TcpFlowTable: the per-flow state of every `tcp` flow of a run — phase, window, timers, costs — in typed arrays, and the window law read from it.
import { grown } from "../../core/grown.js";
import type { TcpOptions } from "../TransportSpec.js";
import { cubicAckClocked } from "./cubicAckClocked.js";
import { cubicAdvanceFrom, cubicK, renoIncreasePerRtt, slowStartFactor } from "./CongestionControl.js";

/** Phase of a tcp flow's window. */
export const TcpPhase = { None: 0, SlowStart: 1, Avoidance: 2, Steady: 3, Timeout: 4, Done: 5 } as const;
/** One of the {@link TcpPhase} values. */
export type TcpPhase = (typeof TcpPhase)[keyof typeof TcpPhase];

/** A flow's congestion control as a small integer (read in the hot loops instead of comparing names). */
export const TcpCc = { Cubic: 0, NewReno: 1, Dctcp: 2 } as const;
/** One of the {@link TcpCc} values. */
export type TcpCc = (typeof TcpCc)[keyof typeof TcpCc];

/**
 * Struct-of-arrays state of the tcp flows of one run: what {@link TcpFlows}, the ports that
 * track loss-based windows ({@link LossPorts}) and the burst judge share. Two kinds of rows:
 * - **per flow**, indexed by flow id (the network's, never reused) and kept to the end of the
 *   run: the flow's phase, its live slot ({@link slotOf}) and what flows.csv reports of it
 *   (`handshakeS`, `activeS`, `growthEndS`, `queueingS`, `retransmits`, `timeouts`, `marks`,
 *   `markCuts`, `lossCuts`);
 * - **per live slot**, indexed by `slotOf[f]`: everything else — the window state and the
 *   options' constants (packet bytes, window limit, congestion control, avoidance growth, so the
 *   hot paths read numbers, not option records). A flow takes a slot as it starts ({@link take})
 *   and gives it back as it finishes ({@link free}), so these arrays grow with the flows live at
 *   once, not with every flow of the run (a 10⁶-request agents run: ~2.9 million flows, a few
 *   thousand live).
 */
export class TcpFlowTable {
  /** Flows the per-flow arrays hold (none until the first {@link reserve}). */
  cap = 0;
  /** Live slots the per-slot arrays hold. */
  private slotCap = 0;
  /** Per flow: its live slot, -1 when it has none (not tcp, not started, or done). */
  slotOf = new Int32Array(0);
  /** Free live slots, a stack (handed out from the top: the highest first). */
  private freeSlots = new Int32Array(0);
  private freeCount = 0;
  /** Per flow: where its window is ({@link TcpPhase}). */
  phase = new Uint8Array(0);
  /** Index of the flow's options in {@link options}. */
  optionIndex = new Int32Array(0);
  /** Congestion control ({@link TcpCc}). */
  cc = new Uint8Array(0);
  /** Bytes of a full packet on the wire: MSS plus headers. */
  packetBytes = new Float64Array(0);
  /** The receive/send window, segments. */
  windowSegs = new Float64Array(0);
  /** The receive/send window, bytes (the options', kept per flow so the hot paths read no option record). */
  windowBytes = new Float64Array(0);
  /** The window's factor per slow-start round trip ({@link slowStartFactor}). */
  slowStartGrowth = new Float64Array(0);
  /** Segments NewReno or DCTCP add per avoidance round trip. */
  renoPerRtt = new Float64Array(0);
  /** Congestion window, segments. */
  cwnd = new Float64Array(0);
  /** Cubic's window at the last loss, segments. */
  wMax = new Float64Array(0);
  /** Slow-start threshold, segments: a slow start (after a timeout: `rtoSsthresh`) that reaches it goes on in congestion avoidance; Infinity while none is set. */
  ssthreshSegs = new Float64Array(0);
  /** Segments delivered above the hole when the flow last timed out (SACKed at the receiver), acknowledged at once by the first ACK after its resent head ({@link rtoAckedJump}); 0 once counted. */
  rtoSackedSegs = new Float64Array(0);
  /**
   * Cubic's K for the epoch's W_max and w0 ({@link cubicK}), and the two it was taken for (NaN:
   * none yet), side by side at `f * 4` (K, then W_max, then w0; one cache line where three
   * arrays took three): kept, not taken again at every window.
   */
  private cubicKey = new Float64Array(0);
  /** Window when the avoidance epoch began, segments. */
  w0 = new Float64Array(0);
  /** Start of the avoidance epoch (or of the last slow-start round), seconds; NaN before the first round. */
  epochS = new Float64Array(0);
  /** When `cwnd` was last brought up to date, seconds. */
  lastS = new Float64Array(0);
  /** When DCTCP's marking average α (held by the queues, `QueueState.alphaOf`) was last brought up to date, seconds, and when its next update at a marking port is due (NaN: none pending). */
  alphaAtS = new Float64Array(0);
  alphaDueS = new Float64Array(0);
  /** Round trip without queues: twice the latency plus a packet out and an ACK back at every hop, seconds. */
  baseRttS = new Float64Array(0);
  /** When the first byte reached the receiver, seconds. */
  activeS = new Float64Array(0);
  /** The user's rate cap, bytes/s (Infinity for none). */
  userCapBps = new Float64Array(0);
  /** The flow's pending round, step or resume event (-1 for none). */
  timer = new Int32Array(0);
  /** The port tracking the flow's window (-1 for none). */
  port = new Int32Array(0);
  /** Seconds of connection set-up before the first byte left. */
  handshakeS = new Float64Array(0);
  /** When the window stopped limiting the flow, seconds (NaN until then). */
  growthEndS = new Float64Array(0);
  /** Seconds the flow's packets waited in queues so far. */
  queueingS = new Float64Array(0);
  /** Packets lost and sent again. */
  retransmits = new Int32Array(0);
  /** Retransmission timeouts waited out. */
  timeouts = new Int32Array(0);
  /** DCTCP: packets its ports marked (CE), a fluid count (`FlowMarks`). */
  marks = new Float64Array(0);
  /** DCTCP: window cuts for marks, counted in slow start and expected in a port's sawtooth (`FlowMarks`). */
  markCuts = new Float64Array(0);
  /** Window cuts for losses: fast recoveries entered (`cutWindow`), timeouts not counted. */
  lossCuts = new Int32Array(0);
  /** Timeouts in a row without a delivered round since (the RTO doubles with each, RFC 6298 §5.5). */
  backoff = new Int32Array(0);
  /** Slow-start loss state: 0 none; 1 lost in the last round; 2 its duplicate ACKs are on their way; 3 retransmitting. */
  lossAge = new Uint8Array(0);
  /** Packets lost and not yet sent again. */
  lostPackets = new Float64Array(0);
  /** Packets of the last burst that did not get through (they raise no ACK, so they do not grow the window). */
  lostLast = new Float64Array(0);
  /** Packets of the last slow-start round that came back marked (DCTCP), to react to one RTT later. */
  markedLast = new Float64Array(0);
  /**
   * DCTCP: the port that marked the flow's slow start (the most of its marked round), kept after
   * the cut while that port's queue still reaches K: each avoidance round trip the flow sends
   * there is marked again (`AvoidanceSteps`); -1 for none.
   */
  markPort = new Int32Array(0);
  /** HyStart's delayMin: the least smoothed RTT the flow's ACKs handed Cubic, seconds (Infinity: none yet; `hyStartRound`). */
  minRttS = new Float64Array(0);
  /** ns-3's smoothed RTT of the flow's millisecond timestamp samples, seconds (NaN: no sample yet; `hyStartRound`). */
  srttS = new Float64Array(0);
  /** HyStart's round start and the last ACK of its train, on the sender's clock, seconds (NaN: none yet; `hyStartRound`). */
  roundStartS = new Float64Array(0);
  lastAckS = new Float64Array(0);
  /** The rate the network binds the flow at, segments/s (its ACKs come back at it: `cubicAckClocked`); 0 while none binds it (its window or its cap does). */
  boundPps = new Float64Array(0);
  /** How long after the sender's clock the flow's slow-start rounds run: its first flight leaves the sender this long before its first round. */
  senderLagS = new Float64Array(0);
  /**
   * 1 once a slow-start round's window covered all the flow had left: every byte has gone out in
   * that flight, so no later round sends anything (a round runs only to answer its losses or
   * marks), and the window no longer caps the drain. Cleared by a timeout or a reroute, after
   * which the flow sends its bytes again.
   */
  sentAll = new Uint8Array(0);
  /** The port where the flow's fast retransmission of an avoidance loss is on its way (-1: none). */
  retxPort = new Int32Array(0);
  /** Until when the retransmissions of the flow's last recovery still cross its ports (that of an avoidance loss: one round trip through the full buffer). */
  retxUntilS = new Float64Array(0);
  /**
   * When the flow's fast recovery ends, seconds: the data outstanding when it began (its
   * recovery point) is acknowledged. Until then its window neither grows nor is cut again by a
   * loss (one decrease per recovery, RFC 6582 and RFC 6675, as ns-3 and Linux do); its
   * avoidance law runs from then ({@link lastS} and {@link epochS} are set there).
   */
  recoveryEndS = new Float64Array(0);
  /**
   * The round trip a pre-loss Cubic window under the per-round-trip law was last read at, and its
   * cube ({@link windowAt}): a flow's windows are read in twos and threes at one round trip (an
   * avoidance step), each taking RTT³, a call into Math.pow. NaN before the first.
   */
  private cubedRttS = NaN;
  private rttCubed = NaN;
  /** {@link windowAt}'s scratch: the window read, then the time and the round trip it was read at. */
  private readonly io = new Float64Array(3);
  /**
   * Proportional rate reduction's catch-up (`prrCatchUp`): packets a slow-start recovery
   * sends at once when its first retransmission is acknowledged, one round trip after it began
   * (0: none due), and the rate its ACK clock sends at meanwhile, packets/s.
   */
  catchUp = new Float64Array(0);
  catchUpClockPps = new Float64Array(0);
  /** 1 while the flow's catch-up is judged at its ports: what they drop is new data, lost in the recovery. */
  inCatchUp = new Uint8Array(0);
  /**
   * 1 when the flow's last slow-start flight lost packets in an overflow episode and it survived
   * (a loss to tell, no timeout): its next round may hold or join an episode (`Burst.joins`).
   */
  episodeLoss = new Uint8Array(0);
  /** Packets of a recovery's catch-up its ports dropped: told by duplicate ACKs, they start a second recovery (another cut) when this one ends. */
  lostInRecovery = new Float64Array(0);
  /**
   * The drop-tail port whose buffer the flow's last slow-start loss overflowed (-1: none): its
   * recovery goes through that full buffer ({@link LossRecovery.recover}).
   */
  lossPort = new Int32Array(0);
  /**
   * The flow's sharing weight before its slow-start recovery behind a full buffer weighed it by
   * its window (`recoveryShare`), given back when its window is cut again or it times out; NaN
   * while none does.
   */
  recoveryWeight = new Float64Array(0);
  /**
   * The flow's sharing weight before {@link weighByDctcpShare} weighed it by its window over its
   * round trip at a marking port (`dctcpShare`), given back when it leaves that port's sawtooth;
   * NaN while none does.
   */
  shareWeight = new Float64Array(0);
  /**
   * `FlowMarks`' bookkeeping of the flow in each live slot: its rate as last told, bytes/s on the
   * wire; its route's mark index (the sum over its ports of ∫ marked fraction dt per byte) when its
   * marks were last brought up to date; the marking port whose sawtooth cuts its window (-1: none),
   * the cuts per unit of that port's cut index (1 / (α × RTT)) and the index when last counted.
   */
  markRateBps = new Float64Array(0);
  markIndexAt = new Float64Array(0);
  markCutPort = new Int32Array(0);
  markCutScale = new Float64Array(0);
  markCutIndexAt = new Float64Array(0);
  /** The options of each workload's transport, by index. */
  readonly options: TcpOptions[] = [];

  /** Make room for flows 0 … `n` − 1 in the per-flow arrays at once (kept when already there): one allocation of each array where doubling would copy it several times over. */
  reserve(n: number): void {
    if (n > this.cap) this.grow(n);
  }

  /**
   * Give flow `f` (< {@link cap}) a live slot as it starts, and return it. A slot's rows hold
   * the last flow's values: its new owner sets every one it reads ({@link TcpFlows.start}, and
   * here those it does not set).
   */
  take(f: number): number {
    if (this.freeCount === 0) this.growSlots(Math.max(64, 2 * this.slotCap));
    const s = this.freeSlots[--this.freeCount];
    this.slotOf[f] = s;
    this.retxUntilS[s] = 0;
    this.catchUp[s] = 0;
    this.catchUpClockPps[s] = 0;
    this.inCatchUp[s] = 0;
    this.episodeLoss[s] = 0;
    this.lostInRecovery[s] = 0;
    // No K kept for this flow's W_max and w0 yet.
    this.cubicKey[4 * s + 1] = NaN;
    this.cubicKey[4 * s + 2] = NaN;
    return s;
  }

  /** Flow `f` is done: its live slot is free again (its per-flow rows stay). */
  free(f: number): void {
    this.freeSlots[this.freeCount++] = this.slotOf[f];
    this.slotOf[f] = -1;
  }

  /** Give the flow in slot `s` the options at `optionIndex` and their constants. */
  setOptions(s: number, optionIndex: number): void {
    const o = this.options[optionIndex];
    this.optionIndex[s] = optionIndex;
    this.cc[s] = o.cc === "cubic" ? TcpCc.Cubic : o.cc === "newreno" ? TcpCc.NewReno : TcpCc.Dctcp;
    this.packetBytes[s] = o.mssBytes + o.headerBytes;
    this.windowSegs[s] = o.windowBytes / o.mssBytes;
    this.windowBytes[s] = o.windowBytes;
    this.slowStartGrowth[s] = slowStartFactor(o.cc, o.delayedAck);
    this.renoPerRtt[s] = o.cc === "cubic" ? 0 : renoIncreasePerRtt(o.cc, o.delayedAck);
  }

  /**
   * The window the flow in slot `f` in avoidance has at `t` (its law from its last update, at round trip `rtt`), segments.
   * Small enough to be inlined where it is read; the law itself ({@link lawIntoIo}) takes `t` and
   * `rtt` and gives the window through {@link io}, so no number crosses that call boxed (a
   * tcp run reads ~800,000 windows: as arguments and a return value, each was a new heap number).
   */
  windowAt(s: number, t: number, rtt: number): number {
    const io = this.io;
    io[1] = t;
    io[2] = rtt;
    this.lawIntoIo(s);
    return io[0];
  }

  /** {@link windowAt}'s law: reads `t` and `rtt` from `io[1]` and `io[2]`, writes the window to `io[0]`. */
  private lawIntoIo(s: number): void {
    const io = this.io;
    const t = io[1];
    const rtt = io[2];
    let w: number;
    if (this.cc[s] === TcpCc.Cubic) {
      // Both of Cubic's laws keep the window where no time has passed, and where no round trip
      // ends: a link of the route is down (capacity 0, so an infinite RTT), no ACK comes back (the
      // laws' (t + RTT)³ − RTT³ would be ∞ − ∞).
      if (!(t > this.lastS[s]) || !(rtt < Infinity)) {
        io[0] = Math.min(this.cwnd[s], this.windowSegs[s]);
        return;
      }
      const wMax = this.wMax[s];
      const w0 = this.w0[s];
      // K is read only after a loss (W_max above w0): before one the law takes no K, and its cache is not read.
      let k = 0;
      if (wMax > w0) {
        const key = this.cubicKey;
        const at = 4 * s;
        if (key[at + 1] !== wMax || key[at + 2] !== w0) {
          key[at] = cubicK(wMax, w0);
          key[at + 1] = wMax;
          key[at + 2] = w0;
        }
        k = key[at];
      }
      const ackPps = this.boundPps[s];
      // A window the network binds grows per ACK: before a loss its floor decides it almost always
      // (every time in the k=16 20,000-flow run), and the law takes RTT³ itself only where it does not.
      if (ackPps > 0) {
        io[0] = Math.min(cubicAckClocked(wMax, w0, k, this.cwnd[s], this.lastS[s] - this.epochS[s], t - this.lastS[s], rtt, ackPps), this.windowSegs[s]);
        return;
      }
      let rttCubed: number | undefined;
      if (!(wMax > w0) && rtt > 0) {
        // The per-round-trip law before a loss always takes RTT³: the cube of the last round trip read is kept.
        if (rtt !== this.cubedRttS) {
          this.cubedRttS = rtt;
          this.rttCubed = rtt ** 3;
        }
        rttCubed = this.rttCubed;
      }
      w = cubicAdvanceFrom(wMax, w0, k, this.cwnd[s], this.lastS[s] - this.epochS[s], t - this.lastS[s], rtt, rttCubed);
    } else w = this.cwnd[s] + (this.renoPerRtt[s] * Math.max(0, t - this.lastS[s])) / rtt;
    io[0] = Math.min(w, this.windowSegs[s]);
  }

  /** Bring the window of the flow in slot `s`, in avoidance, up to `t` (at round trip `rtt`); a recovery ending later holds it where it is. */
  advance(s: number, t: number, rtt: number): number {
    const w = this.windowAt(s, t, rtt);
    this.cwnd[s] = w;
    if (t > this.lastS[s]) this.lastS[s] = t;
    return w;
  }

  /** Whether the flow in slot `s` is in a fast recovery at `t` ({@link recoveryEndS}). */
  recovering(s: number, t: number): boolean {
    return t < this.recoveryEndS[s];
  }

  private grow(n: number): void {
    this.slotOf = grown(this.slotOf, n, -1);
    this.phase = grown(this.phase, n);
    this.activeS = grown(this.activeS, n);
    this.handshakeS = grown(this.handshakeS, n);
    this.growthEndS = grown(this.growthEndS, n);
    this.queueingS = grown(this.queueingS, n);
    this.retransmits = grown(this.retransmits, n);
    this.timeouts = grown(this.timeouts, n);
    this.marks = grown(this.marks, n);
    this.markCuts = grown(this.markCuts, n);
    this.lossCuts = grown(this.lossCuts, n);
    this.cap = n;
  }

  /** Room for `n` live slots: the new ones free, handed out from the highest. */
  private growSlots(n: number): void {
    this.optionIndex = grown(this.optionIndex, n);
    this.cc = grown(this.cc, n);
    this.packetBytes = grown(this.packetBytes, n);
    this.windowSegs = grown(this.windowSegs, n);
    this.renoPerRtt = grown(this.renoPerRtt, n);
    this.windowBytes = grown(this.windowBytes, n);
    this.slowStartGrowth = grown(this.slowStartGrowth, n);
    // Room for the new slots, with their K's W_max and w0 NaN (none yet; take sets them again for each new flow).
    this.cubicKey = grown(this.cubicKey, 4 * n, NaN);
    this.cwnd = grown(this.cwnd, n);
    this.wMax = grown(this.wMax, n);
    this.ssthreshSegs = grown(this.ssthreshSegs, n, Infinity);
    this.rtoSackedSegs = grown(this.rtoSackedSegs, n);
    this.w0 = grown(this.w0, n);
    this.epochS = grown(this.epochS, n);
    this.lastS = grown(this.lastS, n);
    this.alphaAtS = grown(this.alphaAtS, n);
    this.alphaDueS = grown(this.alphaDueS, n, NaN);
    this.baseRttS = grown(this.baseRttS, n);
    this.userCapBps = grown(this.userCapBps, n);
    this.timer = grown(this.timer, n, -1);
    this.port = grown(this.port, n, -1);
    this.retxPort = grown(this.retxPort, n, -1);
    this.retxUntilS = grown(this.retxUntilS, n);
    this.recoveryEndS = grown(this.recoveryEndS, n);
    this.backoff = grown(this.backoff, n);
    this.lossAge = grown(this.lossAge, n);
    this.lostPackets = grown(this.lostPackets, n);
    this.lostLast = grown(this.lostLast, n);
    this.markedLast = grown(this.markedLast, n);
    this.markPort = grown(this.markPort, n, -1);
    this.minRttS = grown(this.minRttS, n);
    this.srttS = grown(this.srttS, n);
    this.roundStartS = grown(this.roundStartS, n);
    this.lastAckS = grown(this.lastAckS, n);
    this.senderLagS = grown(this.senderLagS, n);
    this.boundPps = grown(this.boundPps, n);
    this.sentAll = grown(this.sentAll, n);
    this.catchUp = grown(this.catchUp, n);
    this.catchUpClockPps = grown(this.catchUpClockPps, n);
    this.inCatchUp = grown(this.inCatchUp, n);
    this.episodeLoss = grown(this.episodeLoss, n);
    this.lostInRecovery = grown(this.lostInRecovery, n);
    this.lossPort = grown(this.lossPort, n, -1);
    this.recoveryWeight = grown(this.recoveryWeight, n, NaN);
    this.shareWeight = grown(this.shareWeight, n, NaN);
    this.markRateBps = grown(this.markRateBps, n);
    this.markIndexAt = grown(this.markIndexAt, n);
    this.markCutPort = grown(this.markCutPort, n, -1);
    this.markCutScale = grown(this.markCutScale, n);
    this.markCutIndexAt = grown(this.markCutIndexAt, n);
    this.freeSlots = grown(this.freeSlots, n);
    // The new slots onto the free stack, the highest on top (none was free: take grows only then).
    for (let i = 0; i < n - this.slotCap; i++) this.freeSlots[i] = this.slotCap + i;
    this.freeCount = n - this.slotCap;
    this.slotCap = n;
  }
}
