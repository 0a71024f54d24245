// Tests of WorkerPool: results from every task, and a worker that dies (exit, crash, out of memory) costs only its own task.
import { describe, expect, it } from "vitest";
import { WorkerPool } from "../../src/sweep/WorkerPool.js";
import type { DyingTask } from "./fixtures/dyingWorker.js";

const worker = new URL("./fixtures/dyingWorker.ts", import.meta.url);

/** Run `tasks` and collect what came back: results and deaths, keyed by the task's position. */
async function runAll(pool: WorkerPool<DyingTask, number>, tasks: DyingTask[]) {
  const results = new Map<number, number>();
  const deaths = new Map<number, string>();
  await pool.run(
    tasks,
    (result, task) => results.set(tasks.indexOf(task), result),
    (task, reason) => deaths.set(tasks.indexOf(task), reason),
  );
  return { results, deaths };
}

describe("WorkerPool", () => {
  it("runs every task on its workers", async () => {
    const tasks = [1, 2, 3, 4, 5].map((n) => ({ n }));
    const { results, deaths } = await runAll(new WorkerPool(worker, { jobs: 2 }), tasks);
    expect([...results.entries()].sort((a, b) => a[0] - b[0])).toEqual([[0, 2], [1, 4], [2, 6], [3, 8], [4, 10]]);
    expect(deaths.size).toBe(0);
  });

  it("records a worker that exits, throws or runs out of memory as that task's death, and finishes the rest", async () => {
    const tasks: DyingTask[] = [{ n: 1 }, { exit: 7 }, { n: 2 }, { throwLater: "boom" }, { n: 3 }, { exhaustHeap: true }, { n: 4 }];
    const { results, deaths } = await runAll(new WorkerPool(worker, { jobs: 2, heapLimitMb: 32 }), tasks);
    expect(results).toEqual(new Map([[0, 2], [2, 4], [4, 6], [6, 8]]));
    expect(deaths).toEqual(
      new Map([
        [1, "the worker exited with code 7"],
        [3, "the worker crashed: boom"],
        [5, "the worker ran out of memory (its heap is limited to 32 MB)"],
      ]),
    );
  });

  it("survives every worker dying, one after the other", async () => {
    const tasks: DyingTask[] = [{ exit: 1 }, { exit: 2 }, { exit: 3 }, { n: 5 }];
    const { results, deaths } = await runAll(new WorkerPool(worker, { jobs: 1 }), tasks);
    expect(results).toEqual(new Map([[3, 10]]));
    expect([...deaths.values()]).toEqual(["the worker exited with code 1", "the worker exited with code 2", "the worker exited with code 3"]);
  });

  it("stops and rejects when a callback throws", async () => {
    const pool = new WorkerPool<DyingTask, number>(worker, { jobs: 2 });
    const run = pool.run(
      [{ n: 1 }, { n: 2 }, { n: 3 }],
      () => {
        throw new Error("disk full");
      },
      () => {},
    );
    await expect(run).rejects.toThrow("disk full");
  });

  it("when aborted, starts no task, terminates the workers (busy ones too) and resolves, calling back for no unfinished task", async () => {
    const tasks: DyingTask[] = [{ n: 1 }, { spin: true }, { n: 2 }, { n: 3 }];
    const abort = new AbortController();
    const results = new Map<number, number>();
    const deaths = new Map<number, string>();
    // jobs 2: task 0 and the spinning task 1 start; the first result aborts, so tasks 2 and 3 never start and task 1 is cut short.
    await new WorkerPool<DyingTask, number>(worker, { jobs: 2 }).run(
      tasks,
      (result, task) => {
        results.set(tasks.indexOf(task), result);
        abort.abort();
      },
      (task, reason) => deaths.set(tasks.indexOf(task), reason),
      abort.signal,
    );
    expect(results).toEqual(new Map([[0, 2]]));
    expect(deaths.size).toBe(0);
    // Aborted before it starts: nothing runs.
    let called = false;
    await new WorkerPool<DyingTask, number>(worker, { jobs: 1 }).run([{ n: 1 }], () => (called = true), () => (called = true), abort.signal);
    expect(called).toBe(false);
  });

  it("with keepAlive, runs the next batch on the same workers (replacing one that died) until close", async () => {
    const whoami = (k: number): DyingTask[] => Array.from({ length: k }, () => ({ whoami: true }));
    const kept = new WorkerPool<DyingTask, number>(worker, { jobs: 2, keepAlive: true });
    const first = new Set((await runAll(kept, whoami(4))).results.values());
    const second = new Set((await runAll(kept, whoami(4))).results.values());
    expect(first.size).toBe(2);
    expect(second).toEqual(first);
    const died = await runAll(kept, [{ exit: 3 }, { n: 5 }, { n: 6 }]);
    expect(died.deaths).toEqual(new Map([[0, "the worker exited with code 3"]]));
    expect(died.results).toEqual(new Map([[1, 10], [2, 12]]));
    const third = new Set((await runAll(kept, whoami(4))).results.values());
    expect(third.size).toBe(2);
    expect([...third].filter((id) => first.has(id))).toHaveLength(1);
    await kept.close();
    // Without keepAlive every batch starts its own workers.
    const plain = new WorkerPool<DyingTask, number>(worker, { jobs: 2 });
    const a = new Set((await runAll(plain, whoami(2))).results.values());
    const b = new Set((await runAll(plain, whoami(2))).results.values());
    expect([...b].filter((id) => a.has(id))).toEqual([]);
  });
});
