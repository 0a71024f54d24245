// retransmissionTimeoutS: how long a tcp flow waits out a retransmission timeout (RFC 6298 with one RTT sample).

/**
 * A retransmission timeout after `backoff` timeouts in a row, seconds: RFC 6298 with one RTT
 * sample (`rttS`) gives RTO = SRTT + 4·RTTVAR = 3 RTT, never below `minRtoS`, doubled per
 * timeout in a row (at most 2⁶ times).
 */
export function retransmissionTimeoutS(minRtoS: number, rttS: number, backoff: number): number {
  return Math.max(minRtoS, rttS * 3) * 2 ** Math.min(backoff, 6);
}
