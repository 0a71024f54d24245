// sweepWorker: the worker-thread side of a sweep — runs one study point repetition per message.
import { parentPort } from "node:worker_threads";
import { InputError } from "../core/InputError.js";
import { runScenario } from "../run/runScenario.js";
import { prepareScenarioDocument } from "../scenario/prepareScenario.js";
import type { RunTask, RunTaskResult } from "./RunTask.js";

parentPort!.on("message", async (task: RunTask) => {
  let result: RunTaskResult;
  try {
    const prepared = prepareScenarioDocument(task.document, task.file);
    await runScenario(prepared, { outDir: task.outDir, seed: task.seed, version: task.version });
    result = { runId: task.runId, status: "ok" };
  } catch (err) {
    const message = err instanceof InputError ? err.message : `internal error: ${(err as Error)?.message ?? String(err)}`;
    result = { runId: task.runId, status: "failed", message };
  }
  parentPort!.postMessage(result);
});
