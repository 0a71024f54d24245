// hyStartRound: Cubic's HyStart over one slow-start round's ACKs, as ns-3 3.37's TcpCubic runs it.
import { HYSTART_LOW_WINDOW } from "./CongestionControl.js";
import type { TcpFlowTable } from "./TcpFlowTable.js";
import { smoothedRttS, timestampRttS } from "./timestampRttS.js";

/** HyStartAckDelta: ACKs further apart than this are no train (ns-3 default 2 ms). */
const ACK_DELTA_S = 0.002;
/** HyStartMinSamples: delay samples a round takes before its delay test (ns-3 default 8). */
const MIN_SAMPLES = 8;
/** HyStartDelayMin and HyStartDelayMax: the delay test's threshold is the least RTT clamped to these (ns-3 defaults). */
const DELAY_MIN_S = 0.004;
const DELAY_MAX_S = 1;

/**
 * Walks the ACKs of a slow-start round of the Cubic flow in live slot `s` of `t` as ns-3 3.37 handles each
 * (TcpSocketBase::ReceivedAck → TcpCubic::PktsAcked, then IncreaseWindow) and returns the window
 * at which HyStart ends slow start, or NaN if it does not in this round.
 *
 * The round's first ACK reaches the sender at `roundS` (the sender's clock), the others follow
 * `ackSpacingS` apart, one per `delayedAck` of the `delivered` packets of the window `w` before the
 * round; each acknowledges a segment sent `rttS` before it. Per ACK:
 * - the RTT sample is the timestamps' whole-millisecond difference ({@link timestampRttS}), and
 *   the congestion control is handed the smoothed RTT, whose least value is HyStart's delayMin
 *   (`t.minRttS`, kept across rounds as `t.srttS`);
 * - from a window of HyStartLowWindow = 16 segments (before this ACK's growth of `delayedAck`), the
 *   ACK-train test: an ACK at most 2 ms after the train's last one, more than delayMin after the
 *   round's start, ends slow start; and the delay test: once the round has taken 8 samples, their
 *   least smoothed RTT above delayMin + clamp(delayMin, 4 ms, 1 s) ends it;
 * - the round starts (HystartReset) after its first ACK is handled: that ACK is tested against the
 *   previous round's start (`t.roundStartS`) and last train ACK (`t.lastAckS`), a whole round trip
 *   back. Its delay test (the previous round's ninth sample or later) is not taken.
 * So a flow whose smoothed RTT is 1 µs (its SYN and first data ACK in one millisecond) leaves at
 * 16 segments within its first flight's ACKs, and a sub-millisecond flow leaves as soon as its
 * smoothed RTT has decayed below a round trip.
 */
export function hyStartRound(
  t: TcpFlowTable,
  s: number,
  roundS: number,
  w: number,
  delivered: number,
  delayedAck: number,
  ackSpacingS: number,
  rttS: number,
): number {
  const acks = Math.ceil(delivered / delayedAck);
  let srtt = t.srttS[s];
  let least = t.minRttS[s];
  let start = t.roundStartS[s];
  let last = t.lastAckS[s];
  let samples = 0;
  let roundLeast = Infinity;
  let exit = NaN;
  for (let j = 0; j < acks; j++) {
    const a = roundS + j * ackSpacingS;
    srtt = smoothedRttS(srtt, timestampRttS(a - rttS, a));
    if (srtt < least) least = srtt;
    const cwnd = w + j * delayedAck;
    if (cwnd >= HYSTART_LOW_WINDOW) {
      let found = false;
      if (a - last <= ACK_DELTA_S) {
        last = a;
        if (a - start > least) found = true;
      }
      if (j > 0) {
        if (samples < MIN_SAMPLES) {
          if (srtt < roundLeast) roundLeast = srtt;
          samples++;
        } else if (roundLeast > least + Math.min(DELAY_MAX_S, Math.max(DELAY_MIN_S, least))) found = true;
      }
      if (found) {
        exit = cwnd;
        break;
      }
    }
    if (j === 0) start = last = a;
  }
  t.srttS[s] = srtt;
  t.minRttS[s] = least;
  t.roundStartS[s] = start;
  t.lastAckS[s] = last;
  return exit;
}
