// rtoSsthresh: the slow-start threshold a tcp flow's retransmission timeout leaves, by its congestion control (ns-3 3.37's GetSsThresh at ReTxTimeout).
import { CUBIC_BETA, dctcpCut } from "./CongestionControl.js";
import { TcpCc } from "./TcpFlowTable.js";

/**
 * Segments the slow start after a retransmission timeout grows to before congestion avoidance,
 * for a flow of congestion control `cc` ({@link TcpCc}) whose window was `cwnd` segments when
 * the timer fired, `pipeSegs` of them still counted in flight (RFC 6675's pipe: sent, neither
 * SACKed nor deemed lost), and whose DCTCP marking average is `alpha`. ns-3 3.37's
 * TcpSocketBase::ReTxTimeout takes `inFlightBeforeRto = BytesInFlight()` and sets ssthresh from
 * the congestion control's GetSsThresh (unless the timer fires again for a head already resent in
 * CA_LOSS, where the first timeout's stays), then cwnd to one segment: TcpCubic::GetSsThresh
 * gives max(⌊0.7·⌊cwnd⌋⌋, 2) segments, TcpDctcp::GetSsThresh (1 − α/2)·cwnd, TcpNewReno::GetSsThresh
 * max(2, pipe/2) segments.
 */
export function rtoSsthresh(cc: TcpCc, cwnd: number, alpha: number, pipeSegs: number): number {
  if (cc === TcpCc.Cubic) return Math.max(2, Math.floor(Math.floor(cwnd) * CUBIC_BETA));
  if (cc === TcpCc.Dctcp) return dctcpCut(cwnd, alpha);
  return Math.max(2, pipeSegs / 2);
}
