// chokepointRunArgs: the node arguments of one `chokepoint run` of a case's scenario — compare's runs and modelSeeds' seeded ones.

/**
 * `node` arguments that run chokepoint's CLI (`cli`: SOURCE_CLI or BUILT_CLI of compare.ts)
 * on `scenario` into `out`, quietly, with `--seed seed` when a seed is given (else the
 * scenario's own).
 */
export function chokepointRunArgs(cli: readonly string[], scenario: string, out: string, seed?: number): string[] {
  return [...cli, "run", scenario, "--out", out, "--quiet", ...(seed === undefined ? [] : ["--seed", String(seed)])];
}
