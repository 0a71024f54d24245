// buildSimulate: a build's prepareScenario and simulate (imported from ROOT/dist/, plain JavaScript, no tsx) and the main thread's CPU clock, for the benches that time simulate() alone.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Imports `prepareScenario` and `simulate` from the build at `root` (a checkout or results/bench/ref-<hex> with
 * `npm run build` run in it), so that only Node and that build run (under valgrind, say).
 * @param {string} root
 */
export async function buildSimulate(root) {
  const { prepareScenario } = await import(distUrl(root, "scenario/prepareScenario.js"));
  const { simulate } = await import(distUrl(root, "run/simulate.js"));
  return { prepareScenario, simulate };
}

/**
 * The URL of module `path` (relative to dist/, e.g. "net/FlowNetwork.js") in the build at `root`, for a bench
 * that imports more of it than {@link buildSimulate} gives (to wrap a class's prototype, say).
 * @param {string} root
 * @param {string} path
 */
export function distUrl(root, path) {
  return pathToFileURL(resolve(root, "dist", path)).href;
}

/** CPU seconds of the main thread so far (utime + stime of its /proc task, in clock ticks of 1/100 s). */
export function mainCpuS() {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
