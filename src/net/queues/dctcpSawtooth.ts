// dctcpSawtooth: the queue N long DCTCP flows keep at a marking port (Alizadeh et al., SIGCOMM 2010, §3.3).
import { LinearSawtooth } from "./LinearSawtooth.js";
import type { Sawtooth } from "./Sawtooth.js";

/**
 * The steady-state queue of `flows` long-lived DCTCP flows bottlenecked at one port that
 * marks packets (ECN CE) whenever its instantaneous queue exceeds K, after the analysis of
 * Alizadeh et al., "Data Center TCP (DCTCP)", SIGCOMM 2010, §3.3 (synchronised flows, one
 * window unit = one packet). With P = C × RTT (the pipe, packets), the window at which the
 * queue reaches K is W* = (P + K)/N; the fraction of marked packets α solves
 * α²(1 − α/4) = (2W* + 1)/(W* + 1)² (≈ √(2/W*)); each flow cuts its window by
 * D = (W* + 1)·α/2 once per cycle, so the queue swings by A = N·D between
 * Q_max = N(W* + 1) − P = K + N and Q_min = Q_max − A, growing by N packets per RTT (one per
 * flow). The queue is linear in time over the cycle, so the samples are equally spaced
 * between Q_min and Q_max; where Q_min < 0 the port idles for that part of the cycle (the
 * queue is 0 there). Everything is capped by the buffer. The port marks a fraction α of the
 * packets it forwards.
 *
 * The flows' own α (`meanAlpha`, their mean) sets the cut when given: a flow's α is an average
 * of the marked fractions with gain g = 1/16 per window (eq. 1 of the paper), starting at 1
 * (ns-3, Linux), so young flows still cut by more than the steady α* and the queue swings lower.
 *
 * @param flows N ≥ 1, the DCTCP flows bound at the port
 * @param pipePackets P = capacity × the flows' mean base RTT, in packets
 * @param kPackets K, the marking threshold, packets
 * @param bufferPackets the port's buffer, packets
 * @param packetBytes bytes per packet on the wire (to give the samples in bytes)
 * @param meanAlpha the flows' mean α, for the amplitude (default: the steady α*; the port's marked fraction stays α*)
 */
export function dctcpSawtooth(
  flows: number,
  pipePackets: number,
  kPackets: number,
  bufferPackets: number,
  packetBytes: number,
  meanAlpha?: number,
): Sawtooth {
  const wStar = (pipePackets + kPackets) / flows;
  const alpha = dctcpAlpha(wStar);
  return dctcpSawtoothAt(flows, wStar, alpha, kPackets, bufferPackets, packetBytes, meanAlpha ?? alpha);
}

/**
 * {@link dctcpSawtooth} for W* = `wStar` (= (P + K)/N), marking a fraction `alpha` of the packets
 * (there: the steady α* = {@link dctcpAlpha}(W*); `QueueModel` gives ns-3's settled α), swinging
 * by `meanAlpha`: the same samples, as a {@link LinearSawtooth} (its two ends; the samples are
 * made when read).
 */
export function dctcpSawtoothAt(
  flows: number,
  wStar: number,
  alpha: number,
  kPackets: number,
  bufferPackets: number,
  packetBytes: number,
  meanAlpha: number,
): Sawtooth {
  const amplitude = (flows * (wStar + 1) * meanAlpha) / 2;
  const qMax = kPackets + flows;
  const qMin = qMax - amplitude;
  return new LinearSawtooth(qMin, qMax, bufferPackets, packetBytes, alpha);
}

/**
 * DCTCP's steady-state marking fraction for a per-flow critical window W*: the root in (0, 1]
 * of α²(1 − α/4) = (2W* + 1)/(W* + 1)² (Alizadeh et al. 2010, eq. 7), by Newton's method from
 * the approximation √(2/W*). For W* ≤ 1 every packet is marked (α = 1).
 */
export function dctcpAlpha(wStar: number): number {
  const rhs = (2 * wStar + 1) / ((wStar + 1) * (wStar + 1));
  if (!(rhs < 0.75)) return 1; // α = 1 gives 1 − 1/4 = 0.75: anything above means α is capped at 1.
  let a = Math.min(1, Math.sqrt(2 / wStar));
  for (let i = 0; i < 20; i++) {
    const f = a * a * (1 - a / 4) - rhs;
    const df = 2 * a - (3 * a * a) / 4;
    const next = Math.min(1, Math.max(1e-12, a - f / df));
    if (Math.abs(next - a) < 1e-15) return next;
    a = next;
  }
  return a;
}
