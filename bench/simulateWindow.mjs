// simulateWindow: run a scenario's simulation alone (no reports) from a build's dist/, so callgrind can count the simulation's window as the difference of two runs.
//
// usage: node bench/simulateWindow.mjs ROOT CASE prep|sim
//   prep: load and prepare the scenario, then exit; sim: then also simulate() it (no reports written)
//   and print its wall time, the main thread's CPU time and the process's CPU time over simulate().
// Plain JavaScript importing ROOT/dist/ (no tsx), so that under valgrind only Node and the build
// run: `valgrind --tool=callgrind --separate-threads=yes node bench/simulateWindow.mjs ROOT CASE sim`
// minus the same with `prep` is simulate()'s count, thread by thread (the main thread is file -01).
import { buildSimulate, mainCpuS } from "./buildSimulate.mjs";

const [root, file, mode] = process.argv.slice(2);
if (!root || !file || (mode !== "prep" && mode !== "sim")) {
  console.error("usage: node bench/simulateWindow.mjs ROOT CASE prep|sim");
  process.exit(2);
}
const { prepareScenario, simulate } = await buildSimulate(root);
const prepared = prepareScenario(file);
if (mode === "sim") {
  const main0 = mainCpuS();
  const cpu0 = process.cpuUsage();
  const s = simulate(prepared);
  const cpu = process.cpuUsage(cpu0);
  const mainS = mainCpuS() - main0;
  console.log(JSON.stringify({ events: s.run.events, wall_s: +s.wallS.toFixed(3), main_cpu_s: +mainS.toFixed(2), process_cpu_s: +((cpu.user + cpu.system) / 1e6).toFixed(2) }));
}
process.exit(0);
