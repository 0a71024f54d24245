// prrCatchUp: how much of a slow-start recovery's cut window goes out at the ACK clock, and how much at once when its first retransmission is acknowledged.

/** What {@link prrCatchUp} returns: packets sent over the recovery round's ACK train, then at once. */
export interface PrrSplit {
  /** Packets sent at the ACK clock while the round's ACKs come back (retransmissions first). */
  clocked: number;
  /** Packets sent at once when the first retransmission is acknowledged: ssthresh − pipe then. */
  catchUp: number;
}

/**
 * Proportional rate reduction in a recovery from a window of `recoverFs` packets in flight
 * (RecoverFS) of which `lost` were lost, with the cut window `ssthresh`, as ns-3 3.37's
 * `TcpPrrRecovery` sends it (RFC 6937): every ACK of the D = RecoverFS − lost survivors takes
 * one packet out of the pipe and marks lost/D holes (RFC 6675's pipe, holes spread over the
 * window), and while the pipe is above ssthresh PRR sends ssthresh/RecoverFS per ACK, so the pipe
 * falls by c = RecoverFS/D − ssthresh/RecoverFS per ACK and reaches ssthresh after
 * x₁ = (RecoverFS − ssthresh)/c ACKs. Below ssthresh ns-3 sends nothing more until a retransmission
 * is acknowledged (its traces: cwnd falls on from ssthresh to 294 in 0.7 ms, then jumps), then
 * sets cwnd to ssthresh: a burst of ssthresh − pipe, the pipe being what it sent,
 * x₁ × ssthresh/RecoverFS. With no loss the pipe never falls below ssthresh and nothing is left
 * for a catch-up. Measured on ns-3's `rtt-mix-newreno` (10 ms flows, `tracecwnd`, `tracestates`,
 * `tracedrops`): RecoverFS 1,152 and 1,128, lost 358 and 372, ssthresh 575 and 563 give 272 and
 * 279 against ns-3's jumps of 281 and 269 (550 together, against 551 here). Where the holes
 * bunch in the round's tail instead, they are marked lost late and the pipe falls slower: ns-3's
 * Cubic flows of `rtt-mix-cubic` (RecoverFS 2,304, 634 lost, ssthresh 1,612) jumped 413 where
 * this gives ~900 (docs/transport.md, "Synchronised recoveries and PRR's catch-up").
 */
export function prrCatchUp(recoverFs: number, lost: number, ssthresh: number): PrrSplit {
  const w = recoverFs;
  const s = Math.min(ssthresh, w);
  const l = Math.min(Math.max(0, lost), w);
  const delivered = w - l;
  if (!(w > 0) || !(delivered > 0)) return { clocked: 0, catchUp: s };
  const fall = w / delivered - s / w;
  // The ACKs until the pipe reaches ssthresh (all of them if it never does).
  const x1 = fall > 0 ? Math.min(delivered, (w - s) / fall) : delivered;
  const clocked = Math.min(s, (x1 * s) / w);
  return { clocked, catchUp: s - clocked };
}
