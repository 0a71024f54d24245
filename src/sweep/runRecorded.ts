// runRecorded: a study's or a search's runs on the sweep's worker pool, each recorded as it ends (its failure, if any, in failed.txt) — the loop runStudy and runSearch share.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { RunTask, RunTaskResult } from "./RunTask.js";
import type { WorkerPool } from "./WorkerPool.js";

/**
 * Run `tasks` on `pool` until every one has ended or `abort` fires. As each ends, a failure is
 * written to its directory's failed.txt — the run's own message, or, when its worker died with
 * it, the reason followed by ` — ${retry}` (how to try it again) — then `record(task)` writes its
 * run record and `onEnded()` is called. Returns the tasks that ended, which `settleUnended`
 * (runStudy.ts) needs after an interruption.
 */
export async function runRecorded(
  pool: WorkerPool<RunTask, RunTaskResult>,
  tasks: readonly RunTask[],
  record: (task: RunTask) => void,
  retry: string,
  abort?: AbortSignal,
  onEnded?: () => void,
): Promise<Set<RunTask>> {
  const ended = new Set<RunTask>();
  const end = (task: RunTask, failure: string | null): void => {
    if (failure !== null) writeFailure(task.outDir, failure);
    record(task);
    ended.add(task);
    onEnded?.();
  };
  await pool.run(
    tasks,
    (result, task) => end(task, result.status === "failed" ? result.message : null),
    (task, reason) => end(task, `${reason} — ${retry}`),
    abort,
  );
  return ended;
}

/** Record a run's failure: `failed.txt` in its directory, written atomically. */
function writeFailure(dir: string, message: string): void {
  mkdirSync(dir, { recursive: true });
  const tmp = join(dir, `.failed.${process.pid}.tmp`);
  writeFileSync(tmp, `${message}\n`);
  renameSync(tmp, join(dir, "failed.txt"));
}
