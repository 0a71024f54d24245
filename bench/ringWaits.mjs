// ringWaits: a scenario's simulation run from a build's dist/, with the time the simulation's thread spends handing the links' records to their worker measured.
//
// usage: node bench/ringWaits.mjs ROOT CASE [RING_VALUES]
// Plain JavaScript importing ROOT/dist/ (as bench/simulateWindow.mjs): wraps RecordRing.prototype.send
// (the writer's side of the ring to the resource recorder's worker), RecordRing.prototype.wake and
// Atomics.wait, and prints simulate()'s wall and main-thread CPU, the sends, the wall inside them,
// the wakes of the reader with their wall, the waits for room (the ring full) with their wall, and the
// process's minor page faults over simulate().
// RING_VALUES (a power of two) replaces the size the recorder asks RecordRing.allocate for.
import { buildSimulate, distUrl, mainCpuS } from "./buildSimulate.mjs";

const [root, file, ringArg] = process.argv.slice(2);
if (!root || !file) {
  console.error("usage: node bench/ringWaits.mjs ROOT CASE");
  process.exit(2);
}
const { RecordRing } = await import(distUrl(root, "report/RecordRing.js"));
const { prepareScenario, simulate } = await buildSimulate(root);
if (ringArg) {
  const allocate = RecordRing.allocate;
  RecordRing.allocate = (_values) => allocate(Number(ringArg));
}
let wakes = 0;
let wakeMs = 0;
const wake = RecordRing.prototype.wake;
RecordRing.prototype.wake = function () {
  const before = this.wakes;
  const t = performance.now();
  wake.call(this);
  if (this.wakes !== before) {
    wakes++;
    wakeMs += performance.now() - t;
  }
};
let sends = 0;
let sendMs = 0;
let waits = 0;
let waitMs = 0;
let inSend = false;
const send = RecordRing.prototype.send;
RecordRing.prototype.send = function (block, n) {
  sends++;
  const t = performance.now();
  inSend = true;
  send.call(this, block, n);
  inSend = false;
  sendMs += performance.now() - t;
};
const wait = Atomics.wait;
Atomics.wait = function (...args) {
  if (!inSend) return wait.apply(Atomics, args);
  waits++;
  const t = performance.now();
  const r = wait.apply(Atomics, args);
  waitMs += performance.now() - t;
  return r;
};
const prepared = prepareScenario(file);
const faults0 = process.resourceUsage().minorPageFault;
const main0 = mainCpuS();
const t0 = performance.now();
const s = simulate(prepared);
const wallS = (performance.now() - t0) / 1000;
const mainS = mainCpuS() - main0;
const minorFaults = process.resourceUsage().minorPageFault - faults0;
console.log(JSON.stringify({ events: s.run.events, wall_s: +wallS.toFixed(3), main_cpu_s: +mainS.toFixed(2), ring_values: ringArg ? Number(ringArg) : "default", sends, send_wall_s: +(sendMs / 1000).toFixed(3), wakes, wake_wall_s: +(wakeMs / 1000).toFixed(3), waits_for_room: waits, wait_wall_s: +(waitMs / 1000).toFixed(3), minor_faults: minorFaults }));
process.exit(0);
