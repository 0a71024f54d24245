// Seeded random streams: one independent stream per (run seed, component name).
import seedrandom from "seedrandom";

/** A source of uniform numbers in [0, 1). */
export type RandomStream = () => number;

/**
 * A deterministic uniform stream derived from the run's seed and a stable component
 * name, so adding a component never changes the draws of another.
 */
export function randomStream(seed: number | string, name: string): RandomStream {
  return seedrandom.alea(`${seed}\u0000${name}`);
}

/** An exponential variate with the given mean, from a uniform stream. */
export function exponential(rng: RandomStream, mean: number): number {
  return -mean * Math.log(1 - rng());
}
