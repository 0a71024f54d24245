// solveCauses: a tcp run's engine solves by what asked for them (arrivals, departures, which tcp step's cap change), with the work each kind made, the cap changes by kind and the gaps between solve events.
//
// usage: CHOKEPOINT_RESOURCE_WORKER=0 node bench/solveCauses.mjs ROOT CASE
// Plain JavaScript importing ROOT/dist/ (as bench/eventKinds.mjs): before the run it wraps, on their
// prototypes, IncrementalSharing's addFlow, removeFlow, setFlowCap and solve, FlowNetwork.solve (for
// the clock) and the tcp steps that set caps (SlowStartRounds.round, AvoidanceSteps' step,
// enterAvoidance and settle, LossRecovery's answers, BurstAnswers.judge, FlowNetwork.activate), so
// each cap change is told by the outermost and innermost step on the stack when it was made. A solve
// is put under what happened since the previous one: an arrival or departure (with any cap changes),
// cap changes alone (by step and direction), or nothing the engine must solve. Per kind: solves,
// resources filled, flows released and rates changed (the engine's `stats` and its answer). Also the
// calls of TcpRoutes.rttNow, TcpFlowTable.advance and windowAt and LossPorts.updatePort by caller, and the
// cap changes that ask for a solve by how far they move the cap (|new − old| / old; to no cap and from none apart).
// The wrappers cost time, never answers; the run's reports are not written.
import { buildSimulate, distUrl } from "./buildSimulate.mjs";

const [root, file] = process.argv.slice(2);
if (!root || !file) {
  console.error("usage: node bench/solveCauses.mjs ROOT CASE");
  process.exit(2);
}
const load = (p) => import(distUrl(root, p));
const { prepareScenario, simulate } = await buildSimulate(root);
const { IncrementalSharing } = await load("net/IncrementalSharing.js");
const { FlowNetwork } = await load("net/FlowNetwork.js");
const { SlowStartRounds } = await load("transport/tcp/SlowStartRounds.js");
const { AvoidanceSteps } = await load("transport/tcp/AvoidanceSteps.js");
const { LossRecovery } = await load("transport/tcp/LossRecovery.js");
const { BurstAnswers } = await load("transport/tcp/BurstAnswers.js");
const { LossPorts } = await load("transport/tcp/LossPorts.js");
const { TcpFlows } = await load("transport/tcp/TcpFlows.js");
const { TcpRoutes } = await load("transport/tcp/TcpRoutes.js");
const { TcpFlowTable } = await load("transport/tcp/TcpFlowTable.js");

const bump = (m, k, v = 1) => m.set(k, (m.get(k) ?? 0) + v);
/** The steps under way (outermost first). */
const stack = [];
/** Run `proto[name]` with `label` on the stack. */
function step(proto, name, label) {
  const f = proto[name];
  if (typeof f !== "function") throw new Error(`solveCauses: ${label} is not a method of this build`);
  proto[name] = function (...a) {
    stack.push(label);
    try {
      return f.apply(this, a);
    } finally {
      stack.pop();
    }
  };
}
const calls = new Map();
/** Count the calls of `proto[name]` by the innermost step on the stack. */
function counted(proto, name, label) {
  const f = proto[name];
  proto[name] = function (...a) {
    bump(calls, `${label} from ${stack.at(-1) ?? "(other)"}`);
    return f.apply(this, a);
  };
}
step(SlowStartRounds.prototype, "round", "round");
step(AvoidanceSteps.prototype, "step", "avoidance step");
step(AvoidanceSteps.prototype, "enterAvoidance", "enterAvoidance");
step(AvoidanceSteps.prototype, "settle", "settle");
for (const m of ["recover", "recoverAgain", "inAvoidance", "inRecovery", "timeout", "resume", "burstLoss"]) step(LossRecovery.prototype, m, `LossRecovery.${m}`);
step(BurstAnswers.prototype, "judge", "BurstAnswers.judge");
step(BurstAnswers.prototype, "closeEpisode", "BurstAnswers.closeEpisode");
step(LossPorts.prototype, "update", "LossPorts.update");
step(TcpFlows.prototype, "rateChanged", "TcpFlows.rateChanged");
step(FlowNetwork.prototype, "activate", "activate");
step(FlowNetwork.prototype, "complete", "complete");
counted(TcpRoutes.prototype, "rttNow", "rttNow");
counted(TcpFlowTable.prototype, "advance", "advance");
counted(TcpFlowTable.prototype, "windowAt", "windowAt");
counted(LossPorts.prototype, "updatePort", "updatePort");

let nowS = 0;
const networkSolve = FlowNetwork.prototype.solve;
FlowNetwork.prototype.solve = function () {
  nowS = this.sim.nowS;
  return networkSolve.call(this);
};

const fresh = () => ({ add: 0, remove: 0, up: 0, down: 0, steps: new Set() });
let since = fresh();
let engine;
const I = IncrementalSharing.prototype;
const { addFlow, removeFlow, setFlowCap, solve } = I;
I.addFlow = function (...a) {
  engine = this;
  since.add++;
  return addFlow.apply(this, a);
};
I.removeFlow = function (...a) {
  since.remove++;
  return removeFlow.apply(this, a);
};
/** setFlowCap calls by the steps that made them and what the engine did with them. */
const caps = new Map();
/** Cap changes that asked for a solve, by step and by |new − old| / old (bins up to {@link MOVES}), then those to no cap (Infinity: a last flight at line rate) and from none. */
const MOVES = [0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, Infinity, NaN, NaN];
const moves = new Map();
I.setFlowCap = function (flow, capBps) {
  const s = this.s;
  const slot = s.slotOf[flow];
  const old = s.cap[slot];
  // Bound by a resource (its witness), not by its cap: as setFlowCap reads it before the change.
  const linkBound = s.slotInt[(slot << 3) | 5] >= 0;
  const asked = setFlowCap.call(this, flow, capBps);
  const by = stack.length === 0 ? "(other)" : stack.length === 1 ? stack[0] : `${stack[0]} > ${stack.at(-1)}`;
  const kind =
    capBps === old ? "same cap" : !asked ? (linkBound ? "link-bound, rate below the new cap: no solve" : "flow pending: no solve") : `${capBps > old ? "raise" : "lower"} of a ${linkBound ? "link" : "cap"}-bound flow`;
  bump(caps, `${by}: ${kind}`);
  if (asked) {
    const move = Math.abs(capBps - old) / old;
    let b = 0;
    if (capBps === Infinity) b = MOVES.length - 2;
    else if (old === Infinity) b = MOVES.length - 1;
    else while (!(move <= MOVES[b])) b++;
    const key = `${stack[0] ?? "(other)"} ${capBps > old ? "raise" : "lower"}`;
    const counts = moves.get(key) ?? moves.set(key, new Array(MOVES.length).fill(0)).get(key);
    counts[b]++;
    if (capBps > old) since.up++;
    else since.down++;
    since.steps.add(by);
  }
  return asked;
};
/** Per cause: [solves, resources filled, flows released, rates changed, solves that changed at most one rate]. */
const causes = new Map();
const GAPS = [0, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, Infinity];
const gaps = new Map();
let lastS = -Infinity;
I.solve = function () {
  const st = this.s.stats;
  const [solves0, filled0, released0] = [st.solves, st.filledResources, st.releasedFlows];
  const n = solve.call(this);
  const caps = since.up + since.down;
  let cause =
    since.add + since.remove > 0
      ? `${since.add > 0 ? "arrival" : ""}${since.add > 0 && since.remove > 0 ? "+" : ""}${since.remove > 0 ? "departure" : ""}${caps > 0 ? " (+ cap changes)" : ""}`
      : caps > 0
        ? `cap ${since.up > 0 && since.down > 0 ? "raise+lower" : since.up > 0 ? "raise" : "lower"}${caps > 1 ? ` ×${caps}` : ""}: ${[...since.steps].join(" | ")}`
        : "(no change for the engine)";
  if (st.solves === solves0) cause = `nothing to solve: ${cause}`;
  const e = causes.get(cause) ?? [0, 0, 0, 0, 0];
  e[0]++;
  e[1] += st.filledResources - filled0;
  e[2] += st.releasedFlows - released0;
  e[3] += n;
  if (n <= 1) e[4]++;
  causes.set(cause, e);
  const gap = nowS - lastS;
  let b = 0;
  while (b < GAPS.length - 1 && !(gap <= GAPS[b])) b++;
  const kind = cause.startsWith("cap") ? "cap changes alone" : cause.startsWith("nothing") ? "nothing to solve" : "arrival/departure";
  const counts = gaps.get(kind) ?? gaps.set(kind, new Array(GAPS.length).fill(0)).get(kind);
  counts[b]++;
  lastS = nowS;
  since = fresh();
  return n;
};

const run = simulate(prepareScenario(file));
const byCount = (m) => [...m.entries()].sort((a, b) => (Array.isArray(b[1]) ? b[1][0] - a[1][0] : b[1] - a[1]));
console.log(`events ${run.run.events}; engine ${JSON.stringify(engine?.stats ?? {})}`);
console.log("\nsolve calls by cause: solves, resources filled, flows released, rates changed, solves changing ≤ 1 rate");
for (const [k, v] of byCount(causes)) console.log(`${v.join("\t")}\t${k}`);
console.log("\nsetFlowCap calls by step (outermost > innermost) and outcome");
for (const [k, v] of byCount(caps)) console.log(`${v}\t${k}`);
console.log(`\ncap changes that asked for a solve, by outermost step and |new − old| / old: bins up to ${MOVES.slice(0, -2).join(", ")}; to no cap; from none`);
for (const [k, v] of [...moves.entries()].sort()) console.log(`${v.join("\t")}\t${k}`);
console.log(`\nsolve events by the time since the previous solve event, s: bins up to ${GAPS.join(", ")}`);
for (const [k, v] of gaps) console.log(`${v.join("\t")}\t${k}`);
console.log("\ncalls by the step they were made in");
for (const [k, v] of byCount(calls)) console.log(`${v}\t${k}`);
process.exit(0);
