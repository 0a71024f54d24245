// build: compile dist/ whole beside it (dist.next-PID/: tsc, then the CLI's bundle and code cache) and swap it in by two renames, so a CLI started during a build runs the old build or the new one, never half of one.
import { spawnSync } from "node:child_process";
import { existsSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { bundleCli } from "./bundleCli.js";

/**
 * Build `root`'s dist/ as `npm run build` does: `tsc -p tsconfig.json` into `dist.next-PID/`,
 * {@link bundleCli} into it (the bundle, the stub dist/cli/main.js, V8's code cache), then
 * `dist/` → `dist.old-PID/` and `dist.next-PID/` → `dist/` by renames and the old tree removed. Until
 * the first rename every file of the old build stays as it was (before, tsc rewrote
 * dist/cli/main.js as an ES module seconds before the bundle step made it the stub again,
 * and a CLI started in between failed with a stack trace); the two renames leave dist/
 * missing for microseconds, not the build's 15–30 s. A failed step leaves dist/ untouched
 * and exits non-zero. `bundle` is the second step (tests give a smaller one). The bundle's paths are relative to dist/ (`../../data`, the stub's
 * `../bundle`), and dist.next-PID/ sits beside dist/, so they hold in both places.
 */
export async function build(root = ".", bundle: (root: string, dist: string) => Promise<void> = bundleCli): Promise<void> {
  // Per process, so two builds at once each stage a whole tree (the last rename wins).
  const next = join(root, `dist.next-${process.pid}`);
  const old = join(root, `dist.old-${process.pid}`);
  const dist = join(root, "dist");
  rmSync(next, { recursive: true, force: true });
  rmSync(old, { recursive: true, force: true });
  const tsc = createRequire(pathToFileURL(join(resolve(root), "package.json")).href).resolve("typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.json"), "--outDir", next], { stdio: "inherit" });
  if (r.status !== 0) {
    rmSync(next, { recursive: true, force: true });
    throw new Error(`tsc failed (exit ${r.status ?? r.signal}); dist/ is unchanged`);
  }
  try {
    await bundle(root, next);
  } catch (err) {
    rmSync(next, { recursive: true, force: true });
    throw err;
  }
  if (existsSync(dist)) renameSync(dist, old);
  renameSync(next, dist);
  rmSync(old, { recursive: true, force: true });
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    await build();
  } catch (err) {
    console.error(`build: ${(err as Error).message}`);
    process.exit(1);
  }
}
