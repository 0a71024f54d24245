// Vitest setup file: in-process studies, searches and offloaded recorders start their worker threads on this run's bundle of the worker modules (test/bundleSources.ts) instead of the TypeScript sources under tsx.
import { vi } from "vitest";

// Each factory reads the folder when a test file first imports the module. What the worker runs is
// the same source either way; only its loading differs (the shipped CLI starts the bundled workers too).
// A test that needs the tsx-started worker calls vi.unmock on the module (test/sweep/runStudyWorkerDies.test.ts).
vi.mock("../src/sweep/sweepWorkerUrl.js", async () => {
  const { bundledModuleUrl } = await import("./bundledModuleUrl.js");
  return { sweepWorkerUrl: () => bundledModuleUrl("sweepWorker.js") };
});
vi.mock("../src/report/resourceRecorderWorkerUrl.js", async () => {
  const { bundledModuleUrl } = await import("./bundledModuleUrl.js");
  return { resourceRecorderWorkerUrl: () => bundledModuleUrl("resourceRecorderWorker.js") };
});
