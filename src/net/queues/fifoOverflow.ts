// fifoOverflow: which packets of synchronised bursts a drop-tail (optionally ECN-marking) FIFO port drops and marks, as a fluid queue over drawn arrival offsets.
import type { RandomStream } from "../../core/randomStream.js";

/**
 * A FIFO port fed by `bursts` within `spanS` seconds: each burst's packets arrive evenly over its
 * own train (`durationS`, at least a packet time) starting at an offset drawn in [0, spanS − its
 * train]; the port drains `drainPps` packets/s from `startPackets` queued. Arrivals while the
 * queue is at `limitPackets` beyond the drain are dropped, shared among the bursts arriving then
 * in proportion to their rates; arrivals while it holds `kPackets` or more are marked (the caller
 * keeps the marks of ECN-capable flows). Returns each burst's dropped and marked packets (fluid,
 * not rounded), with `fullS`, the seconds the port drops arrivals (its buffer full with more
 * arriving than it drains), and `fullShare`, the share of the bursts' arrivals then that it drops.
 * With `tellPackets` > 0 it also returns, per burst that lost packets, seconds from the start of
 * its own train: `tellS`, to the arrival of its `tellPackets`-th survivor behind its first hole
 * (the packet whose duplicate ACK tells the hole: DupThresh = 3; NaN where its train ends before
 * that many survivors follow the hole), and `dropsUntilS`, to the end of the port's last drop
 * (NaN for a burst that lost nothing). A fast retransmission sent on that duplicate ACK comes
 * back to the port one round trip after it: where that is sooner than the port's last drop, it
 * meets the buffer still full.
 * O(n log n) in the number of bursts: one sweep over the sorted train edges, each burst's share
 * read off running sums of drops and marks per packet/s of arrival rate (and its survivors off
 * a running sum of the share of arrivals the port keeps).
 */
export function fifoOverflow(
  bursts: ReadonlyArray<{ packets: number; durationS: number }>,
  spanS: number,
  drainPps: number,
  startPackets: number,
  limitPackets: number,
  kPackets: number,
  random: RandomStream,
  stretch = 1,
  tellPackets = 0,
): { dropped: Float64Array; marked: Float64Array; fullS: number; fullShare: number; tellS: Float64Array; dropsUntilS: Float64Array } {
  const n = bursts.length;
  const dropped = new Float64Array(n);
  const marked = new Float64Array(n);
  const rate = new Float64Array(n);
  // Edge e < n is burst e's start, e ≥ n burst (e − n)'s end.
  const at = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const d = Math.max(bursts[i].durationS * stretch, 1 / drainPps);
    at[i] = n > 1 ? random() * Math.max(0, spanS - d) : 0;
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
  // Pieces of the span on which the port keeps a constant share of what arrives (1 until full,
  // drainPps / a while full): their starts, the running sum of the kept share at each start
  // (seconds of arrivals kept per second), the share, and whether the port drops then.
  const tell = tellPackets > 0;
  const pieceS = tell ? new Float64Array(4 * n) : EMPTY;
  const pieceKept = tell ? new Float64Array(4 * n + 1) : EMPTY;
  const pieceShare = tell ? new Float64Array(4 * n) : EMPTY;
  const pieceDrops = tell ? new Uint8Array(4 * n) : EMPTY_FLAGS;
  let pieces = 0;
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
    if (tell) {
      // Before the buffer fills the port keeps all that arrives; then drainPps / a of it.
      const keptS = dt - dropS;
      if (keptS > 0) pieces = piece(pieceS, pieceKept, pieceShare, pieceDrops, pieces, at[e], keptS, 1, 0);
      if (dropS > 0) pieces = piece(pieceS, pieceKept, pieceShare, pieceDrops, pieces, at[e] + keptS, dropS, drainPps / a, 1);
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
  const tellS = tell ? new Float64Array(n).fill(NaN) : EMPTY;
  const dropsUntilS = tell ? new Float64Array(n).fill(NaN) : EMPTY;
  if (tell && fullS > 0) tellHoles(tellS, dropsUntilS, dropped, rate, at, n, tellPackets, pieceS, pieceKept, pieceShare, pieceDrops, pieces);
  return new FifoVerdict(dropped, marked, fullS, fullArrivals > 0 ? fullDrops / fullArrivals : 0, tellS, dropsUntilS);
}

const EMPTY = new Float64Array(0);
const EMPTY_FLAGS = new Uint8Array(0);

/** Appends the piece [startS, startS + lengthS) keeping `share` of the arrivals (`drops` 1 while the port drops) and returns the pieces now. */
function piece(startAt: Float64Array, kept: Float64Array, share: Float64Array, drops: Uint8Array, pieces: number, startS: number, lengthS: number, keptShare: number, dropping: number): number {
  startAt[pieces] = startS;
  share[pieces] = keptShare;
  drops[pieces] = dropping;
  kept[pieces + 1] = kept[pieces] + keptShare * lengthS;
  return pieces + 1;
}

/**
 * Fills `tellS` and `dropsUntilS` (see {@link fifoOverflow}) for each burst that lost packets: its first hole is
 * where its train first meets a dropping piece; its survivors after that arrive at its rate times
 * the share kept, so its `tellPackets`-th comes where the running sum of kept shares has grown by
 * `tellPackets` / rate; the port's last drop ends with the last dropping piece.
 */
function tellHoles(tellS: Float64Array, dropsUntilS: Float64Array, dropped: Float64Array, rate: Float64Array, at: Float64Array, n: number, tellPackets: number, startAt: Float64Array, kept: Float64Array, share: Float64Array, drops: Uint8Array, pieces: number): void {
  // nextDrop[k]: the first dropping piece from k on (pieces if none).
  const nextDrop = new Int32Array(pieces + 1);
  nextDrop[pieces] = pieces;
  for (let k = pieces - 1; k >= 0; k--) nextDrop[k] = drops[k] === 1 ? k : nextDrop[k + 1];
  let lastDrop = -1;
  for (let k = pieces - 1; k >= 0 && lastDrop < 0; k--) if (drops[k] === 1) lastDrop = k;
  if (lastDrop < 0) return;
  const endOfDropsS = pieceEndS(startAt, kept, share, lastDrop);
  for (let i = 0; i < n; i++) {
    if (!(dropped[i] > 0)) continue;
    const startS = at[i];
    const endS = at[n + i];
    dropsUntilS[i] = endOfDropsS - startS;
    // The first dropping piece that ends after the train starts (pieces are in time order).
    let k = nextDrop[Math.max(0, lastAtOrBefore(startAt, pieces, startS))];
    if (k < pieces && !(pieceEndS(startAt, kept, share, k) > startS)) k = nextDrop[k + 1];
    if (k === pieces || startAt[k] >= endS) continue;
    const holeS = Math.max(startS, startAt[k]);
    const target = keptAt(startAt, kept, share, k, holeS) + tellPackets / rate[i];
    // The piece where the kept sum reaches the target: the first from k on whose end passes it.
    let lo = k;
    let hi = pieces;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (kept[mid + 1] < target) lo = mid + 1;
      else hi = mid;
    }
    if (lo === pieces) continue;
    const toldS = startAt[lo] + (target - kept[lo]) / share[lo];
    if (toldS <= endS) tellS[i] = toldS - startS;
  }
}

/** The last piece starting at or before `tS` (−1 if none). */
function lastAtOrBefore(startAt: Float64Array, pieces: number, tS: number): number {
  let lo = 0;
  let hi = pieces;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (startAt[mid] <= tS) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** Where piece `k` ends, seconds. */
function pieceEndS(startAt: Float64Array, kept: Float64Array, share: Float64Array, k: number): number {
  return startAt[k] + (kept[k + 1] - kept[k]) / share[k];
}

/** The running sum of kept shares at `tS`, within piece `k`. */
function keptAt(startAt: Float64Array, kept: Float64Array, share: Float64Array, k: number, tS: number): number {
  return kept[k] + share[k] * (tS - startAt[k]);
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
    readonly tellS: Float64Array,
    readonly dropsUntilS: Float64Array,
  ) {
    this.fullS = fullS;
    this.fullShare = fullShare;
  }
}
