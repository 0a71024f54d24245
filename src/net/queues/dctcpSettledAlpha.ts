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
 *   in CWR, all marked: a period's marks span s = 1 + 2/(α(W* + 1)) windows.
 * - A flow's cuts are its CWR rounds: the first at its first ECE, then one more for each round
 *   whose exit ACK still echoes CE, so ⌈s⌉ for a span of exactly s windows. But the span ends
 *   where the port's queue falls back to K — when all N flows have shed their packet — at a
 *   point of each flow's own round that is as likely anywhere in it, so over its periods a flow
 *   is cut E[⌈s⌉] = s + 1/2 times on average (session 43's law took ⌈s⌉, the span's phase fixed).
 *   ns-3's star traces agree: per period the cuts exceed the windows of marks by 0.33–0.68, mean
 *   0.48 (bench/ns3/README.md, Session 44; with one flow the span is 1.3–1.9 windows and the cuts
 *   always 2, s + 1/2 there because s ≈ 1.5).
 *
 * Growing one packet per round trip and cut s + 1/2 times a period for s windows of marks, a flow
 * meets eq. 7's balance with its marks per cut scaled by φ = s/(s + 1/2): α²(1 − α/4) =
 * φ·(2W* + 1)/(W* + 1)², i.e. α²(1 − α/4)·(3α(W* + 1)/2 + 2) = (2W* + 1)/(W* + 1)²·(α(W* + 1) + 2),
 * solved by bisection (one root in (0, 1)). For W* ≤ 1 (eq. 7's α* is 1) it is 1. `star` is eq. 7's α* at
 * W* ({@link dctcpAlpha}), when the caller has it.
 *
 * ns-3 3.37 (N flows of 30/N MB through one 10 Gb/s NIC, K = 30 packets, base RTT 4·d + 2.6 µs;
 * `bench/ns3/README.md`, Sessions 43 and 44) — marks per packet at the NIC; this law:
 * d = 1 µs: N = 1 0.204, 0.202 · 2 0.290, 0.287 · 3 0.360, 0.350 · 4 0.405, 0.400 · 6 0.463, 0.483 ·
 * 8 0.499, 0.548 · 12 0.575, 0.638 · 16 0.608, 0.712.
 * d = 5 µs: N = 1 0.176, 0.172 · 2 0.251, 0.244 · 3 0.307, 0.300 · 4 0.347, 0.344 · 6 0.426, 0.418 ·
 * 8 0.465, 0.476 · 12 0.522, 0.564 · 16 0.581, 0.638.
 * Chosen on N ≤ 8 (−3 % to +10 %; session 43's ⌈s⌉ −8 % to +14 %), held out N = 12 and 16: +8 % to
 * +17 % (⌈s⌉: +13 % to +27 %). Windows of a few packets still settle above ns-3's, where the
 * period's packets differ from eq. 7's sawtooth (CWR rounds neither grow nor, under PRR's
 * entry, shrink much).
 */
export function dctcpSettledAlpha(wStar: number, star = dctcpAlpha(wStar)): number {
  if (!(star < 1)) return 1;
  const wp = wStar + 1;
  const rhs = (2 * wStar + 1) / (wp * wp);
  if (!(balance(1, wp, rhs) > 0)) return 1;
  let lo = 0;
  let hi = 1;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    // lo and hi neighbouring doubles: mid is one of them, and every later halving leaves both as they are.
    if (mid === lo || mid === hi) break;
    if (balance(mid, wp, rhs) > 0) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The law's balance less its right side at α, for wp = W* + 1 and rhs = (2W* + 1)/wp²:
 * α²(1 − α/4)·(s + 1/2) = rhs·s with s·α·wp = α·wp + 2, both sides × α·wp. A function of its
 * own (not a closure over wp and rhs), which the compiler inlines into the bisection's loop.
 */
function balance(a: number, wp: number, rhs: number): number {
  return a * a * (1 - a / 4) * (1.5 * a * wp + 2) - rhs * (a * wp + 2);
}
