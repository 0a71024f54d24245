// fifoOverflow: which packets of synchronised bursts a drop-tail (optionally ECN-marking) FIFO port drops and marks, as a fluid queue over drawn arrival offsets.
import type { RandomStream } from "../../core/randomStream.js";

/**
 * A FIFO port fed by `bursts` within `spanS` seconds: each burst's packets arrive evenly over its
 * own train (`durationS`, at least a packet time) starting at an offset drawn in [0, spanS − its
 * train], after its own `offsetS` when given (bursts that left at different instants; 0 at
 * one instant); the port drains `drainPps` packets/s from `startPackets` queued. Arrivals while the
 * queue is at `limitPackets` beyond the drain are dropped, shared among the bursts arriving then
 * in proportion to their rates; arrivals while it holds `kPackets` or more are marked (the caller
 * keeps the marks of ECN-capable flows). Returns each burst's dropped and marked packets (fluid,
 * not rounded), with `fullS`, the seconds the port drops arrivals (its buffer full with more
 * arriving than it drains), and `fullShare`, the share of the bursts' arrivals then that it drops.
 * O(n log n) in the number of bursts: one sweep over the sorted train edges, each burst's share
 * read off running sums of drops and marks per packet/s of arrival rate.
 */
export function fifoOverflow(
  bursts: ReadonlyArray<{ packets: number; durationS: number; offsetS?: number }>,
  spanS: number,
  drainPps: number,
  startPackets: number,
  limitPackets: number,
  kPackets: number,
  random: RandomStream,
  stretch = 1,
): { dropped: Float64Array; marked: Float64Array; fullS: number; fullShare: number } {
  const n = bursts.length;
  const dropped = new Float64Array(n);
  const marked = new Float64Array(n);
  const rate = new Float64Array(n);
  // Edge e < n is burst e's start, e ≥ n burst (e − n)'s end.
  const at = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const d = Math.max(bursts[i].durationS * stretch, 1 / drainPps);
    at[i] = (n > 1 ? random() * Math.max(0, spanS - d) : 0) + (bursts[i].offsetS ?? 0);
    at[n + i] = at[i] + d;
    rate[i] = bursts[i].packets / d;
  }
  const order = new Uint32Array(2 * n);
  for (let e = 0; e < 2 * n; e++) order[e] = e;
  order.sort((x, y) => at[x] - at[y] || (x >= n ? 0 : 1) - (y >= n ? 0 : 1));
  // dropPer[j], markPer[j]: dropped and marked packets per packet/s of rate over edges before j.
  const dropPer = new Float64Array(2 * n + 1);
  const markPer = new Float64Array(2 * n + 1);
  const slot = new Uint32Array(2 * n);
  let q = startPackets;
  let a = 0;
  let active = 0;
  // Seconds the port drops, and the bursts' packets arriving and dropped meanwhile.
  let fullS = 0;
  let fullArrivals = 0;
  let fullDrops = 0;
  for (let j = 0; j < 2 * n; j++) {
    const e = order[j];
    slot[e] = j;
    if (e < n) {
      a += rate[e];
      active++;
    } else {
      a -= rate[e - n];
      active--;
    }
    if (active === 0) a = 0;
    dropPer[j + 1] = dropPer[j];
    markPer[j + 1] = markPer[j];
    if (j + 1 === 2 * n) break;
    const dt = at[order[j + 1]] - at[e];
    if (!(dt > 0) || (a === 0 && q === 0)) continue;
    let markS = 0;
    let dropS = 0;
    if (a > drainPps) {
      const rise = a - drainPps;
      markS = Math.max(0, dt - (q < kPackets ? (kPackets - q) / rise : 0));
      dropS = Math.max(0, dt - (q < limitPackets ? (limitPackets - q) / rise : 0));
      q = Math.min(limitPackets, q + rise * dt);
    } else {
      const fall = drainPps - a;
      markS = q > kPackets ? Math.min(dt, fall > 0 ? (q - kPackets) / fall : dt) : 0;
      q = Math.max(0, q - fall * dt);
    }
    if (a > 0) {
      markPer[j + 1] += markS;
      dropPer[j + 1] += ((a - drainPps) / a) * dropS;
      if (dropS > 0) {
        fullS += dropS;
        fullArrivals += a * dropS;
        fullDrops += (a - drainPps) * dropS;
      }
    }
  }
  for (let i = 0; i < n; i++) {
    // Burst i arrives in the intervals from its start edge up to its end edge.
    dropped[i] = rate[i] * (dropPer[slot[n + i]] - dropPer[slot[i]]);
    marked[i] = rate[i] * (markPer[slot[n + i]] - markPer[slot[i]]);
  }
  return new FifoVerdict(dropped, marked, fullS, fullArrivals > 0 ? fullDrops / fullArrivals : 0);
}

/**
 * What {@link fifoOverflow} returns. Its seconds and share are fields of doubles from the first
 * verdict on (an object literal took its first 0 as a small integer, and the first fraction after
 * made every verdict of that shape a new one, throwing the code compiled for the old one away).
 */
class FifoVerdict {
  fullS = NaN;
  fullShare = NaN;
  constructor(
    readonly dropped: Float64Array,
    readonly marked: Float64Array,
    fullS: number,
    fullShare: number,
  ) {
    this.fullS = fullS;
    this.fullShare = fullShare;
  }
}
