// slowStartWindow: a tcp flow's window after a slow-start round trip, grown by the ACKs of what got through.

/**
 * The window after a slow-start round trip of window `w` segments of which `lostLast` were
 * lost: each delivered packet's ACK grows it by `growth` − 1 segments (`growth` is the window's
 * factor per round trip, {@link slowStartFactor}; a lost packet raises no ACK), never beyond the
 * send window `windowSegs`.
 */
export function slowStartWindow(w: number, lostLast: number, growth: number, windowSegs: number): number {
  return Math.min(w + Math.max(0, w - lostLast) * (growth - 1), windowSegs);
}

/**
 * The packets a slow-start round sends when the round before lost `lostLast` of its packets and
 * the window grew to `next` ({@link slowStartWindow}, grown only by the ACKs ahead of the first
 * hole): the holes are still in flight until the duplicate ACKs tell them (RFC 6675's pipe, ns-3
 * 3.37's `BytesInFlight`), so the round sends the window less them — two packets per ACK ahead of
 * the first hole (growth 2), one per duplicate ACK behind it, none for a hole.
 */
export function lossRoundSent(next: number, lostLast: number): number {
  return Math.max(0, next - lostLast);
}
