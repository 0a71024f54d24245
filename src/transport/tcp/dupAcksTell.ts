// dupAcksTell: whether a tcp flow's lost packets raise the three duplicate ACKs of a fast retransmit, or only its RTO tells them.

/** Duplicate ACKs that trigger a fast retransmit (RFC 5681). */
export const DUPTHRESH = 3;

/**
 * Whether a loss in a slow-start burst is told by three duplicate ACKs: `delivered` packets of
 * the burst got through and `lost` did not, with `leftPackets` of new data still to send. The
 * duplicate ACKs come from the survivors behind the first hole (for losses placed at random,
 * delivered · lost / (lost + 1) of them) and from new data: with SACK (ns-3's and Linux's
 * default) every survivor, before the hole or behind it, frees room in the pipe for a new
 * segment, whose SACK frees room for the next (RFC 6675; limited transmit without SACK), so
 * while data is left the holes are told. No survivor at all: never.
 */
export function burstLossTold(delivered: number, lost: number, leftPackets: number): boolean {
  const behind = (delivered * lost) / (lost + 1) + leftPackets;
  return !(delivered === 0 || behind < DUPTHRESH);
}

/**
 * Whether a loss in a slow-start burst at a drop-tail port is told by three duplicate ACKs, the
 * port's FIFO placing the holes: `delivered` packets of the burst got through and `lost` did not,
 * with `leftPackets` of new data still to send, and the port dropped `fullShare` (0 < q ≤ 1) of
 * what arrived while its buffer was full ({@link fifoOverflow}'s `fullShare`). A FIFO admits the
 * burst's packets until its buffer fills and from then on drops each arrival at q: the holes are
 * among the burst's packets arriving after the fill (lost / q of them), and only the survivors
 * among those, lost · (1 − q) / q (at most `delivered`), are behind the first hole — not
 * delivered · lost / (lost + 1), as with holes anywhere in the burst ({@link burstLossTold}), which
 * counts the survivors ahead of the fill too. ns-3 3.37 (`TcpSocketBase::DupAck`) enters recovery
 * only on the third duplicate ACK or once `IsLost` finds three segments SACKed above the first
 * hole; with fewer, nothing is resent until the RTO (3.37 has no tail-loss probe). Evidence
 * (ns-3 `tracedrops`, fattree-websearch-cubic-seed9): flows of 20–43 segments lost segments 15–19,
 * 27 and 43 of their last round at an aggregation, a core and an edge port, with 2, 2 and 0 delivered behind
 * the first hole, and waited 200 ms. No survivor at all: never.
 */
export function fifoBurstLossTold(delivered: number, lost: number, leftPackets: number, fullShare: number): boolean {
  if (!(fullShare > 0)) return burstLossTold(delivered, lost, leftPackets);
  const behind = Math.min(delivered, (lost * (1 - Math.min(1, fullShare))) / fullShare) + leftPackets;
  return !(delivered === 0 || behind < DUPTHRESH);
}

/**
 * Whether the losses of a slow-start burst that an ECE has put in CWR are all told without an
 * RTO (ns-3 3.37, the tcp model's reference): `delivered` packets of the burst got through,
 * `behindLast` of them sent after its last lost packet, and `leftDelivered` packets of new
 * data sent after the burst get through too. In CWR, `TcpSocketBase::DupAck` counts duplicate
 * ACKs but moves to neither disorder nor recovery, so nothing is resent on the third one nor on
 * a partial ACK (`ProcessAck`'s CWR branch); a hole is resent only once the SACK scoreboard
 * deems it lost, three segments SACKed above it (`TcpTxBuffer::UpdateLostCount`, then
 * `NextSeg` rule 1, in any state), so every hole is told iff the *last* one has three delivered
 * segments behind it. No survivor at all: never (no ACK comes back).
 */
export function cwrLossTold(delivered: number, behindLast: number, leftDelivered: number): boolean {
  return delivered > 0 && behindLast + leftDelivered >= DUPTHRESH;
}

/**
 * Whether `lost` packets (default one) a flow in avoidance lost at an overflowing drop-tail port
 * are told by three duplicate ACKs. A drop-tail port drops what arrives at its full buffer: of
 * the flow's packets, its newest to reach the port. The duplicate ACKs come only from packets
 * behind the first of them in sequence (sent after it: those still on their way to the port, and
 * the data not yet sent, which the ACKs of the packets before it and, with limited transmit (RFC
 * 3042) and SACK (RFC 6675), each duplicate ACK let out while any is left). The packets before it
 * raise ordinary ACKs. Of the `leftPackets` the flow has not yet delivered, the lost ones and the
 * `aheadPackets` before them still on their way to the receiver (its own packets waiting in the
 * full buffer) are not behind the first hole, so leftPackets − aheadPackets − lost are: fewer
 * than three (a loss among the flow's last packets), and only the RTO tells it. A window below 2
 * segments: never (nothing before it lets anything out).
 */
export function windowLossTold(w: number, leftPackets: number, lost = 1, aheadPackets = 0): boolean {
  const behind = leftPackets - aheadPackets - lost;
  return !(w < 2 || behind < DUPTHRESH);
}
