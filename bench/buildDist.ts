// buildDist: compile a checkout's dist/ the way its own `npm run build` does, for benchmarks that run the CLI.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";

/**
 * Run `npm run build` in `root` (default: this checkout): tsc, then, at commits that have
 * scripts/bundleCli.ts, the CLI bundle that dist/cli/main.js loads — so a benchmark times
 * the CLI as the package ships it at that commit. Throws with the build's output if it fails.
 */
export function buildDist(root = "."): void {
  const r = spawnSync("npm", ["run", "build", "--silent"], { cwd: resolve(root), encoding: "utf8" });
  if (r.status !== 0) throw new Error(`build of ${resolve(root)} failed: ${r.stdout}${r.stderr}`);
}
