// spreadArrivals: how many packets of a window spread evenly over its round trip arrive while a port's buffer is full.

/**
 * A window of `w` packets spread evenly over a round trip of `rttS` seconds (one packet every
 * rttS / w, as a window-limited flow sends once its ACKs come back through a queue shared with
 * other flows, interleaved with theirs), its first packet at `phase` ∈ [0, 1) of a spacing into
 * the `fullS` seconds a buffer stays full: the packets that arrive then, k with
 * (phase + k)·rttS/w < fullS — ⌈x − phase⌉ for x = w·fullS/rttS, i.e. ⌊x⌋ or ⌊x⌋ + 1, the latter
 * when phase < x − ⌊x⌋ (so over a uniform phase, x on average); x is at most the window (a
 * fractional window: its whole packets or one more, at that chance).
 */
export function spreadArrivals(w: number, fullS: number, rttS: number, phase: number): number {
  if (!(w > 0) || !(fullS > 0) || !(rttS > 0)) return 0;
  const x = Math.min(w, (w * fullS) / rttS);
  const whole = Math.floor(x);
  return whole + (phase < x - whole ? 1 : 0);
}
