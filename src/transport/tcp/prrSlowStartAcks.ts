// prrSlowStartAcks: how many of the recovery round's ACKs clock out a fast recovery that starts with its pipe below ssthresh (PRR's slow-start reduction bound).

/**
 * ACKs that clock out `packets` of a fast recovery whose pipe at its start, `pipe` segments (the
 * survivors still outstanding), is below its cut window `ssthresh`, as ns-3 3.37's
 * `TcpPrrRecovery::DoRecovery` sends it in its default reduction bound (SSRB, RFC 6937): below
 * ssthresh each ACK lets out what it delivered (one segment) until a retransmission is
 * acknowledged (`m_isRetransDataAcked`, a round trip after the fast retransmission: `ackedAfter`
 * ACKs), and from then on max(prr_delivered − prr_out, delivered) + 1 segment — two per ACK, the
 * pipe growing by one — until the pipe reaches ssthresh; then one per ACK again. So `packets`
 * go out over a + m ACKs, a = min(packets, ackedAfter) sent one per ACK and the rest n − a at two
 * per ACK for at most ssthresh − pipe ACKs: m = max((n − a)/2, (n − a) − (ssthresh − pipe)).
 * Evidence (ns-3 `tracetx`, `incast-cubic-32x32k`, q0_20: cwnd 14, ssthresh 9.8, 11 holes):
 * resent one per ACK for 156 µs from its fast retransmission, then two per ACK.
 */
export function prrSlowStartAcks(packets: number, pipe: number, ssthresh: number, ackedAfter: number): number {
  const n = Math.max(0, packets);
  const a = Math.min(n, Math.max(0, ackedAfter));
  const rest = n - a;
  const room = Math.max(0, ssthresh - Math.max(0, pipe));
  return a + Math.max(rest / 2, rest - room);
}
