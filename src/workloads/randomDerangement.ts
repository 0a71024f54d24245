// A uniformly random derangement (a permutation with no fixed points) by rejection of shuffles.
import { InputError } from "../core/InputError.js";
import type { RandomStream } from "../core/randomStream.js";

/**
 * A permutation `p` of 0..n−1 with p[i] ≠ i for every i, uniform over all derangements:
 * Fisher–Yates shuffles are drawn until one has no fixed point (about e ≈ 2.72 tries on
 * average, since the fraction of derangements tends to 1/e).
 *
 * @throws InputError when n < 2 (no derangement exists).
 */
export function randomDerangement(n: number, rng: RandomStream): Int32Array {
  if (!(Number.isInteger(n) && n >= 2)) throw new InputError(`a permutation pattern needs at least 2 hosts, found ${n}`);
  const p = new Int32Array(n);
  for (;;) {
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    let fixed = false;
    for (let i = 0; i < n && !fixed; i++) fixed = p[i] === i;
    if (!fixed) return p;
  }
}
