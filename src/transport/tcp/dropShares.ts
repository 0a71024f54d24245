// dropShares: which flows' packets a full drop-tail buffer drops — each drop one arrival, drawn by the flows' arrival rates.
import type { RandomStream } from "../../core/randomStream.js";

/**
 * Share `drops` packet drops among `n` flows arriving at a full drop-tail buffer at the rates
 * `arrivals[0 … n − 1]` (any unit; 0: the flow brings no packet into it). A drop-tail FIFO drops
 * every packet that arrives while its buffer is full: with the flows' packets interleaved by
 * their rates, the drops fall evenly through the arrivals — one every Σ arrivals / drops of them
 * — and each flow loses its share, drops × arrivals[i] / Σ arrivals, rounded down or up (a
 * systematic draw: one uniform from `random` places the first drop, the rest follow at even
 * steps through the flows' arrivals laid end to end in their order). A flow with no arrivals
 * loses none. Writes each flow's count to `lost[0 … n − 1]` and returns the drops placed (0 when
 * no flow arrives).
 */
export function dropShares(arrivals: ArrayLike<number>, n: number, drops: number, random: RandomStream, lost: number[]): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    lost[i] = 0;
    total += arrivals[i];
  }
  if (!(total > 0) || drops <= 0) return 0;
  const step = total / drops;
  // The next drop's place along the arrivals laid end to end, and the end of flow i's.
  let at = random() * step;
  let end = 0;
  let placed = 0;
  let last = -1;
  for (let i = 0; i < n && placed < drops; i++) {
    if (!(arrivals[i] > 0)) continue;
    last = i;
    end += arrivals[i];
    while (placed < drops && at < end) {
      lost[i]++;
      placed++;
      at += step;
    }
  }
  // Rounding past the sum: the last flow with arrivals takes what is left.
  lost[last] += drops - placed;
  return drops;
}
