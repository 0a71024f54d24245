// k distinct integers drawn uniformly from 0..m−1, in O(k) time and memory.

/**
 * `k` distinct values from 0..m−1 in random order, uniform over ordered k-subsets: the
 * first k steps of a Fisher–Yates shuffle of 0..m−1, with the swapped entries kept in a
 * sparse map instead of an array of m.
 */
export function sampleDistinct(m: number, k: number, rng: () => number): number[] {
  if (!(Number.isInteger(k) && k >= 0 && k <= m)) throw new RangeError(`sampleDistinct: cannot draw ${k} of ${m}`);
  const swapped = new Map<number, number>();
  const out: number[] = [];
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (m - i));
    const vj = swapped.get(j) ?? j;
    swapped.set(j, swapped.get(i) ?? i);
    out.push(vj);
  }
  return out;
}
