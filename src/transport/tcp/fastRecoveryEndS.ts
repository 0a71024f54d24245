// fastRecoveryEndS: when a tcp flow's fast recovery ends — its retransmissions sent and acknowledged.

/**
 * When a fast recovery that began at `nowS` for `lostPackets` lost packets ends: the
 * retransmissions go out first (RFC 6675 with PRR) at the flow's rate — its share `shareBps`
 * (none: 0) of the port that drops, at most the cut window `cwnd` per round trip `rttS` — so the
 * last of them leaves (lost − 1) packet times on and is acknowledged one round trip later.
 * No loss: it ends now.
 */
export function fastRecoveryEndS(nowS: number, rttS: number, lostPackets: number, cwnd: number, packetBytes: number, shareBps: number): number {
  if (!(lostPackets > 0)) return nowS;
  const windowBps = (cwnd * packetBytes) / rttS;
  const bps = shareBps > 0 ? Math.min(shareBps, windowBps) : windowBps;
  return nowS + rttS + ((lostPackets - 1) * packetBytes) / bps;
}
