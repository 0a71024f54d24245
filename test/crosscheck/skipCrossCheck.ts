// skipCrossCheck: whether a cross-check file runs — skipped with one line naming the missing packages, except under CI, where it runs and fails.
import type { MissingPackage } from "../../bench/missingPackages.js";

/** Whether the environment says this is CI (`CI` set to anything but "", "0" or "false"; .ci/run sets CI=true). */
export function isCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const ci = (env.CI ?? "").trim().toLowerCase();
  return ci !== "" && ci !== "0" && ci !== "false";
}

/**
 * Decide whether the cross-check `what` (e.g. "test/crosscheck/ns3.test.ts") is skipped.
 * With nothing missing it runs. With packages missing it is skipped after writing one line
 * that names them — unless {@link isCi}: CI installs them (.ci/run), so there the file runs
 * and its first test, which asserts that nothing is missing, fails with the same names.
 */
export function skipCrossCheck(
  what: string,
  missing: readonly MissingPackage[],
  env: NodeJS.ProcessEnv = process.env,
  write: (line: string) => void = (line) => process.stderr.write(line),
): boolean {
  if (missing.length === 0 || isCi(env)) return false;
  const names = missing.map((m) => m.name).join(", ");
  const reasons = missing.map((m) => m.reason).join("; ");
  write(`${what} skipped: ${names} not installed (${reasons}); apt-get install ${missing.map((m) => m.name).join(" ")} to run it (CI does)\n`);
  return true;
}
