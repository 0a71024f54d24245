// binomial: a seeded draw from Binomial(n, p) — which packets of a burst survive a port's drops.
import type { RandomStream } from "../../core/randomStream.js";

/**
 * A draw from Binomial(`n`, `p`) from `random`: exact by counting for n ≤ 64 (n uniforms), the
 * nearest integer of a normal approximation above (Box–Muller, two uniforms), clamped to [0, n].
 * Same stream, same draws.
 */
export function binomial(random: RandomStream, n: number, p: number): number {
  if (p <= 0) return 0;
  if (p >= 1) return n;
  if (n <= 64) {
    let k = 0;
    for (let i = 0; i < n; i++) if (random() < p) k++;
    return k;
  }
  // Box–Muller from two uniforms.
  const u = Math.max(random(), Number.MIN_VALUE);
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
  return Math.min(n, Math.max(0, Math.round(n * p + z * Math.sqrt(n * p * (1 - p)))));
}
