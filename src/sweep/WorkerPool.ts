// WorkerPool: runs tasks on a fixed number of worker threads, replacing any worker that dies so the others' work goes on.
import type { ResourceLimits, Worker } from "node:worker_threads";
import { startModuleWorker } from "../core/startModuleWorker.js";

/** Options of a {@link WorkerPool}. */
export interface WorkerPoolOptions {
  /** Worker threads, a whole number ≥ 1. */
  jobs: number;
  /**
   * Keep the workers between calls of `run` (a search runs many small rounds), until
   * `close`. Default false: every `run` starts its workers and stops them when done.
   */
  keepAlive?: boolean;
  /** Each worker's JavaScript heap limit (V8 old generation), in MiB; V8's default when absent. */
  heapLimitMb?: number;
}

/**
 * A small pool over `node:worker_threads`: `jobs` workers load `workerUrl`, receive one
 * task message at a time and answer with one result message each. Results arrive in
 * completion order; callers that need a stable order sort by their own keys.
 *
 * A worker that dies while holding a task — out of memory (its heap is capped by
 * `heapLimitMb` through `resourceLimits`), an uncaught error, `process.exit` — costs only
 * that task: `onDeath` is told why, a fresh worker takes the next task, and the other
 * workers carry on. (piscina and tinypool do the same, but would add a dependency and a
 * worker wrapper of their own around the tsx loader for a loop of about forty lines.)
 *
 * A worker written in TypeScript (the source tree run through tsx, as in tests) is started
 * with tsx's loader; the compiled JavaScript in dist/ is started directly.
 */
export class WorkerPool<Task, Result> {
  private readonly jobs: number;
  private readonly resourceLimits: ResourceLimits | undefined;
  private readonly keepAlive: boolean;
  /** Live workers waiting for the next `run` (only with keepAlive). */
  private readonly idle: Worker[] = [];

  constructor(
    private readonly workerUrl: URL,
    options: WorkerPoolOptions,
  ) {
    const { jobs, heapLimitMb } = options;
    if (!(Number.isInteger(jobs) && jobs >= 1)) throw new RangeError(`WorkerPool: jobs must be a whole number ≥ 1, found ${jobs}`);
    if (heapLimitMb !== undefined && !(heapLimitMb > 0)) throw new RangeError(`WorkerPool: heapLimitMb must be > 0, found ${heapLimitMb}`);
    this.jobs = jobs;
    this.resourceLimits = heapLimitMb === undefined ? undefined : { maxOldGenerationSizeMb: heapLimitMb };
    this.keepAlive = options.keepAlive ?? false;
  }

  /** Stop the workers kept alive between runs. */
  async close(): Promise<void> {
    const workers = this.idle.splice(0);
    await Promise.all(workers.map((w) => w.terminate()));
  }

  /** A worker on the module (startModuleWorker: TypeScript sources get tsx's loader registered first). */
  private startWorker(): Worker {
    return startModuleWorker(this.workerUrl, { resourceLimits: this.resourceLimits });
  }

  /** Why a worker died, in words: out of memory, the error it threw, or its exit code. */
  private deathOf(error: (Error & { code?: string }) | undefined, exitCode: number): string {
    if (error?.code === "ERR_WORKER_OUT_OF_MEMORY") {
      const limit = this.resourceLimits?.maxOldGenerationSizeMb;
      return `the worker ran out of memory${limit === undefined ? "" : ` (its heap is limited to ${limit} MB)`}`;
    }
    if (error) return `the worker crashed: ${error.message}`;
    return `the worker exited with code ${exitCode}`;
  }

  /**
   * Run every task. `onResult` is called in the main thread as each one completes;
   * `onDeath` when the worker holding a task dies first, with the reason. The promise
   * rejects only if a callback throws (the remaining workers are stopped).
   *
   * When `abort` is aborted, no task starts any more, the workers are terminated (even
   * those kept alive) and the promise resolves once they have exited — their file
   * operations in flight included — calling back for no task still running: the caller
   * knows from its callbacks which tasks ended and cleans up after the others.
   */
  run(
    tasks: readonly Task[],
    onResult: (result: Result, task: Task) => void,
    onDeath: (task: Task, reason: string) => void,
    abort?: AbortSignal,
  ): Promise<void> {
    if (tasks.length === 0 || abort?.aborted) return Promise.resolve();
    let next = 0;
    let settled = 0;
    let stopped = false;
    return new Promise((resolve, reject) => {
      const live = new Set<Worker>();
      /** How to take each live worker's listeners off, to keep it for the next run. */
      const detach = new Map<Worker, () => void>();
      const onAbort = () => stop(undefined, true);
      abort?.addEventListener("abort", onAbort, { once: true });
      const stop = (err?: Error, aborted = false) => {
        if (stopped) return;
        stopped = true;
        abort?.removeEventListener("abort", onAbort);
        if (this.keepAlive && !err && !aborted) {
          // Every task has settled: the live workers are idle.
          for (const w of live) {
            detach.get(w)!();
            this.idle.push(w);
          }
          resolve();
          return;
        }
        const ending = aborted ? [...live, ...this.idle.splice(0)] : [...live];
        Promise.all(ending.map((w) => w.terminate())).then(() => (err ? reject(err) : resolve()), reject);
      };
      // Call back for a task that ended; false when the callback threw and the pool stopped.
      const settle = (callback: () => void): boolean => {
        try {
          callback();
        } catch (err) {
          stop(err as Error);
          return false;
        }
        if (++settled === tasks.length) stop();
        return !stopped;
      };
      const spawn = () => {
        const w = this.idle.pop() ?? this.startWorker();
        live.add(w);
        let task: Task | undefined;
        let error: Error | undefined;
        const onMessage = (result: Result) => {
          if (stopped) return;
          const done = task!;
          if (settle(() => onResult(result, done))) feed();
        };
        const onError = (err: Error) => {
          error = err;
        };
        const onExit = (code: number) => {
          live.delete(w);
          if (stopped || task === undefined) return;
          const lost = task;
          task = undefined;
          // A replacement takes the next task, if there is one.
          if (settle(() => onDeath(lost, this.deathOf(error, code))) && next < tasks.length) spawn();
        };
        const feed = () => {
          if (next >= tasks.length) {
            task = undefined;
            live.delete(w);
            if (this.keepAlive) {
              detach.get(w)!();
              this.idle.push(w);
            } else void w.terminate();
            return;
          }
          task = tasks[next++];
          w.postMessage(task);
        };
        w.on("message", onMessage);
        w.on("error", onError);
        w.on("exit", onExit);
        detach.set(w, () => void w.off("message", onMessage).off("error", onError).off("exit", onExit));
        feed();
      };
      for (let i = 0; i < Math.min(this.jobs, tasks.length); i++) spawn();
    });
  }
}
