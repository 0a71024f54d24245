// fifoHoles: where a burst's holes fall when it crosses a full drop-tail port, and whether three duplicate ACKs tell them.
import type { RandomStream } from "../../core/randomStream.js";
import { DUPTHRESH } from "./dupAcksTell.js";

/** What {@link fifoHoles} drew: packets lost and delivered, and whether the loss is told without an RTO. */
export interface FifoHoles {
  lost: number;
  delivered: number;
  told: boolean;
}

/**
 * A burst of `packets` (sent in sequence order) crosses a port whose buffer is full while its
 * first `exposed` packets arrive; a full FIFO drops each arrival then with the port's share
 * `share`, whatever flow it belongs to. Each exposed packet is drawn in order (one uniform
 * each), so where the holes fall is drawn, not taken at its mean: the loss is told by three
 * duplicate ACKs iff some packet got through and the packets behind the *first* hole — the
 * burst's survivors after it and the `leftPackets` of new data the SACKs let out — are at least
 * three (ns-3 3.37 enters recovery on the third duplicate ACK and has no tail-loss probe). One
 * hole in a last round of n (no data left) thus ends in an RTO with chance 3/n — it falls among
 * the last three — where a test of the mean survivors behind it tells it whenever n ≥ 7.
 */
export function fifoHoles(random: RandomStream, packets: number, exposed: number, share: number, leftPackets: number, out: FifoHoles): FifoHoles {
  const n = Math.max(0, Math.round(packets));
  const m = Math.min(n, Math.max(0, Math.ceil(exposed)));
  let lost = 0;
  let first = -1;
  for (let i = 0; i < m; i++) {
    if (random() < share) {
      lost++;
      if (first < 0) first = i;
    }
  }
  out.lost = lost;
  out.delivered = n - lost;
  // Survivors behind the first hole: every packet after it but the later holes.
  const behind = first < 0 ? 0 : n - first - 1 - (lost - 1);
  out.told = lost === 0 || (out.delivered > 0 && behind + leftPackets >= DUPTHRESH);
  return out;
}
