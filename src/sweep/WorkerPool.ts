// WorkerPool: runs tasks on a fixed number of worker threads, handing each the next task as it finishes one.
import { Worker } from "node:worker_threads";

/**
 * A minimal pool over `node:worker_threads`: `jobs` workers load `workerUrl`, receive one
 * task message at a time and answer with one result message each. Results arrive in
 * completion order; callers that need a stable order sort by their own keys.
 *
 * A worker written in TypeScript (the source tree run through tsx, as in tests) is started
 * with tsx's loader; the compiled JavaScript in dist/ is started directly.
 */
export class WorkerPool<Task, Result> {
  constructor(
    private readonly workerUrl: URL,
    private readonly jobs: number,
  ) {
    if (!(Number.isInteger(jobs) && jobs >= 1)) throw new RangeError(`WorkerPool: jobs must be a whole number ≥ 1, found ${jobs}`);
  }

  /** A worker on the module; TypeScript sources get tsx's loader registered first. */
  private startWorker(): Worker {
    if (!this.workerUrl.pathname.endsWith(".ts")) return new Worker(this.workerUrl);
    const tsx = import.meta.resolve("tsx/esm/api");
    const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(this.workerUrl.href)}); });`;
    return new Worker(boot, { eval: true });
  }

  /** Run every task; `onResult` is called in the main thread as each one completes. */
  run(tasks: readonly Task[], onResult: (result: Result, task: Task) => void): Promise<void> {
    if (tasks.length === 0) return Promise.resolve();
    let next = 0;
    let done = 0;
    return new Promise((resolve, reject) => {
      const workers: Worker[] = [];
      let failed = false;
      const fail = (err: Error) => {
        if (failed) return;
        failed = true;
        for (const w of workers) void w.terminate();
        reject(err);
      };
      const feed = (w: Worker, current: { task?: Task }) => {
        if (next >= tasks.length) {
          current.task = undefined;
          void w.terminate();
          return;
        }
        current.task = tasks[next++];
        w.postMessage(current.task);
      };
      for (let i = 0; i < Math.min(this.jobs, tasks.length); i++) {
        const w = this.startWorker();
        const current: { task?: Task } = {};
        workers.push(w);
        w.on("message", (result: Result) => {
          try {
            onResult(result, current.task!);
          } catch (err) {
            fail(err as Error);
            return;
          }
          if (++done === tasks.length) {
            current.task = undefined;
            Promise.all(workers.map((x) => x.terminate())).then(() => resolve(), reject);
          } else feed(w, current);
        });
        w.on("error", (err) => fail(err));
        w.on("exit", (code) => {
          if (code !== 0 && current.task !== undefined) fail(new Error(`a sweep worker exited with code ${code}`));
        });
        feed(w, current);
      }
    });
  }
}
