// stagingTarget: whether a directory is one chokepoint stages reports in (never results), and the directory those reports were for.
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../core/InputError.js";

/** Entries of a staging folder `.<name>.staging/` (see StagedDirectory): `<kind>-<pid>-<6 random characters>`. */
export const STAGED_ENTRY = /^(partial|ready|old)-(\d+)-[A-Za-z0-9]{6}$/;
/** The staging directories writeAtomically makes inside a directory, and those of older versions inside a report directory. */
export const PARTIAL_ENTRY = /^\.partial-(\d+)-[A-Za-z0-9]{6}$/;

/**
 * The directory whose reports `dir` was staging, when `dir` is a staging directory —
 * `P/.out.staging/partial-<pid>-XXXXXX` (or `ready-…`, `old-…`) gives `P/out`,
 * `P/out/.partial-<pid>-XXXXXX` gives `P/out` — else undefined. What such a directory
 * holds is a run's reports before they are complete and in place (or an earlier set on its
 * way out), never results to read.
 */
export function stagingTarget(dir: string): string | undefined {
  const path = resolve(dir);
  const name = basename(path);
  if (PARTIAL_ENTRY.test(name)) return dirname(path);
  const root = basename(dirname(path));
  const m = /^\.(.+)\.staging$/.exec(root);
  if (STAGED_ENTRY.test(name) && m) return join(dirname(dirname(path)), m[1]);
  return undefined;
}

/** Throw an InputError when `dir` is a staging directory (see {@link stagingTarget}): what `report` and `compare` say before reading a directory a user named. */
export function refuseStagingDirectory(dir: string): void {
  const target = stagingTarget(dir);
  if (target === undefined) return;
  throw new InputError(
    `${dir} is where chokepoint stages a run's reports before moving them into ${target} (left by a run that was killed or is still running), not results — read ${target}, or run the scenario again`,
  );
}
