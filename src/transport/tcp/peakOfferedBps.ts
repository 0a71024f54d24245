// peakOfferedBps: the most bytes/s bursts of different instants offer a port at once — the sum of the trains under way at the latest start.
import type { Burst } from "./Burst.js";

/**
 * The bursts of `list` offer a port their packets each over its own train (at least a packet
 * time at `capacityBps`), starting `offsetS` after the earliest: the largest sum of the rates of
 * the trains under way together, read at each train's start (where such a sum can rise), bytes/s.
 * With every offset 0 it is the sum of all the rates. O(n²) in the bursts.
 */
export function peakOfferedBps(list: readonly Burst[], capacityBps: number): number {
  let peak = 0;
  for (let j = 0; j < list.length; j++) {
    const at = list[j].offsetS;
    let sum = 0;
    for (let i = 0; i < list.length; i++) {
      const b = list[i];
      const trainS = Math.max(b.durationS, b.packetBytes / capacityBps);
      if (b.offsetS <= at && at < b.offsetS + trainS) sum += (b.packets * b.packetBytes) / trainS;
    }
    if (sum > peak) peak = sum;
  }
  return peak;
}
