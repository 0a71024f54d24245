// rtoAckedJump: the segments the first ACK after a retransmission timeout's resent head adds to a tcp flow's window beyond ordinary slow start, by its congestion control (ns-3 3.37's slow start with the receiver's SACKed data acknowledged at once).
import { TcpCc } from "./TcpFlowTable.js";

/**
 * Segments beyond the ordinary slow-start growth that the cumulative ACK of a retransmission
 * timeout's resent head adds to the window of a flow of congestion control `cc` ({@link TcpCc}),
 * when the receiver holds `sackedSegs` segments delivered above the hole. That ACK acknowledges
 * the head and everything SACKed above it at once: ns-3 3.37's TcpSocketBase::ProcessAck (a
 * partial ACK in CA_LOSS) passes segsAcked = (ackNumber − oldHeadSequence) / segmentSize to
 * IncreaseWindow. TcpCubic::IncreaseWindow, below ssthresh (the window is one segment), adds
 * segmentsAcked · segmentSize (Appropriate Byte Counting with no limit and no cap at ssthresh):
 * the window becomes 1 + 1 + N segments. TcpNewReno::SlowStart adds one segment per ACK whatever
 * it acknowledges, so ordinary slow start already counts it; DCTCP (TcpLinuxReno::SlowStart)
 * caps the sum at ssthresh — left to the ordinary slow start here.
 */
export function rtoAckedJump(cc: TcpCc, sackedSegs: number): number {
  return cc === TcpCc.Cubic ? Math.max(0, sackedSegs) : 0;
}
