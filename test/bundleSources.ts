// Vitest global setup: bundles the CLI and its two worker modules from src/ once per test run, so tests start CLI processes and workers without tsx compiling ~300 modules in each.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { TestProject } from "vitest/node";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The environment variable through which this run's child processes (a nested vitest run) learn the bundle's folder. */
const BUNDLE_DIR_VARIABLE = "CHOKEPOINT_TEST_BUNDLE_DIR";

declare module "vitest" {
  export interface ProvidedContext {
    /** The folder holding main.js, sweepWorker.js and resourceRecorderWorker.js, bundled from src/ at the start of this test run. */
    bundleDir: string;
  }
}

/**
 * Bundle `src/cli/main.ts`, `src/sweep/sweepWorker.ts` and `src/report/resourceRecorderWorker.ts`
 * (ES modules, as scripts/bundleCli.ts bundles the workers) into a new folder `dist/test-bundle-…`,
 * provided to the tests as `bundleDir`, and remove it when the run ends. Under tsx a worker or a
 * `node --import tsx src/cli/main.ts` process spends 1–2 s of CPU loading the sources before it
 * does anything; a bundle loads in about 0.2 s. The folder sits two levels below the checkout like
 * dist/bundle/, so the modules' `new URL("../../data/…", import.meta.url)` paths hold, and the CLI
 * finds its workers beside it (src/sweep/sweepWorkerUrl.ts). The bundle is made from the sources
 * of this run, never from an earlier build. A vitest run inside this one (given the folder in
 * CHOKEPOINT_TEST_BUNDLE_DIR) uses the same bundle.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  // A vitest run started by a test (test/crosscheck/skipCrossCheck.test.ts) takes its parent's bundle.
  const inherited = process.env[BUNDLE_DIR_VARIABLE];
  if (inherited && existsSync(join(inherited, "main.js"))) {
    project.provide("bundleDir", inherited);
    return () => {};
  }
  mkdirSync(join(ROOT, "dist"), { recursive: true });
  const dir = mkdtempSync(join(ROOT, "dist", "test-bundle-"));
  await build({
    absWorkingDir: ROOT,
    outdir: dir,
    bundle: true,
    platform: "node",
    target: "node20",
    logLevel: "warning",
    format: "esm",
    entryPoints: { main: "src/cli/main.ts", sweepWorker: "src/sweep/sweepWorker.ts", resourceRecorderWorker: "src/report/resourceRecorderWorker.ts" },
    banner: { js: 'import { createRequire as __chokepointRequire } from "node:module"; const require = __chokepointRequire(import.meta.url);' },
  });
  project.provide("bundleDir", dir);
  process.env[BUNDLE_DIR_VARIABLE] = dir;
  return () => {
    delete process.env[BUNDLE_DIR_VARIABLE];
    rmSync(dir, { recursive: true, force: true });
  };
}
