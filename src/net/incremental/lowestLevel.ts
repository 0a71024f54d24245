// lowestLevel: fillByScan's search for the resource in play that saturates first, reading only the few resources near the lowest level.
import type { SharingState } from "./SharingState.js";

/**
 * The near resources are those whose level is below this many times the lowest level found
 * by the last full scan. Measured on the k=16 web-search traces (20,000, 100,000 and 200,000
 * flows), not fitted to one: any value > 1 gives the same answers, only the work differs.
 */
const NEAR = 1.25;

/**
 * With at most this many resources in play the plain scan is used: no near list is kept.
 * Fitted (session 34) by callgrind instructions of trace replays on three cases — k=16
 * web-search 20,000 flows, k=8 50,000 flows at load 0.8, the leaf-spine-oversubscribed
 * scenario — over 16, 32, 64 and 128, and tested on others (k=16 100,000 and 200,000 flows,
 * k=32 60,000 flows, the k=16 20,000-flow tcp case); docs/architecture.md has the figures.
 */
const SMALL = 64;

/**
 * The position in `s.filled[0 … live)` of the resource in play with the lowest level
 * (`s.scanLevel`), the first such position among equal levels, or -1 when every level is
 * Infinity (or NaN), the resources whose flows have all frozen taken out. The answer,
 * and the order of the resources in play afterwards, are those of fillByScan's former plain
 * scan, which met the positions in order, took the lowest with `<` (so the first among
 * ties), and took out each resource with level Infinity and no unfrozen flow as it met it
 * (its place taken by the last entry, looked at next). `s.scanLive` returns the new count.
 *
 * That scan's take-outs depend only on which entries are out of play, not on the levels: the
 * entries met in order are those of the final arrangement, each met once at its final place.
 * Every search (the plain one, {@link plainScan}, used while at most SMALL resources are in
 * play; one through the near list; the full scan that rebuilds it) makes them first
 * ({@link takeOutDied}), from the marked positions of the resources whose last unfrozen flow
 * froze since the previous search (`s.diedBits`, marked by `freeze`;
 * nothing else sets a level to Infinity with no unfrozen flow, and every resource enters the
 * fill with one), in increasing order: exactly the places where the scan would have acted. The
 * lowest is then searched in the final arrangement by a loop that only reads levels, the first
 * position among ties winning. (Until session 47 the plain and full scans took out as they met
 * entries, and the marks were kept only while a near list was in use.)
 *
 * The search reads only the *near* resources ({@link SharingState.nearList}) when it can:
 * invariant — every resource in play whose level is below `s.nearBound` is in the near list
 * (a full scan builds the list from every level below NEAR × the lowest; freeze and join
 * add each resource in play whose level they set below the bound; a resource
 * is dropped from the list only when its level is not below the bound, or when it is out of
 * play). If the lowest near level m is below the bound, every level of a resource not in the
 * list is at least the bound, so m is the lowest of all and every resource at level m is
 * near: the first position among the near ones at m is the first among all. Otherwise (or
 * when the list is empty) a full scan answers and rebuilds the list.
 */
export function lowestLevel(s: SharingState, live: number, fe: number): number {
  if (live <= SMALL) {
    if (s.nearBound !== -Infinity) dropNear(s);
    return plainScan(s, live);
  }
  const { scanLevel } = s;
  if (s.nearCount > 0) {
    if (s.diedTop > 0) live = takeOutDied(s, live);
    s.scanLive = live;
    const { nearList, nearIn, fillInt } = s;
    const bound = s.nearBound;
    let count = s.nearCount;
    let bestAt = -1;
    let bestLevel = Infinity;
    for (let j = 0; j < count; j++) {
      const r = nearList[j];
      const p = fillInt[(r << 4) | 11];
      const level = scanLevel[p];
      if (fillInt[(r << 4) | 10] !== fe || !(level < bound)) {
        // Out of play, or no longer below the bound: not needed in the list.
        nearIn[r] = 0;
        nearList[j--] = nearList[--count];
        continue;
      }
      if (level < bestLevel || (level === bestLevel && p < bestAt)) {
        bestLevel = level;
        bestAt = p;
      }
    }
    s.nearCount = count;
    if (bestAt >= 0) return bestAt;
  }
  // Full scan, the resources whose flows all froze taken out first, and a new near list
  // around the lowest level: in one pass, each level below NEAR × the lowest so far is listed
  // (a superset of those below NEAR × the lowest; the others leave the list at the next search).
  if (s.diedTop > 0) live = takeOutDied(s, live);
  const { nearList, nearIn, filled } = s;
  const gen = ++s.nearGen;
  let count = 0;
  let bestAt = -1;
  let bestLevel = Infinity;
  let bound = Infinity;
  for (let i = 0; i < live; i++) {
    const level = scanLevel[i];
    if (level < bestLevel) {
      bestLevel = level;
      bestAt = i;
      bound = NEAR * level;
    }
    if (level < bound) {
      const r = filled[i];
      nearIn[r] = gen;
      nearList[count++] = r;
    }
  }
  s.scanLive = live;
  if (bestAt < 0) bound = -Infinity;
  s.nearBound = bound;
  s.nearCount = count;
  return bestAt;
}

/**
 * fillByScan's former search, kept for fills with few resources in play: the entries out of
 * play taken out ({@link takeOutDied}, which empties the marks), then the first lowest level.
 */
function plainScan(s: SharingState, live: number): number {
  if (s.diedTop > 0) live = takeOutDied(s, live);
  s.scanLive = live;
  const { scanLevel } = s;
  let bestAt = -1;
  let bestLevel = Infinity;
  for (let i = 0; i < live; i++) {
    const level = scanLevel[i];
    if (level < bestLevel) {
      bestLevel = level;
      bestAt = i;
    }
  }
  return bestAt;
}

/** Empty the near list (`nearBound` -Infinity: no resource is below it, so none has to be listed). */
export function dropNear(s: SharingState): void {
  s.nearGen++;
  s.nearCount = 0;
  s.nearBound = -Infinity;
}

/**
 * Take out of `s.filled[0 … live)` the resources that died since the last search
 * (`s.diedBits`) and are still out of play (level Infinity, no unfrozen flow), as the plain
 * scan did: at each of their positions in increasing order, while the entry there is out of
 * play, the last entry takes its place. Returns the new count.
 *
 * Every marked position is visited, without first asking whether its resource is still out of
 * play (one that a join revived, or marked twice): the take-out loop asks that of whatever
 * entry is at the position, so a position holding an entry in play, or at or past the end,
 * changes nothing. What the plain scan did is still done, each of its take-outs at its place:
 * the positions of the entries out of play are all among those marked (a resource is marked at
 * its position when its last unfrozen flow freezes, and positions move only in a search, which
 * clears the marks), and one moved into a place is looked at there. The bits give the positions
 * in increasing order as they are read (session 45; a list of resources, sorted by insertion
 * after reading each one's position from its record, before). A last entry that would be moved
 * into a place and is out of play itself is taken out without being written there (session 54):
 * only the entry that stays is, since a place at or past the end is never read, nor the position
 * of a resource out of play (its in-play stamp decides first).
 */
function takeOutDied(s: SharingState, live: number): number {
  const { diedBits, scanLevel, filled, fillInt } = s;
  const top = s.diedTop;
  s.diedTop = 0;
  let w = 0;
  for (; w < top; w++) {
    let bits = diedBits[w];
    if (bits === 0) continue;
    diedBits[w] = 0;
    do {
      // The lowest position still marked in this word.
      const low = bits & -bits;
      bits ^= low;
      const p = (w << 5) | (31 - Math.clz32(low));
      if (p >= live) break;
      const r = filled[p];
      if (!(scanLevel[p] === Infinity && fillInt[(r << 4) | 9] === 0)) continue;
      // Take r out, and each last entry that would be moved into p and is out of play too; the first one in play
      // is written at p (a place past the end is never read, nor an out-of-play resource's position).
      fillInt[(r << 4) | 10] = 0;
      while (p < --live) {
        const moved = filled[live];
        const level = scanLevel[live];
        if (level === Infinity && fillInt[(moved << 4) | 9] === 0) {
          fillInt[(moved << 4) | 10] = 0;
          continue;
        }
        filled[p] = moved;
        scanLevel[p] = level;
        fillInt[(moved << 4) | 11] = p;
        break;
      }
    } while (bits !== 0);
    // Every later position is at or past the end: nothing more to take out.
    if ((w + 1) << 5 >= live) break;
  }
  for (w++; w < top; w++) diedBits[w] = 0;
  return live;
}
