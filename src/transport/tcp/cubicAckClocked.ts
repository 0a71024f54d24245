// cubicAckClocked: Cubic's window law, per ACK as ns-3 3.37 grows it, for a flow whose ACKs come back at a fixed rate.
import { BOUND_SLACK, CUBIC_C } from "./CongestionControl.js";

/** ns-3's TcpCubic CntClamp before any loss: one segment per 20 acknowledged at least. */
const PRELOSS_CNT = 20;
/** ns-3's TcpCubic::Update never returns a count under 2: one segment per 2 acknowledged at most. */
const MIN_CNT = 2;

/**
 * Cubic's window, in segments, `dtS` seconds after it was `w` at `tS` seconds into the epoch
 * (anchored at `wMax`, `w0` and `k` as in {@link cubicAdvanceFrom}), for a flow the network
 * binds: its ACKs come back at its share, `ackPps` segments per second, not at its window per
 * round trip. ns-3 3.37's TcpCubic::IncreaseWindow grows the window per acknowledged segment:
 * one segment every `cnt` acknowledged, cnt = w / (target − w) for the curve's target, at most
 * 20 before any loss (CntClamp) and at least 2. Over `dtS` it acknowledges ackPps · dtS segments,
 * so the window follows the curve, at least w + acked / 20 before any loss and at most
 * w + acked / 2 — linear in time, where the per-round-trip reading (1.05 and 1.5 per RTT)
 * compounds at a round trip that the queue the window builds keeps lengthening.
 *
 * The answer is the one the curve's powers give, but where a bound of the curve from plain
 * products (within {@link BOUND_SLACK} of it) already puts it at or below the window (after a
 * loss) or the floor (before one), the powers are not taken: the answer is that window or floor
 * either way.
 */
export function cubicAckClocked(wMax: number, w0: number, k: number, w: number, tS: number, dtS: number, rttS: number, ackPps: number): number {
  if (!(dtS > 0)) return w;
  const t = Math.max(0, tS + dtS);
  const acked = ackPps * dtS;
  const cap = w + acked / MIN_CNT;
  if (wMax > w0) {
    const x = t + rttS - k;
    const cube = x * x * x;
    if (wMax + CUBIC_C * cube + BOUND_SLACK * (Math.abs(wMax) + CUBIC_C * Math.abs(cube)) <= w) return w;
    const target = wMax + CUBIC_C * x ** 3;
    return target <= w ? w : Math.min(target, cap);
  }
  // floor ≤ cap (acked ≥ 0): a curve at or below the floor leaves the floor.
  const floor = w + acked / PRELOSS_CNT;
  const u = t + rttS;
  const a = u * u * u;
  const b = rttS * rttS * rttS;
  if (w0 + CUBIC_C * (a - b) + BOUND_SLACK * (Math.abs(w0) + CUBIC_C * (Math.abs(a) + Math.abs(b))) <= floor) return floor;
  const curve = w0 + CUBIC_C * (u ** 3 - rttS ** 3);
  return Math.min(Math.max(curve, floor), cap);
}
