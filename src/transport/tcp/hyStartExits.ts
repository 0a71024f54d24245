// hyStartExits: whether Cubic's HyStart ends slow start after a round, as ns-3 3.37 implements it.
import { HYSTART_LOW_WINDOW } from "./CongestionControl.js";

/**
 * Cubic's HyStart as ns-3 3.37 implements it (TcpCubic::HystartUpdate, with the window `w` at
 * least HyStartLowWindow = 16 segments): slow start ends when the round's ACK train (`trainS`)
 * lasts longer than the least RTT seen (`leastRttS`: the window fills the pipe), when the RTT
 * now (`rttS`) rose above the least by clamp(least RTT, 4 ms, 1 s), or — ns-3 measuring the
 * train from the previous round's start whenever ACKs never pause for 2 ms (HyStartAckDelta) —
 * when any queueing delay appeared since the least RTT on a path whose round trip exceeds the
 * train by less than 2 ms. No least RTT yet (Infinity): no exit.
 */
export function hyStartExits(w: number, leastRttS: number, rttS: number, trainS: number): boolean {
  if (w < HYSTART_LOW_WINDOW) return false;
  if (!Number.isFinite(leastRttS)) return false;
  if (trainS > leastRttS) return true;
  if (rttS > leastRttS + Math.min(1, Math.max(0.004, leastRttS))) return true;
  return rttS - trainS <= 0.002 && rttS > leastRttS * (1 + 1e-9);
}
