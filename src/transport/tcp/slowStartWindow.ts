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
