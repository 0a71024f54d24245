// hyStartRound: Cubic's HyStart over one slow-start round's ACKs, as ns-3 3.37's TcpCubic runs it.
import { HYSTART_LOW_WINDOW } from "./CongestionControl.js";
import type { TcpFlowTable } from "./TcpFlowTable.js";
import { sampleOfMsS, smoothedRttS, wholeMs } from "./timestampRttS.js";

/** HyStartAckDelta: ACKs further apart than this are no train (ns-3 default 2 ms). */
const ACK_DELTA_S = 0.002;
/** HyStartMinSamples: delay samples a round takes before its delay test (ns-3 default 8). */
const MIN_SAMPLES = 8;
/** HyStartDelayMin and HyStartDelayMax: the delay test's threshold is the least RTT clamped to these (ns-3 defaults). */
const DELAY_MIN_S = 0.004;
const DELAY_MAX_S = 1;
/**
 * Between 0 and this time (2^20 s) a sum of two times is within 2^-32 s of exact, so ACKs at most
 * {@link ACK_DELTA_S}/2 apart keep their computed gaps under {@link ACK_DELTA_S}: a train in
 * progress stays one ({@link hyStartRound}'s skip).
 */
const EXACT_GAPS_S = 2 ** 20;

/**
 * Walks the ACKs of a slow-start round of the Cubic flow in live slot `s` of `t` as ns-3 3.37 handles each
 * (TcpSocketBase::ReceivedAck → TcpCubic::PktsAcked, then IncreaseWindow) and returns the window
 * at which HyStart ends slow start, or NaN if it does not in this round.
 *
 * The round's first ACK reaches the sender at `roundS` (the sender's clock), the others follow
 * `ackSpacingS` apart, one per `delayedAck` of the `delivered` packets of the window `w` before the
 * round; each acknowledges a segment sent `rttS` before it. Per ACK:
 * - the RTT sample is the timestamps' whole-millisecond difference ({@link timestampRttS}), and
 *   the congestion control is handed the smoothed RTT ({@link smoothedRttS}), whose least value is
 *   HyStart's delayMin (`t.minRttS`, kept across rounds as `t.srttS`);
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
 *
 * The same walk in fewer steps, every value bit for bit (test/transport/tcp/hyStartRound.test.ts
 * holds the ACK-by-ACK loop as its twin): the two millisecond clocks only step up along the
 * round (`roundS + j·ackSpacingS` grows with j), so the sample is recomputed only at the next ACK
 * where one of them steps ({@link nextStep}); and while the sample holds, an ACK that leaves the
 * smoothed RTT as it was (its floating-point fixed point) is followed by ACKs that do the same, so
 * the walk jumps to that step when nothing else an ACK does can change before it: the delay test
 * already decided, and the train either broken for good or going on (ACKs at most 1 ms apart)
 * with its test `a − start > delayMin` false at the jump's last ACK (it grows with the ACK, so its
 * first true ACK is found by bisection otherwise).
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
  // The sample, from the ACK's and its segment's whole-millisecond clocks, good until ACK `step`.
  let sample = NaN;
  let ackMs = NaN;
  let sentMs = NaN;
  let step = 0;
  const trainKept = 2 * ackSpacingS <= ACK_DELTA_S;
  for (let j = 0; j < acks; j++) {
    const a = roundS + j * ackSpacingS;
    if (j === step) {
      ackMs = wholeMs(a);
      sentMs = wholeMs(a - rttS);
      sample = sampleOfMsS(ackMs - sentMs);
      step = Math.min(nextStep(roundS, ackSpacingS, 0, j, ackMs, acks), nextStep(roundS, ackSpacingS, rttS, j, sentMs, acks));
    }
    const before = srtt;
    srtt = smoothedRttS(srtt, sample);
    if (srtt < least) least = srtt;
    const cwnd = w + j * delayedAck;
    let inTrain = false;
    if (cwnd >= HYSTART_LOW_WINDOW) {
      let found = false;
      if (a - last <= ACK_DELTA_S) {
        last = a;
        inTrain = true;
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
    if (j === 0) {
      start = last = a;
      continue;
    }
    // The jump: ACKs j+1 … end change nothing but, in a train, its last ACK — or one of them ends slow start.
    const end = step - 1;
    if (end <= j || srtt !== before) continue;
    if (cwnd < HYSTART_LOW_WINDOW) {
      // No test before 16 segments; jump no further than the ACK before the first tested one.
      const untested = Math.min(end, Math.ceil((HYSTART_LOW_WINDOW - w) / delayedAck) - 1);
      if (untested > j && w + untested * delayedAck < HYSTART_LOW_WINDOW) j = untested;
      continue;
    }
    if (samples < MIN_SAMPLES || roundLeast > least + Math.min(DELAY_MAX_S, Math.max(DELAY_MIN_S, least))) continue;
    if (!inTrain) {
      // A broken train stays broken: later ACKs are later still.
      j = end;
      continue;
    }
    const aEnd = roundS + end * ackSpacingS;
    if (!trainKept || !(roundS >= 0 && aEnd < EXACT_GAPS_S)) continue;
    if (!(aEnd - start > least)) {
      last = aEnd;
      j = end;
      continue;
    }
    // The train test turns true within the jump: its first ACK ends slow start.
    let lo = j;
    let hi = end;
    while (hi - lo > 1) {
      const mid = lo + ((hi - lo) >> 1);
      if (roundS + mid * ackSpacingS - start > least) hi = mid;
      else lo = mid;
    }
    last = roundS + hi * ackSpacingS;
    exit = w + hi * delayedAck;
    break;
  }
  t.srttS[s] = srtt;
  t.minRttS[s] = least;
  t.roundStartS[s] = start;
  t.lastAckS[s] = last;
  return exit;
}

/**
 * The first ACK after ACK `j` (at most `acks`) whose clock `wholeMs(roundS + k·ackSpacingS − lagS)`
 * is past `ms`, the clock at ACK j. The clock never falls as k grows: a guess from the
 * millisecond's end is checked with the ACK before it, and bisection finds the ACK if the guess missed.
 */
function nextStep(roundS: number, ackSpacingS: number, lagS: number, j: number, ms: number, acks: number): number {
  const clock = (k: number) => wholeMs(roundS + k * ackSpacingS - lagS);
  // The clock at `lo` is not past `ms`; the ACK sought is in (lo, hi], and is `hi` itself if none is.
  let lo = j;
  let hi = acks;
  const guess = Math.ceil(((ms + 1) / 1000 + lagS - roundS) / ackSpacingS);
  if (guess > lo && guess < hi) {
    if (clock(guess) > ms) {
      if (guess - 1 === lo || clock(guess - 1) <= ms) return guess;
      hi = guess - 1;
    } else lo = guess;
  }
  while (hi - lo > 1) {
    const mid = lo + ((hi - lo) >> 1);
    if (clock(mid) > ms) hi = mid;
    else lo = mid;
  }
  return hi;
}
