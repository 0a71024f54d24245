// rtoAckedJump: the segments the first ACK after a retransmission timeout's resent head adds to a tcp flow's window beyond ordinary slow start, by its congestion control, and whether ssthresh caps them (ns-3 3.37's slow start with the receiver's SACKed data acknowledged at once).
import { TcpCc } from "./TcpFlowTable.js";

/**
 * Segments beyond the ordinary slow-start growth that the cumulative ACK of a retransmission
 * timeout's resent head adds to the window of a flow of congestion control `cc` ({@link TcpCc}),
 * when the receiver holds `sackedSegs` segments delivered above the hole. That ACK acknowledges
 * the head and everything SACKed above it at once: ns-3 3.37's TcpSocketBase::ProcessAck (a
 * partial ACK in CA_LOSS) passes segsAcked = (ackNumber − oldHeadSequence) / segmentSize, 1 + N,
 * to IncreaseWindow, with the window at one segment:
 * - TcpCubic::IncreaseWindow (tcp-cubic.cc) below ssthresh adds segmentsAcked · segmentSize
 *   (byte counting with no cap at ssthresh): the window becomes 2 + N segments, past ssthresh.
 * - DCTCP (TcpDctcp derives from TcpLinuxReno and overrides neither IncreaseWindow nor SlowStart):
 *   TcpLinuxReno::SlowStart (tcp-linux-reno.cc) sets cwnd = min(cwnd + segmentsAcked · segmentSize,
 *   ssthresh), the window min(2 + N, ssthresh) segments; TcpLinuxReno::IncreaseWindow drops the
 *   remainder SlowStart returns (it calls CongestionAvoidance only in its else branch, when the
 *   window was already at ssthresh), so nothing more grows on that ACK ({@link rtoJumpCappedAtSsthresh}).
 * - TcpNewReno::SlowStart (tcp-congestion-ops.cc) adds one segment per ACK whatever it
 *   acknowledges, so ordinary slow start already counts it: 0 here.
 */
export function rtoAckedJump(cc: TcpCc, sackedSegs: number): number {
  return cc === TcpCc.NewReno ? 0 : Math.max(0, sackedSegs);
}

/**
 * Whether the window that {@link rtoAckedJump} opens stops at ssthresh for congestion control
 * `cc`: DCTCP's TcpLinuxReno::SlowStart caps it there (and drops the rest of the ACK's count);
 * Cubic's byte counting does not.
 */
export function rtoJumpCappedAtSsthresh(cc: TcpCc): boolean {
  return cc !== TcpCc.Cubic;
}
