// Tests of runRecorded: each run is recorded as it ends, a failure (the run's message, or its worker's death and how to retry) in failed.txt.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runRecorded } from "../../src/sweep/runRecorded.js";
import type { RunTask, RunTaskResult } from "../../src/sweep/RunTask.js";
import type { WorkerPool } from "../../src/sweep/WorkerPool.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A pool that answers the tasks in order from `outcomes` (a result, or "died: <reason>"), ending none after the first `ends`. */
function fakePool(outcomes: Array<RunTaskResult | string>, ends = outcomes.length): WorkerPool<RunTask, RunTaskResult> {
  return {
    run: async (tasks: readonly RunTask[], onResult: (r: RunTaskResult, t: RunTask) => void, onDeath: (t: RunTask, reason: string) => void) => {
      tasks.slice(0, ends).forEach((task, i) => {
        const o = outcomes[i];
        if (typeof o === "string") onDeath(task, o);
        else onResult(o, task);
      });
    },
  } as unknown as WorkerPool<RunTask, RunTaskResult>;
}

function tasksIn(root: string, n: number): RunTask[] {
  return Array.from({ length: n }, (_, i) => ({ runId: `p${i}-r0`, file: "s.yaml", document: {}, seed: 1, outDir: join(root, `p${i}-r0`), version: "0" }));
}

describe("runRecorded", () => {
  it("records every run as it ends, writes failed.txt for a failed run and for one whose worker died, and returns those that ended", async () => {
    const root = mkdtempSync(join(tmpdir(), "runRecorded-"));
    dirs.push(root);
    const tasks = tasksIn(root, 4);
    const order: string[] = [];
    const pool = fakePool([{ runId: "p0-r0", status: "ok" }, { runId: "p1-r0", status: "failed", message: "bad input" }, "worker exited with code 7"], 3);
    const ended = await runRecorded(pool, tasks, (t) => order.push(`record ${t.runId}`), "try again", undefined, () => order.push("ended"));
    expect(order).toEqual(["record p0-r0", "ended", "record p1-r0", "ended", "record p2-r0", "ended"]);
    expect([...ended].map((t) => t.runId)).toEqual(["p0-r0", "p1-r0", "p2-r0"]);
    expect(existsSync(join(tasks[0].outDir, "failed.txt"))).toBe(false);
    expect(readFileSync(join(tasks[1].outDir, "failed.txt"), "utf8")).toBe("bad input\n");
    expect(readFileSync(join(tasks[2].outDir, "failed.txt"), "utf8")).toBe("worker exited with code 7 — try again\n");
    // Written atomically: no temporary file is left beside failed.txt; the run that never ended has no directory.
    expect(readdirSync(tasks[1].outDir)).toEqual(["failed.txt"]);
    expect(existsSync(tasks[3].outDir)).toBe(false);
  });
});
