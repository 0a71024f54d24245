// alternateVariants: run named benchmark variants in turn, repeatedly, and keep each one's median wall time.

/** What a variant's run reports: its wall time, plus anything else the table shows. */
export interface VariantRun {
  wallS: number;
}

/**
 * Run `run(variants[name])` for every name, `reps` rounds in turn (so drift on a noisy
 * machine hits every variant alike) after one warm-up run of `warmUp`. Returns each
 * variant's median wall time and its last run.
 */
export function alternateVariants<D, R extends VariantRun>(
  variants: Record<string, D>,
  run: (doc: D) => R,
  warmUp: D,
  reps = 3,
): { names: string[]; medianWallS: Record<string, number>; last: Record<string, R> } {
  const names = Object.keys(variants);
  const walls: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]));
  const last: Record<string, R> = {};
  run(warmUp);
  for (let rep = 0; rep < reps; rep++) {
    for (const n of names) {
      last[n] = run(variants[n]);
      walls[n].push(last[n].wallS);
    }
  }
  const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { names, medianWallS: Object.fromEntries(names.map((n) => [n, median(walls[n])])), last };
}
