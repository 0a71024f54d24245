// recoveryBurst: the burst a fast recovery sends — the retransmissions and new data of the cut window — as the ports judge it.

/** A burst as {@link BurstJudge.offer} takes it (packets, their train, the flow's own packets still queued, the bytes clocking it out). */
export interface RecoveryBurst {
  packets: number;
  durationS: number;
  standing: number;
  prevBytes: number;
}

/**
 * Fast recovery after a slow-start loss: the window `before` was cut to `after`; the lost
 * packets (`lostPackets`) and then new data (up to `leftPackets` more) go out as the previous
 * window's ACKs come back at `clockBps` (proportional rate reduction, RFC 6937: no faster than
 * the ACK clock), so over that window's train. They queue behind what is left of the previous
 * window at the ports: its excess over the flow's pipe (`clockBps` × `baseRttS`), as a round's
 * burst does — where that excess already fills a port the others keep saturated, the
 * retransmissions overflow it and the flow times out.
 */
export function recoveryBurst(before: number, after: number, leftPackets: number, lostPackets: number, clockBps: number, baseRttS: number, packetBytes: number): RecoveryBurst {
  return {
    packets: Math.min(after, leftPackets + lostPackets),
    durationS: (before * packetBytes) / clockBps,
    standing: standingPackets(before, clockBps, baseRttS, packetBytes),
    prevBytes: before * packetBytes,
  };
}

/**
 * Packets of a flow's previous window `windowPackets` still queued at its ports when the next
 * burst follows it: the window's excess over the flow's pipe (`clockBps` × `baseRttS`), at
 * least 0 — a slow-start round's burst and a fast recovery's queue behind it alike.
 */
export function standingPackets(windowPackets: number, clockBps: number, baseRttS: number, packetBytes: number): number {
  return Math.max(0, windowPackets - (clockBps * baseRttS) / packetBytes);
}

/**
 * Chance that a flow in fast recovery loses one of its retransmissions at a port that overflows
 * meanwhile: the port drops `drops` packets among what arrives over the round trip `rttS` through
 * its full buffer (what it drains then, `capacityBps` × `rttS`, plus the drops), each arrival
 * alike; the flow's arrivals among them that matter are its retransmissions still to cross the
 * port, at its rate `rateBps` for that round trip or until the last has crossed (`retxLeftS`
 * from now). A lost retransmission is told only by the RTO (RFC 6675; ns-3 3.37 has no RACK);
 * a lost packet of new data is a hole the same recovery repairs.
 */
export function retransmissionLoss(drops: number, capacityBps: number, rttS: number, rateBps: number, retxLeftS: number, packetBytes: number): number {
  if (!(drops > 0) || !(retxLeftS > 0)) return 0;
  const share = drops / ((capacityBps * rttS) / packetBytes + drops);
  const sent = (rateBps * Math.min(rttS, retxLeftS)) / packetBytes;
  return 1 - (1 - share) ** sent;
}
