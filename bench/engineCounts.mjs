// engineCounts: a scenario's simulation run from a build's dist/, the sharing engine's work counted per event and per solve.
//
// usage: node bench/engineCounts.mjs ROOT CASE [FROM_EVENT]
// Plain JavaScript importing ROOT/dist/ (as bench/eventKinds.mjs): wraps IncrementalSharing.solve
// and Simulation.registerHandler on their prototypes, and prints, over the events from FROM_EVENT on
// (0: all), per event and per solve: the engine's solves (those with work), the flows whose rate
// changed, the flows released (joined), resources filled and checked, refill rounds, full solves,
// solves that changed no rate, the active flows, and the observers a FlowNetwork hands each change to.
import { buildSimulate, distUrl } from "./buildSimulate.mjs";

const [root, file, fromArg] = process.argv.slice(2);
if (!root || !file) {
  console.error("usage: node bench/engineCounts.mjs ROOT CASE [FROM_EVENT]");
  process.exit(2);
}
const from = Number(fromArg ?? 0);
const dist = (p) => distUrl(root, p);
const { Simulation } = await import(dist("core/Simulation.js"));
const { IncrementalSharing } = await import(dist("net/IncrementalSharing.js"));
const { FlowNetwork } = await import(dist("net/FlowNetwork.js"));
const { prepareScenario, simulate } = await buildSimulate(root);

let events = 0;
const register = Simulation.prototype.registerHandler;
Simulation.prototype.registerHandler = function (handler) {
  return register.call(this, (arg) => {
    events++;
    return handler(arg);
  });
};
const c = { events: 0, solves: 0, worked: 0, changes: 0, unchanged: 0, released: 0, joined: 0, filled: 0, checked: 0, rounds: 0, full: 0, active: 0, restarts: 0 };
let engines = [];
const solve = IncrementalSharing.prototype.solve;
IncrementalSharing.prototype.solve = function () {
  const st = this.stats;
  const before = { ...st };
  const n = solve.call(this);
  if (events < from) return n;
  c.solves++;
  if (st.solves > before.solves) {
    c.worked++;
    if (n === 0) c.unchanged++;
  }
  c.changes += n;
  c.released += st.releasedFlows - before.releasedFlows;
  c.joined += st.joinedFlows - before.joinedFlows;
  c.filled += st.filledResources - before.filledResources;
  c.checked += st.checkedResources - before.checkedResources;
  c.rounds += st.rounds - before.rounds;
  c.full += st.fullSolves - before.fullSolves;
  c.restarts += st.restarts - before.restarts;
  c.active += this.flowCount;
  return n;
};
let observers;
const observe = FlowNetwork.prototype.observe;
FlowNetwork.prototype.observe = function (o) {
  observe.call(this, o);
  observers = this.observers;
};

const s = simulate(prepareScenario(file));
c.events = s.run.events - from;
const per = (x, d) => (x / d).toFixed(2);
console.log(JSON.stringify(c));
console.log(`events ${c.events}; solves ${c.solves} (${per(c.solves, c.events)} an event; ${c.worked} with work, ${c.unchanged} of them changing no rate)`);
console.log(`per solve with work: rate changes ${per(c.changes, c.worked)}, released ${per(c.released, c.worked)} (joined ${per(c.joined, c.worked)}), resources filled ${per(c.filled, c.worked)}, checked ${per(c.checked, c.worked)}, rounds ${per(c.rounds, c.worked)}, full solves ${c.full}, restarts ${c.restarts}, active flows ${per(c.active, c.solves)}`);
if (observers) console.log(`observers: rate ${observers.rate.map((o) => o.constructor.name)}, batch ${observers.batch.length}, activated ${observers.activated.length}, started ${observers.started.length}, completed ${observers.completed.length}, solved ${observers.solved.length}`);
process.exit(0);
