// Tests of the sweep's progress bar: counts, percentage, an ETA from the runs this sweep ran, and the runs it reused.
import { describe, expect, it } from "vitest";
import { progressBar } from "../../src/cli/sweepCommand.js";

describe("progressBar", () => {
  it("draws done/total, the percentage and an ETA from the elapsed time per run", () => {
    expect(progressBar(10, 40, 0, 20_000)).toBe("  [######..................] 10/40 25% ETA 1m00s");
    expect(progressBar(40, 40, 0, 20_000)).toBe("  [########################] 40/40 100%");
  });

  it("says how many runs an earlier sweep had done, and takes the ETA from the runs this one ran", () => {
    // 30 reused, 2 run in 10 s: 8 left take 40 s (not 8 × 10 s / 32).
    expect(progressBar(32, 40, 30, 10_000)).toBe("  [###################.....] 32/40 80% ETA 40s — reused 30 of 40 runs");
    // Before the first run of this sweep ends there is no ETA.
    expect(progressBar(30, 40, 30, 0)).toBe("  [##################......] 30/40 75% — reused 30 of 40 runs");
  });
});
