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
 * Whether `lost` packets (default one) lost from a window of `w` segments (with `leftPackets`
 * still to send) are told by three duplicate ACKs: they come from the rest of its window — less
 * the other holes — and, with limited transmit (RFC 3042; SACK, RFC 6675), from new data each of
 * them lets out while any is left. A window below 2 segments: never.
 */
export function windowLossTold(w: number, leftPackets: number, lost = 1): boolean {
  const behind = w - lost + Math.max(0, leftPackets - w);
  return !(w < 2 || behind < DUPTHRESH);
}
