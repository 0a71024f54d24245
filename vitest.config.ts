// Vitest configuration: tests live in test/, mirroring src/.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Two test files at a time on two cores (vitest's default leaves one core to itself: availableParallelism − 1).
    maxWorkers: 2,
    // One bundle of the CLI and its workers per run, which the tests' workers and CLI processes load instead of the sources under tsx.
    globalSetup: ["test/bundleSources.ts"],
    setupFiles: ["test/useBundledWorkers.ts"],
  },
});
