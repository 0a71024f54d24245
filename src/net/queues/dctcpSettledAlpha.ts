// dctcpSettledAlpha: the α long DCTCP flows settle at (and the fraction their port marks) as ns-3 3.37 reacts to marks — whole CWR cuts, re-entered while ECE persists — below eq. 7's α*.
import { dctcpAlpha } from "./dctcpSawtooth.js";

/**
 * The marked fraction, and so the α, that N long DCTCP flows at one marking port settle at in
 * ns-3 3.37, for a per-flow critical window W* = (P + K)/N. Eq. 7 of Alizadeh et al. (SIGCOMM
 * 2010; {@link dctcpAlpha}) has one window of marks per period, W* + 1 packets, answered by one
 * cut of α/2: α²(1 − α/4) = (2W* + 1)/(W* + 1)². ns-3 reacts otherwise:
 *
 * - `TcpSocketBase::ReceivedAck` enters CWR at the first ECE (`EnterCwr`: ssthresh =
 *   (1 − α/2)·cwnd, `TcpDctcp::GetSsThresh`) and leaves it when the cumulative ACK passes the
 *   highest sequence sent at entry (`m_recover`); an ACK that leaves it still carrying ECE enters
 *   it again at once. Each CWR round is one whole cut, however few of its packets were marked.
 * - In CWR the sender sends ⌈delivered·(1 − α/2)⌉ − sent (PRR, the default recovery): one packet
 *   fewer per 2/α delivered. The queue, which grew one packet per flow in the round the marks were
 *   set (its peak is K + N), so falls back to K only after each flow delivered 2/α packets more
 *   in CWR, all marked: a period's marks span s = 1 + 2/(α(W* + 1)) windows, in ⌈s⌉ cuts.
 *
 * Growing one packet per round trip and cut ⌈s⌉ times a period for s windows of marks, a flow
 * meets eq. 7's balance with its marks per cut scaled by φ = s/⌈s⌉: α²(1 − α/4) =
 * φ·(2W* + 1)/(W* + 1)², solved here on the branch k = ⌈s⌉ whose root has s in (k − 1, k]:
 * α³(1 − α/4) = (2W* + 1)/(W* + 1)² · (α + 2/(W* + 1)) / k, by bisection (the left side less the
 * right is increasing in α wherever the root lies). For W* ≤ 1 (eq. 7's α* is 1) it is 1.
 *
 * ns-3 3.37 (N flows of 30/N MB through one 10 Gb/s NIC, K = 30 packets, base RTT 4·d + 2.6 µs;
 * `bench/ns3/README.md`, Session 43, /tmp/n3/dctcp43-star) — marks per packet at the NIC, flows'
 * mean α; eq. 7's α*; this law:
 * d = 1 µs: N = 1 0.204, 0.194; 0.240; 0.191 · N = 2 0.290, 0.272; 0.337; 0.278 · N = 4 0.405,
 * 0.365; 0.467; 0.402 · N = 8 0.499, 0.444; 0.630; 0.567 · N = 16 0.608, 0.557; 0.812; 0.767.
 * d = 5 µs: N = 1 0.176, 0.168; 0.205; 0.161 · N = 2 0.251, 0.244; 0.289; 0.234 · N = 4 0.347,
 * 0.328; 0.403; 0.340 · N = 8 0.465, 0.422; 0.551; 0.486 · N = 16 0.581, 0.498; 0.728; 0.672.
 * Chosen on N = 1, 2, 4, 8 (within 9 % of the marks but +14 % at 1 µs, N = 8); held out N = 16:
 * +26 % and +16 % (eq. 7: +34 %, +25 %). Windows of a few packets (N ≥ 8 here) are cut more
 * often than ⌈s⌉ in ns-3 (PRR's ceiling leaves a CWR round of fewer than 2/α packets uncut, so
 * the marks outlast it), which this law does not hold.
 */
export function dctcpSettledAlpha(wStar: number): number {
  const star = dctcpAlpha(wStar);
  if (!(star < 1)) return 1;
  const wp = wStar + 1;
  const rhs = (2 * wStar + 1) / (wp * wp);
  for (let k = 2; k <= 64; k++) {
    const a = rootOnBranch(rhs, wp, k);
    const s = 1 + 2 / (a * wp);
    if (s > k - 1 && s <= k) return a;
  }
  return star;
}

/** The root in (0, 1] of α³(1 − α/4) − rhs·(α + 2/wp)/k, by bisection (60 halvings, deterministic); 1 where there is none below 1. */
function rootOnBranch(rhs: number, wp: number, k: number): number {
  const f = (a: number): number => a * a * a * (1 - a / 4) - (rhs * (a + 2 / wp)) / k;
  if (!(f(1) > 0)) return 1;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (f(mid) > 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}
