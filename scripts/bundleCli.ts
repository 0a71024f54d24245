// bundleCli: after tsc, bundles the CLI and the sweep worker into one file each under dist/bundle/, and makes dist/cli/main.js a stub that loads the CLI's.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { build } from "esbuild";

/**
 * Bundle `root`'s CLI (`src/cli/main.ts`) and sweep worker (`src/sweep/sweepWorker.ts`) to
 * `dist/bundle/main.js` and `dist/bundle/sweepWorker.js`, then replace the compiled
 * `dist/cli/main.js` (the package's "bin") by a stub importing the bundle. Node then loads
 * one file at startup instead of about 300 modules (chokepoint's and its dependencies').
 *
 * Run after `tsc -p tsconfig.json` (`npm run build` does both): the rest of dist/ stays
 * tsc's output, so a plain tsc rebuild rewrites the stub and `node dist/cli/main.js` runs
 * the unbundled modules again, never a stale bundle. The bundle sits two folders below the
 * checkout like dist/cli/, so its `new URL("../../data/…", import.meta.url)` paths hold;
 * the worker is found beside it (src/sweep/sweepWorkerUrl.ts).
 *
 * Dependencies are bundled too, except js-yaml, which src/scenario/loadScenario.ts loads
 * through `createRequire` only for YAML files (JSON scenarios never load it). A `require`
 * made from `createRequire` serves the CommonJS dependencies' calls to Node's modules.
 * `dist` (default `root`/dist) is where the bundle and the stub go; tests give another.
 */
export async function bundleCli(root = ".", dist = join(root, "dist")): Promise<void> {
  await build({
    absWorkingDir: resolve(root),
    entryPoints: { main: "src/cli/main.ts", sweepWorker: "src/sweep/sweepWorker.ts" },
    outdir: join(resolve(dist), "bundle"),
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    logLevel: "warning",
    banner: { js: 'import { createRequire as __chokepointRequire } from "node:module"; const require = __chokepointRequire(import.meta.url);' },
  });
  mkdirSync(join(dist, "cli"), { recursive: true });
  writeFileSync(join(dist, "cli", "main.js"), '#!/usr/bin/env node\n// chokepoint command-line entry point: the bundle written by scripts/bundleCli.ts.\nimport "../bundle/main.js";\n');
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await bundleCli();
