// timeSampler: draws durations (fixed, exponential, lognormal) from a seeded stream.
import { exponential, type RandomStream } from "../../core/randomStream.js";
import { standardNormal } from "./standardNormal.js";
import type { TimeSpec } from "./ServingSpecs.js";

/** A sampler of `spec` drawing from `rng`, seconds ≥ 0; `meanS` is the distribution's mean. */
export function timeSampler(spec: TimeSpec, rng: RandomStream): { sample(): number; meanS: number } {
  if ("fixed" in spec) return { meanS: spec.fixed, sample: () => spec.fixed };
  if ("exponential" in spec) {
    const mean = spec.exponential.meanS;
    return { meanS: mean, sample: () => exponential(rng, mean) };
  }
  const mu = Math.log(spec.lognormal.medianS);
  const sigma = spec.lognormal.sigma;
  return { meanS: Math.exp(mu + (sigma * sigma) / 2), sample: () => Math.exp(mu + sigma * standardNormal(rng)) };
}
