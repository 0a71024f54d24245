// Test helper: the URL of a module in this test run's bundle of the CLI and its workers (test/bundleSources.ts).
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { inject } from "vitest";

/** The file URL of `name` (`main.js`, `sweepWorker.js` or `resourceRecorderWorker.js`) in the bundle test/bundleSources.ts made for this run. */
export function bundledModuleUrl(name: string): URL {
  const dir = inject("bundleDir");
  if (!dir) throw new Error("no bundle of the sources: run the tests through vitest.config.ts (globalSetup test/bundleSources.ts)");
  return pathToFileURL(join(dir, name));
}
