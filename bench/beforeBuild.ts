// beforeBuild: a compiled copy of chokepoint at another git commit, so a benchmark can run "before" and "after" side by side in one run.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildDist } from "./buildDist.js";

/**
 * The CLI entry point (`…/dist/cli/main.js`) of chokepoint as it was at git revision `ref`:
 * its tree is extracted with `git archive` into results/bench/ref-<commit>/, given this
 * checkout's node_modules, and built as its own `npm run build` does (bench/buildDist.ts:
 * tsc, then the CLI bundle at commits that have one). Built once per commit; later calls
 * reuse it. Throws if `ref` is unknown or the build fails.
 */
export function beforeBuild(ref: string): string {
  const sha = git(["rev-parse", "--verify", `${ref}^{commit}`]).trim();
  const dir = resolve("results", "bench", `ref-${sha.slice(0, 12)}`);
  const main = join(dir, "dist", "cli", "main.js");
  if (existsSync(main)) return main;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const archive = spawnSync("sh", ["-c", `git archive ${sha} | tar -x -C "${dir}"`], { encoding: "utf8" });
  if (archive.status !== 0) throw new Error(`beforeBuild: git archive ${ref} failed: ${archive.stderr}`);
  symlinkSync(realpathSync("node_modules"), join(dir, "node_modules"));
  try {
    buildDist(dir);
  } catch (err) {
    throw new Error(`beforeBuild: compiling ${ref} failed: ${(err as Error).message}`);
  }
  return main;
}

function git(args: string[]): string {
  const r = spawnSync("git", args, { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`beforeBuild: git ${args.join(" ")}: ${r.stderr.trim()}`);
  return r.stdout;
}
