// The mean of a flow-size distribution, for turning a load into an arrival rate.
import { sizeSampler } from "./sizeSampler.js";
import type { SizeSpec } from "./specs.js";

/**
 * The mean flow size of `spec` in bytes (closed form, or exact for a piecewise-linear CDF,
 * which is loaded to compute it).
 *
 * @throws InputError as {@link sizeSampler} does.
 */
export function sizeMeanBytes(spec: SizeSpec): number {
  return sizeSampler(spec, () => 0.5).meanBytes;
}
