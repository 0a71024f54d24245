// PortArrivals: a port and the bursts arriving there, as BurstJudge's test of the port found them (the record its overflow path reads).

/**
 * A port and the bursts of an instant arriving there, as {@link BurstJudge}'s test of the port
 * found them: the scratch record its overflow path reads (numbers NaN until the first).
 */
export class PortArrivals {
  /** The port (a channel). */
  r = -1;
  /** Packets the bursts bring, and their bytes (`packet` bytes each on average). */
  arrivals = NaN;
  bytes = NaN;
  packet = NaN;
  /** The longest of the bursts' own trains, seconds, and the bytes of their previous rounds, whose ACKs clock them out. */
  longest = NaN;
  clocked = NaN;
  /** Whether every burst reacts to ECN marks (DCTCP). */
  ecnAll = false;
  /** The port's capacity in force, bytes/s, and the rate it drains the bursts at (their flows' shares at a `saturated` drop-tail port). */
  capacity = NaN;
  saturated = false;
  drainBps = NaN;
  /** Packets queued before the bursts (the port's standing queue and their flows' own), its buffer and its marking threshold K (0: it does not mark), in packets. */
  standing = NaN;
  buffer = NaN;
  k = NaN;
  /** Seconds from the earliest burst's start to the latest's (0 when they left at one instant). */
  offsetMaxS = NaN;
}
