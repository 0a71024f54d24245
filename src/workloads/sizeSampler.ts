// Flow-size samplers for every SizeSpec: fixed, exponential, lognormal, Pareto and empirical CDF.
import { InputError } from "../core/InputError.js";
import { exponential, type RandomStream } from "../core/randomStream.js";
import { cdfMeanBytes, cdfQuantileBytes, type CdfPoint } from "./empiricalCdf.js";
import { loadCdf } from "./loadCdf.js";
import type { SizeSpec } from "./specs.js";

/** Draws flow sizes from one distribution. */
export interface SizeSampler {
  /** A size in whole bytes, at least 1. */
  sample(): number;
  /** The distribution's mean before rounding to whole bytes, in bytes. */
  readonly meanBytes: number;
}

/**
 * A sampler for `spec` drawing from `rng`.
 *
 * - exponential: mean `meanBytes`.
 * - lognormal: ln(size) ~ Normal(μ = ln medianBytes, σ = sigma); mean = median·e^(σ²/2).
 * - pareto: shape α > 1 and scale x_m = mean·(α−1)/α, so the mean is `meanBytes`.
 * - cdf: piecewise-linear interpolation of an empirical CDF (see `cdfQuantileBytes`).
 *
 * Samples are rounded to whole bytes and raised to at least 1 byte.
 *
 * @param loadPoints how `{ cdf }` names are loaded (default {@link loadCdf}).
 * @throws InputError on a non-positive mean/median/size, a negative sigma or a shape ≤ 1.
 */
export function sizeSampler(
  spec: SizeSpec,
  rng: RandomStream,
  loadPoints: (nameOrPath: string) => CdfPoint[] = loadCdf,
): SizeSampler {
  const whole = (x: number) => Math.max(1, Math.round(x));
  if ("fixed" in spec) {
    const size = whole(positive(spec.fixed, "fixed size"));
    return { meanBytes: size, sample: () => size };
  }
  if ("exponential" in spec) {
    const mean = positive(spec.exponential.meanBytes, "exponential meanBytes");
    return { meanBytes: mean, sample: () => whole(exponential(rng, mean)) };
  }
  if ("lognormal" in spec) {
    const mu = Math.log(positive(spec.lognormal.medianBytes, "lognormal medianBytes"));
    const sigma = spec.lognormal.sigma;
    if (!(Number.isFinite(sigma) && sigma >= 0)) throw new InputError(`lognormal sigma must be a number ≥ 0, found ${sigma}`);
    return {
      meanBytes: Math.exp(mu + (sigma * sigma) / 2),
      sample: () => whole(Math.exp(mu + sigma * standardNormal(rng))),
    };
  }
  if ("pareto" in spec) {
    const mean = positive(spec.pareto.meanBytes, "pareto meanBytes");
    const shape = spec.pareto.shape;
    if (!(Number.isFinite(shape) && shape > 1)) {
      throw new InputError(`pareto shape must be a number > 1 (the mean is infinite otherwise), found ${shape}`);
    }
    const scaleBytes = (mean * (shape - 1)) / shape;
    return { meanBytes: mean, sample: () => whole(scaleBytes / Math.pow(1 - rng(), 1 / shape)) };
  }
  if ("cdf" in spec) {
    const points = loadPoints(spec.cdf);
    return { meanBytes: cdfMeanBytes(points), sample: () => whole(cdfQuantileBytes(points, rng())) };
  }
  throw new InputError(`unknown size distribution ${JSON.stringify(spec)} — use fixed, exponential, lognormal, pareto or cdf`);
}

function positive(x: number, what: string): number {
  if (!(Number.isFinite(x) && x > 0)) throw new InputError(`${what} must be a number > 0, found ${x}`);
  return x;
}

/** A standard normal variate by the Box–Muller transform (one of the pair; the other is dropped). */
function standardNormal(rng: RandomStream): number {
  const r = Math.sqrt(-2 * Math.log(1 - rng()));
  return r * Math.cos(2 * Math.PI * rng());
}
