// eventKinds: a scenario's simulation run from a build's dist/, its events counted by handler kind and its solves by how many flows each changed.
//
// usage: CHOKEPOINT_RESOURCE_WORKER=0 node bench/eventKinds.mjs ROOT CASE
// Plain JavaScript importing ROOT/dist/ (as bench/simulateWindow.mjs), no debug build: before the
// run it wraps Simulation.registerHandler (each handler counted under its source text),
// Simulation.at (timers) and IncrementalSharing.solve (the engine's changed-flow count) on their
// prototypes, so every component built after it is counted. The run's answers are not written.
import { buildSimulate, distUrl } from "./buildSimulate.mjs";

const [root, file] = process.argv.slice(2);
if (!root || !file) {
  console.error("usage: node bench/eventKinds.mjs ROOT CASE");
  process.exit(2);
}
const dist = (p) => distUrl(root, p);
const { Simulation } = await import(dist("core/Simulation.js"));
const { IncrementalSharing } = await import(dist("net/IncrementalSharing.js"));
const { prepareScenario, simulate } = await buildSimulate(root);

/** Events per kind, named by the handler's source text (timers under one name). */
const kinds = new Map();
const counter = (name) => {
  let c = kinds.get(name);
  if (!c) kinds.set(name, (c = { n: 0 }));
  return c;
};
const register = Simulation.prototype.registerHandler;
Simulation.prototype.registerHandler = function (handler) {
  const c = counter(handler.toString().replace(/\s+/g, " ").slice(0, 60));
  return register.call(this, (arg) => {
    c.n++;
    return handler(arg);
  });
};
const at = Simulation.prototype.at;
const timers = counter("timers (Simulation.at)");
Simulation.prototype.at = function (timeS, fn) {
  return at.call(this, timeS, () => {
    timers.n++;
    fn();
  });
};
/** Solves by the number of flows whose rate the engine changed. */
const bySize = new Map();
const solve = IncrementalSharing.prototype.solve;
IncrementalSharing.prototype.solve = function () {
  const n = solve.call(this);
  const k = n === 0 ? "0" : n === 1 ? "1" : n <= 4 ? "2-4" : n <= 16 ? "5-16" : ">16";
  bySize.set(k, (bySize.get(k) ?? 0) + 1);
  return n;
};

const s = simulate(prepareScenario(file));
console.log(`events ${s.run.events}`);
for (const [name, c] of kinds) console.log(`${String(c.n).padStart(9)}  ${name}`);
console.log(`solves by flows changed: ${[...bySize].map(([k, n]) => `${k}: ${n}`).join(", ")}`);
process.exit(0);
