// sweepWorkerUrl: where the sweep worker's module is, from the compiled tree, the CLI bundle or the TypeScript sources.
/**
 * The URL of the sweep worker's module, beside this one: `dist/sweep/sweepWorker.js` when
 * run from tsc's output, `dist/bundle/sweepWorker.js` from the CLI bundle (this module is
 * inlined into `dist/bundle/main.cjs`, and scripts/bundleCli.ts writes the worker's bundle
 * beside it), `src/sweep/sweepWorker.ts` under tsx (tests).
 */
export function sweepWorkerUrl(): URL {
  const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
  return new URL(`./sweepWorker.${ext}`, import.meta.url);
}
