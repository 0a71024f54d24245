// Tests of the sweep's progress bar (counts, percentage, an ETA from the runs this sweep ran, and the runs it reused) and of its shard's i/n refused where it came from.
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { progressBar, sweepCommand, type SweepFlags } from "../../src/cli/sweepCommand.js";

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

describe("the shard i/n", () => {
  const io = { stdout: { write: () => {} }, stderr: { write: () => {} } };
  const out = "/nonexistent-chokepoint-shard-test/out";
  const flags = (shard?: string): SweepFlags => ({ shard, out, quiet: true, retryFailed: false, version: "test", dryRun: false }) as SweepFlags;
  const refusal = (shard: string | undefined, env: NodeJS.ProcessEnv) => sweepCommand("scenarios/sweeps/fct-vs-load.yaml", flags(shard), io, env);

  it("is refused out of range in one sentence naming where it came from and the range of i, before anything is written", async () => {
    await expect(refusal("3/2", {})).rejects.toThrow(/^--shard 3\/2: shard 3 of 2 — i must be from 0 to 1$/);
    await expect(refusal("0/0", {})).rejects.toThrow(/^--shard 0\/0: the number of shards n must be ≥ 1, found 0$/);
    await expect(refusal(undefined, { SLURM_ARRAY_TASK_ID: "5", SLURM_ARRAY_TASK_MIN: "1", SLURM_ARRAY_TASK_COUNT: "4" })).rejects.toThrow(
      /^SLURM_ARRAY_TASK_ID=5 \(SLURM_ARRAY_TASK_MIN=1\), SLURM_ARRAY_TASK_COUNT=4: shard 4 of 4 — i must be from 0 to 3$/,
    );
    await expect(refusal(undefined, { JOB_COMPLETION_INDEX: "6", CHOKEPOINT_SHARDS: "6" })).rejects.toThrow(
      /^JOB_COMPLETION_INDEX=6 of 6 shards: shard 6 of 6 — i must be from 0 to 5$/,
    );
    expect(existsSync(out)).toBe(false);
  });
});
