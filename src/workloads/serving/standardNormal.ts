// standardNormal: one N(0, 1) variate by the Box–Muller transform.
import type { RandomStream } from "../../core/randomStream.js";

/** A standard normal variate by the Box–Muller transform (one of the pair; the other is dropped). */
export function standardNormal(rng: RandomStream): number {
  const r = Math.sqrt(-2 * Math.log(1 - rng()));
  return r * Math.cos(2 * Math.PI * rng());
}
