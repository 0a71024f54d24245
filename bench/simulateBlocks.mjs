// simulateBlocks: a scenario's simulation cut into blocks of events, with the main thread's CPU, the flows started and the flows in progress of each — what an event costs along a run.
//
// usage: node bench/simulateBlocks.mjs ROOT CASE [EVENTS_PER_BLOCK]
//   Loads ROOT/dist/ (a build, e.g. results/bench/ref-<hex>), prepares CASE and simulate()s it (no reports),
//   marking every EVENTS_PER_BLOCK events (default 65,536: simulate's progress period; a multiple of it).
//   Prints one JSON line per block: events, flows started by its end, the mean of the flows in progress at
//   its two marks, the main thread's CPU seconds in it, and µs of that CPU per event; then a summary line.
// Two runs of one generated-traffic case that differ only in its flow count (ws-100000, ws-1000000) start
// with the same flows, so their common blocks must match in events and flows: what differs after that is
// the longer run's steady state against the shorter one's ramp (docs/architecture.md, "Session 52").
import { buildSimulate, mainCpuS } from "./buildSimulate.mjs";

const [root, file, everyArg] = process.argv.slice(2);
const every = everyArg === undefined ? 65536 : Number(everyArg);
if (!root || !file || !(Number.isInteger(every) && every > 0 && every % 65536 === 0)) {
  console.error("usage: node bench/simulateBlocks.mjs ROOT CASE [EVENTS_PER_BLOCK, a multiple of 65536]");
  process.exit(2);
}
const { prepareScenario, simulate } = await buildSimulate(root);
const prepared = prepareScenario(file);
/** Marks: [simulated time, events, flows in progress, main CPU s]; the first at the start. */
const marks = [[0, 0, 0, mainCpuS()]];
const s = simulate(prepared, {
  onProgress: (nowS, events, active) => {
    if (events % every === 0) marks.push([nowS, events, active, mainCpuS()]);
  },
});
marks.push([s.run.endS, s.run.events, 0, mainCpuS()]);
// Flows started by time t: start times rise with flow numbers in a run of generated arrivals; counted, not assumed.
const n = s.network.flowCount;
const starts = new Float64Array(n);
for (let f = 0; f < n; f++) starts[f] = s.network.startOf(f);
const startedBy = (t) => {
  let c = 0;
  for (let f = 0; f < n; f++) if (starts[f] <= t) c++;
  return c;
};
let cpu = 0;
for (let i = 1; i < marks.length; i++) {
  const [t, e, active, c] = marks[i];
  const [, e0, active0, c0] = marks[i - 1];
  const cpuS = c - c0;
  cpu += cpuS;
  console.log(JSON.stringify({ block: i, events: e - e0, flows_started: startedBy(t), mean_active: (active + active0) / 2, main_cpu_s: +cpuS.toFixed(2), us_per_event: +((1e6 * cpuS) / (e - e0)).toFixed(2) }));
}
console.log(JSON.stringify({ flows: n, events: s.run.events, main_cpu_s: +cpu.toFixed(2), us_per_event: +((1e6 * cpu) / s.run.events).toFixed(2) }));
process.exit(0);
