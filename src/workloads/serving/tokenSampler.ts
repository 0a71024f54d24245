// tokenSampler: draws token counts (fixed, exponential, uniform, lognormal), whole and at least 1.
import { exponential, type RandomStream } from "../../core/randomStream.js";
import { standardNormal } from "./standardNormal.js";
import type { TokenSpec } from "./ServingSpecs.js";

/**
 * A sampler of whole token counts ≥ 1 for `spec` from `rng`: exponential and lognormal
 * draws are rounded to the nearest integer; uniform is uniform over the integers min…max.
 */
export function tokenSampler(spec: TokenSpec, rng: RandomStream): () => number {
  const whole = (x: number) => Math.max(1, Math.round(x));
  if ("fixed" in spec) {
    const n = whole(spec.fixed);
    return () => n;
  }
  if ("exponential" in spec) {
    const mean = spec.exponential.mean;
    return () => whole(exponential(rng, mean));
  }
  if ("uniform" in spec) {
    const { min, max } = spec.uniform;
    return () => min + Math.floor(rng() * (max - min + 1));
  }
  const mu = Math.log(spec.lognormal.median);
  const sigma = spec.lognormal.sigma;
  return () => whole(Math.exp(mu + sigma * standardNormal(rng)));
}
