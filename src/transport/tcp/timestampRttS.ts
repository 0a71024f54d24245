// timestampRttS: an RTT sample as ns-3 3.37 takes it from TCP timestamps (whole milliseconds), and the smoothed RTT it feeds.

/** ns-3's timestamp clock: Simulator::Now().GetMilliSeconds() of a time held in whole nanoseconds. */
export function wholeMs(tS: number): number {
  return Math.floor(Math.round(tS * 1e9) / 1e6);
}

/**
 * The RTT sample ns-3 3.37 takes from the ACK of a segment sent at `sentS` and acknowledged at
 * `ackS` (seconds) with timestamps on (its default): TcpOptionTS::ElapsedTimeFromTsValue, the
 * difference of the two whole-millisecond clocks, and TcpSocketBase::EstimateRtt's 1 µs where
 * that is 0. So a 100 µs round trip samples 1 µs, or 1 ms when it spans a millisecond boundary.
 */
export function timestampRttS(sentS: number, ackS: number): number {
  return sampleOfMsS(wholeMs(ackS) - wholeMs(sentS));
}

/** The RTT sample of two whole-millisecond clocks `ms` apart ({@link timestampRttS}): `ms` in seconds, or 1 µs where it is 0. */
export function sampleOfMsS(ms: number): number {
  return ms > 0 ? ms / 1000 : 1e-6;
}

/**
 * ns-3's smoothed RTT (RttMeanDeviation, α = 1/8, the m_lastRtt that TcpSocketBase hands the
 * congestion control) after sample `sampleS`: the first sample (`srttS` NaN) sets it.
 */
export function smoothedRttS(srttS: number, sampleS: number): number {
  return Number.isNaN(srttS) ? sampleS : srttS + (sampleS - srttS) / 8;
}
