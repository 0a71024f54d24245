// firstHole: where a slow-start burst's first lost packet lies — the packets ahead of it, and the holes in a row from it.

/** What {@link firstHole} returns, packets. */
export interface FirstHole {
  /** The burst's packets ahead of its first hole: all delivered, their ACKs advance the window. */
  inOrder: number;
  /** The holes in a row from the first, up to the next packet delivered. */
  headHoles: number;
}

/**
 * Where the first of `lost` packets of a slow-start burst of `packets` lies. At a drop-tail
 * port (`fullShare` q > 0, {@link fifoOverflow}'s share of the arrivals dropped once the buffer
 * is full, `share` the burst's drop share there) the FIFO admits every packet until its buffer
 * fills and drops q of each arrival after: the packets ahead of the first hole are those that
 * arrived before the fill, packets × (1 − share/q), and after it one packet in 1/(1 − q) gets
 * through, evenly spaced, so q/(1 − q) holes lie before the next survivor (at least one; all
 * `lost` when q = 1). Elsewhere the holes are placed at random among the burst: on average
 * (packets − lost)/(lost + 1) packets lie ahead of the first, and the holes after it have the
 * density of the rest. Never more ahead than were delivered.
 */
export function firstHole(packets: number, lost: number, share: number, fullShare: number): FirstHole {
  const delivered = Math.max(0, packets - lost);
  if (!(lost > 0)) return { inOrder: delivered, headHoles: 0 };
  const q = fullShare > 0 ? Math.min(1, fullShare) : lost / Math.max(lost, packets - delivered / (lost + 1));
  const ahead = fullShare > 0 ? packets * Math.max(0, 1 - Math.min(1, share / q)) : delivered / (lost + 1);
  const inOrder = Math.min(delivered, ahead);
  const headHoles = q >= 1 ? lost : Math.min(lost, Math.max(1, q / (1 - q)));
  return { inOrder, headHoles };
}
