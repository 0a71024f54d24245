// splitBytes: cut a whole number of bytes into parts that differ by at most one byte and add up exactly.

/**
 * Share `k` (0 ≤ k < `parts`) of `totalBytes` cut into `parts` whole-byte shares: ⌊T/p⌋,
 * plus one byte for each of the first T mod p shares. The shares add up to exactly T (T is
 * rounded to a whole byte first), so a collective's flows move exactly its bytes, never
 * 36666666.666666664 of them.
 *
 * @example [0, 1, 2].map((k) => splitBytes(110e6, 3, k)) // [36666667, 36666667, 36666666]
 */
export function splitBytes(totalBytes: number, parts: number, k: number): number {
  const t = Math.round(totalBytes);
  const base = Math.floor(t / parts);
  return base + (k < t - base * parts ? 1 : 0);
}

/**
 * Bytes of the shares `k`, `k` − 1, …, `k` − `count` + 1 (indices modulo `parts`) of
 * {@link splitBytes}`(totalBytes, parts, ·)`: what a ring member sends over `count` steps
 * when it sends a share per step, walking backwards. O(1) for any `count`.
 */
export function splitBytesWindow(totalBytes: number, parts: number, k: number, count: number): number {
  const t = Math.round(totalBytes);
  const base = Math.floor(t / parts);
  const extra = t - base * parts;
  // Bytes of shares 0 … j − 1.
  const before = (j: number) => j * base + Math.min(j, extra);
  const laps = Math.floor(count / parts);
  const rest = count - laps * parts;
  const last = (((k % parts) + parts) % parts) + 1;
  const first = last - rest;
  const partial = first >= 0 ? before(last) - before(first) : before(last) + t - before(first + parts);
  return laps * t + partial;
}
