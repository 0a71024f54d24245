// resourceRecorderWorkerUrl: where OffloadedResourceRecorder's worker module is, from the compiled tree, the CLI bundle or the TypeScript sources.
/**
 * The URL of the worker's module, beside this one: `dist/report/resourceRecorderWorker.js` from
 * tsc's output, `dist/bundle/resourceRecorderWorker.js` from the CLI bundle (scripts/bundleCli.ts
 * writes it beside main.cjs), `src/report/resourceRecorderWorker.ts` under tsx (tests).
 */
export function resourceRecorderWorkerUrl(): URL {
  const ext = import.meta.url.endsWith(".ts") ? "ts" : "js";
  return new URL(`./resourceRecorderWorker.${ext}`, import.meta.url);
}
