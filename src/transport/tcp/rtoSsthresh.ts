// rtoSsthresh: the slow-start threshold a tcp flow's retransmission timeout leaves, by its congestion control (ns-3 3.37's GetSsThresh at ReTxTimeout).
import { CUBIC_BETA } from "./CongestionControl.js";
import { TcpCc } from "./TcpFlowTable.js";

/**
 * Segments the slow start after a retransmission timeout grows to before congestion avoidance,
 * for a flow of congestion control `cc` ({@link TcpCc}) whose window was `cwnd` segments when
 * the timer fired and whose DCTCP marking average is `alpha`. ns-3 3.37's
 * TcpSocketBase::ReTxTimeout sets ssthresh from the congestion control's GetSsThresh (unless the
 * timer fires again for a head already resent in CA_LOSS, where the first timeout's stays),
 * then cwnd to one segment: TcpCubic::GetSsThresh gives max(⌊0.7·⌊cwnd⌋⌋, 2) segments,
 * TcpDctcp::GetSsThresh (1 − α/2)·cwnd. NewReno's is half the bytes in flight before the
 * timeout (TcpNewReno::GetSsThresh), RFC 6675's pipe of holes not yet deemed lost, which this
 * flow-level model does not track: Infinity, slow start until a loss, as before.
 */
export function rtoSsthresh(cc: TcpCc, cwnd: number, alpha: number): number {
  if (cc === TcpCc.Cubic) return Math.max(2, Math.floor(Math.floor(cwnd) * CUBIC_BETA));
  if (cc === TcpCc.Dctcp) return (1 - alpha / 2) * cwnd;
  return Infinity;
}
