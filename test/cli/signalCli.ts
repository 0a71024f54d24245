// Test helper: run the CLI in a child process and send it a signal once its runs/ directory reaches a given state.
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";
import { bundledModuleUrl } from "../bundledModuleUrl.js";

/** How a signalled child ended: the signal that ended it (null if it exited by itself) and its stderr. */
export interface Stopped {
  signal: NodeJS.Signals | null;
  stderr: string;
}

/**
 * Run `chokepoint ARGV` (this run's bundle of src, test/bundleSources.ts) in a child process, polling `out`/runs every
 * 20 ms, and send it `signal` once `ready(entries of runs/)` holds; resolves when it ends.
 */
export async function signalCli(argv: readonly string[], out: string, signal: NodeJS.Signals, ready: (entries: string[]) => boolean): Promise<Stopped> {
  const child = spawn(process.execPath, [fileURLToPath(bundledModuleUrl("main.js")), ...argv], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk: string) => (stderr += chunk));
  const exited = new Promise<Stopped>((resolve) => child.on("exit", (_code, sig) => resolve({ signal: sig, stderr })));
  let alive = true;
  void exited.then(() => (alive = false));
  const runs = join(out, "runs");
  while (alive) {
    if (existsSync(runs) && ready(readdirSync(runs))) {
      child.kill(signal);
      break;
    }
    await sleep(20);
  }
  return exited;
}
