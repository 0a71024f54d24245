// startModuleWorker: a worker thread on a module file — a compiled one as it is, a TypeScript source (tests under tsx) through tsx's loader.
import { Worker, type WorkerOptions } from "node:worker_threads";

/**
 * A Worker running the module at `url` with `options`. A `.ts` source (the tests run the
 * sources under tsx) is started by an evaluated boot that registers tsx's loader, then imports
 * it. The worker takes this process's Node options as Node hands them down when a worker is
 * given none, V8 options such as `--max-old-space-size` included (Node refuses those in a
 * worker's explicit `execArgv`). Only a process given `--input-type` (a program run from
 * `node -e`, such as the build's code-cache warm-up) passes its options explicitly, without
 * that one, which Node refuses for a worker's file: the worker would not start.
 */
export function startModuleWorker(url: URL, options: WorkerOptions = {}): Worker {
  const withOptions = hasInputType(process.execArgv) ? { ...options, execArgv: withoutInputType(process.execArgv) } : options;
  if (!url.pathname.endsWith(".ts")) return new Worker(url, withOptions);
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(url.href)}); });`;
  return new Worker(boot, { ...withOptions, eval: true });
}

/** Whether `args` holds `--input-type=…` or `--input-type …`. */
function hasInputType(args: readonly string[]): boolean {
  return args.some((a) => a === "--input-type" || a.startsWith("--input-type="));
}

/** `args` without `--input-type=…` or `--input-type …`. */
function withoutInputType(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--input-type") i++;
    else if (!args[i].startsWith("--input-type=")) out.push(args[i]);
  }
  return out;
}
