// Tests of lowestLevel: the near-list search gives the plain scan's answer and leaves the resources in play in the plain scan's order, the levels set through freeze and join.
import { describe, expect, it } from "vitest";
import { randomStream, type RandomStream } from "../../../src/core/randomStream.js";
import { freeze } from "../../../src/net/incremental/freeze.js";
import { join } from "../../../src/net/incremental/join.js";
import { dropNear, lowestLevel } from "../../../src/net/incremental/lowestLevel.js";
import { SharingState } from "../../../src/net/incremental/SharingState.js";

/** fillByScan's former search: the first lowest level, taking out each entry with level Infinity and no unfrozen flow as it meets it. */
function plainScan(filled: number[], level: number[], unfrozen: number[]): number {
  let bestAt = -1;
  let bestLevel = Infinity;
  for (let i = 0; i < filled.length; i++) {
    const x = level[i];
    if (x < bestLevel) {
      bestLevel = x;
      bestAt = i;
    } else if (x === Infinity && unfrozen[filled[i]] === 0) {
      filled[i] = filled[filled.length - 1];
      level[i] = level[level.length - 1];
      filled.pop();
      level.pop();
      i--;
    }
  }
  return bestAt;
}

const pick = (rng: RandomStream, n: number) => Math.floor(rng() * n);

/** A level drawn so that ties are common, with the odd 0 and Infinity. */
function randomLevel(rng: RandomStream): number {
  const u = rng();
  if (u < 0.05) return 0;
  if (u < 0.5) return [1, 2, 2.5, 3, 4][pick(rng, 5)];
  return 1 + rng() * 4;
}

/**
 * Flow slot r of `s` crosses resource r alone, with weight `w` (0 or 1 here), rate 0, no cap
 * and no bottleneck: what {@link freezeTo} and {@link joinAt} drive freeze and join with.
 */
function oneFlowPerResource(s: SharingState, R: number): void {
  s.growSlots(R);
  for (let r = 0; r < R; r++) {
    s.routePool[r] = r;
    s.slotInt[8 * r + 6] = r;
    s.slotInt[8 * r + 7] = 1;
    s.slotInt[8 * r + 5] = -1;
    s.cap[r] = Infinity;
  }
}

/**
 * freeze, on resource r in play, gives it level `x` (Infinity: its last unfrozen flow froze)
 * and leaves it `left` unfrozen flows: its residual x and unfrozen weight 1 before a flow of
 * rate 0 and weight 0 freezes there (x / 1 is x exactly).
 */
function freezeTo(s: SharingState, r: number, x: number, left: number, fe: number): void {
  s.slotNum[4 * r] = 0;
  s.slotNum[4 * r + 1] = 0;
  s.fillNum[8 * r] = left > 0 ? x : 0;
  s.fillNum[8 * r + 1] = 1;
  s.fillInt[16 * r + 9] = left + 1;
  freeze(s, r, 0, -1, fe);
}

/**
 * join gives resource r level `x` and then `unfrozen` unfrozen flows: a flow of rate 0 and
 * weight 1 joins where r's residual is x and no flow was unfrozen (so its weight is 1, and
 * x / 1 is x exactly). r in play keeps its position; r out of play comes in at the end.
 */
function joinAt(s: SharingState, r: number, x: number, unfrozen: number, fe: number): void {
  s.slotNum[4 * r] = 0;
  s.slotNum[4 * r + 1] = 1;
  s.fillInt[16 * r + 8] = fe;
  s.fillInt[16 * r + 9] = 0;
  s.fillNum[8 * r] = x;
  s.releasedCount = 0;
  expect(join(s, r, fe, false, true)).toBe(true);
  s.fillInt[16 * r + 9] = unfrozen;
}

/**
 * Runs fill-like sequences on a SharingState and on plain arrays side by side: searches,
 * levels set through freeze and join, resources whose flows all froze, revived or appended.
 */
function runSequence(seed: number): { searches: number; nearAnswers: number } {
  const rng = randomStream(seed, "lowestLevel.sequence");
  const R = 20 + pick(rng, 200);
  const s = new SharingState(new Float64Array(R).fill(1));
  oneFlowPerResource(s, R);
  const fe = 7;
  const inPlay = pick(rng, R) + 1;
  const order = Array.from({ length: R }, (_, r) => r).sort(() => rng() - 0.5);
  const filled: number[] = [];
  const level: number[] = [];
  const unfrozen = new Array<number>(R).fill(0);
  for (let i = 0; i < inPlay; i++) {
    const r = order[i];
    const x = randomLevel(rng);
    filled.push(r);
    level.push(x);
    unfrozen[r] = 1 + pick(rng, 3);
    s.filled[i] = r;
    s.scanLevel[i] = x;
    s.fillInt[16 * r + 11] = i;
    s.fillInt[16 * r + 10] = fe;
    s.fillInt[16 * r + 9] = unfrozen[r];
  }
  dropNear(s);
  s.clearDied();
  let live = inPlay;
  let searches = 0;
  let nearAnswers = 0;
  for (let step = 0; step < 300; step++) {
    const full = s.nearGen;
    const at = lowestLevel(s, live, fe);
    live = s.scanLive;
    const want = plainScan(filled, level, unfrozen);
    searches++;
    if (s.nearGen === full) nearAnswers++;
    if (at !== want) expect.fail(`seed ${seed} step ${step}: position ${at}, the plain scan's ${want}`);
    const same = live === filled.length && filled.every((r, i) => s.filled[i] === r && s.fillInt[16 * r + 11] === i && Object.is(s.scanLevel[i], level[i]));
    if (!same) expect.fail(`seed ${seed} step ${step}: the resources in play differ from the plain scan's`);
    let inPlayNow = 0;
    for (let r = 0; r < R; r++) if (s.fillInt[16 * r + 10] === fe) inPlayNow++;
    if (inPlayNow !== live) expect.fail(`seed ${seed} step ${step}: ${inPlayNow} resources marked in play, ${live} listed`);
    // Changes until the next search, as freeze (a level rises, or the last flow froze) and join (a level falls, a resource comes back) make them.
    for (let k = pick(rng, 6); k >= 0; k--) {
      const u = rng();
      if (live > 0 && u < 0.45) {
        const i = pick(rng, live);
        const r = filled[i];
        if (rng() < 0.3) {
          unfrozen[r] = 0;
          level[i] = Infinity;
          freezeTo(s, r, Infinity, 0, fe);
        } else {
          const x = u < 0.25 ? level[i] + rng() : randomLevel(rng);
          unfrozen[r] = Math.max(1, unfrozen[r]);
          level[i] = x;
          freezeTo(s, r, x, unfrozen[r], fe);
        }
      } else if (live < R && u < 0.7) {
        // Join: a resource not in play comes in at the end (new to the fill, or taken out before).
        const out = order.filter((r) => s.fillInt[16 * r + 10] !== fe);
        const r = out[pick(rng, out.length)];
        const x = randomLevel(rng);
        joinAt(s, r, x, 1, fe);
        unfrozen[r] = 1;
        filled.push(r);
        level.push(x);
        live++;
      } else if (live > 0) {
        // Join on a resource whose flows all froze but that is still in play: it comes back at a finite level.
        const i = pick(rng, live);
        const r = filled[i];
        const x = randomLevel(rng);
        unfrozen[r] = unfrozen[r] + 1;
        level[i] = x;
        joinAt(s, r, x, unfrozen[r], fe);
      }
    }
  }
  return { searches, nearAnswers };
}

describe("lowestLevel", () => {
  it("answers as the plain scan did, the same position among ties and the same order of the resources in play, on random fills", () => {
    let searches = 0;
    let nearAnswers = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const r = runSequence(seed);
      searches += r.searches;
      nearAnswers += r.nearAnswers;
    }
    expect(searches).toBe(30 * 300);
    // The near list answered most searches (else this would test only the full scan).
    expect(nearAnswers).toBeGreaterThan(searches / 4);
  });
});
