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
  const dist = (p) => pathToFileURL(resolve(root, "dist", p)).href;
  const { prepareScenario } = await import(dist("scenario/prepareScenario.js"));
  const { simulate } = await import(dist("run/simulate.js"));
  return { prepareScenario, simulate };
}

/** CPU seconds of the main thread so far (utime + stime of its /proc task, in clock ticks of 1/100 s). */
export function mainCpuS() {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8").split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
