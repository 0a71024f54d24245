// LossPortsHost: what the owner of the tcp flows does for the loss ports — RTTs now, and a flow's answer to losing packets at an overflow.

/** What the flows' owner does for the ports ({@link LossPorts}): RTTs now, and a flow's answer to losing a packet. */
export interface LossPortsHost {
  /** Round trip of flow `f` now (base plus queueing both ways), seconds. */
  rttNow(f: number): number;
  /**
   * Flow `f` in avoidance lost `lostPackets` (≥ 1) of its newest packets at an overflow of port
   * `r` (its window brought up to now, its retransmissions counted, off its port): cut its window
   * or time out. `rttS` is its round trip through the full buffer, before the port was re-judged
   * without the cut flows' excess.
   */
  lost(f: number, r: number, rttS: number, lostPackets: number): void;
  /**
   * Port `r` overflows while flow `f`, in a fast recovery, sends through it: the port drops
   * `drops` packets among what arrives in the round trip its full buffer
   * takes (`rttS`, the flow's round trip through it), the recovering flow's packets among them.
   */
  recovering(f: number, r: number, drops: number, rttS: number): void;
}
