// solver: solves per second of full and incremental max-min sharing under flow churn on a k=16 fat tree.
import { performance } from "node:perf_hooks";
import { randomStream } from "../src/core/randomStream.js";
import { fatTree } from "../src/net/fatTree.js";
import { FullSharing } from "../src/net/FullSharing.js";
import { IncrementalSharing } from "../src/net/IncrementalSharing.js";
import { maxMinRates } from "../src/net/maxMinRates.js";
import { Router } from "../src/net/Router.js";
import type { SharingEngine } from "../src/net/SharingEngine.js";
import { TopologyBuilder } from "../src/net/TopologyBuilder.js";
import { benchTable } from "./benchTable.js";
import { benchArgs, positiveNumbers } from "./benchArgs.js";

// Usage: npx tsx bench/solver.ts [k=16] [concurrentFlows=1200]
// Each step removes a random flow and adds a new one between a random host pair (ECMP
// route), then solves. Every engine replays the same churn. Times are CPU time of this
// process (best of several repetitions, engines interleaved), so a busy machine skews
// them less than wall time; wall time is reported beside it.

const USAGE = "npm run bench:solver -- [K [CONCURRENT]]\n\nSolves per second of full and incremental max-min sharing under flow churn on a k=K fat-tree\n(default 16) with CONCURRENT flows active (default 1200).";
const solverArgs = benchArgs(USAGE, 2);
const [K] = positiveNumbers(USAGE, solverArgs[0], "16", "K");
const LINK_BPS = 1.25e9; // 10 Gb/s
const [CONCURRENT] = positiveNumbers(USAGE, solverArgs[1], "1200", "CONCURRENT");
const STEPS = 20_000;
const FULL_STEPS = 500;
const REPETITIONS = 5;
const CHECK_STEPS = 500;

/** The same churn for every engine: initial flows, then per step the slot to replace and its new route. */
interface Churn {
  capacityBps: Float64Array;
  routes: Int32Array[];
  /** routes[CONCURRENT + s] replaces the flow in slot removeSlot[s]. */
  removeSlot: Int32Array;
}

function makeChurn(): Churn {
  const b = new TopologyBuilder();
  const hosts = fatTree(b, { k: K, bandwidthBps: LINK_BPS, latencyS: 1e-6 });
  const topo = b.build();
  const router = new Router(topo, "hops", 1);
  const hostIndex = hosts.map((h) => topo.nodeIndex.get(h)!);
  const rng = randomStream(1, "bench.solver");
  const routes: Int32Array[] = [];
  for (let f = 0; f < CONCURRENT + STEPS; f++) {
    const s = Math.floor(rng() * hostIndex.length);
    let d = Math.floor(rng() * (hostIndex.length - 1));
    if (d >= s) d++;
    routes.push(router.route(hostIndex[s], hostIndex[d], f)!.resources);
  }
  const removeSlot = Int32Array.from({ length: STEPS }, () => Math.floor(rng() * CONCURRENT));
  return { capacityBps: topo.resourceCapacityBps, routes, removeSlot };
}

interface Timing {
  cpuUsPerSolve: number;
  wallUsPerSolve: number;
  changedPerSolve: number;
}

/** Fill the engine with the initial flows (untimed), then time `steps` churn steps of remove + add + solve. */
function timeEngine(engine: SharingEngine, churn: Churn, steps: number): Timing {
  const slot = Int32Array.from({ length: CONCURRENT }, (_, i) => i);
  for (let f = 0; f < CONCURRENT; f++) engine.addFlow(f, churn.routes[f], 1, Infinity);
  engine.solve();
  let changed = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) {
    const i = churn.removeSlot[s];
    engine.removeFlow(slot[i]);
    const f = CONCURRENT + s;
    engine.addFlow(f, churn.routes[f], 1, Infinity);
    slot[i] = f;
    changed += engine.solve();
  }
  return finish(c0, t0, steps, changed);
}

/** The same churn solved by calling the pure maxMinRates on the active flows each step (no engine state, no maps). */
function timePure(churn: Churn, steps: number): Timing {
  const slot = Int32Array.from({ length: CONCURRENT }, (_, i) => i);
  const routeStart = new Int32Array(CONCURRENT + 1);
  let routeResources = new Int32Array(CONCURRENT * 8);
  let previous: Float64Array = new Float64Array(CONCURRENT);
  let changed = 0;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  for (let s = 0; s <= steps; s++) {
    let replaced = -1;
    if (s > 0) {
      replaced = churn.removeSlot[s - 1];
      slot[replaced] = CONCURRENT + s - 1;
    }
    for (let i = 0; i < CONCURRENT; i++) {
      const route = churn.routes[slot[i]];
      const start = routeStart[i];
      if (start + route.length > routeResources.length) {
        const bigger = new Int32Array(routeResources.length * 2);
        bigger.set(routeResources);
        routeResources = bigger;
      }
      routeResources.set(route, start);
      routeStart[i + 1] = start + route.length;
    }
    const { rateBps } = maxMinRates({ capacityBps: churn.capacityBps, flowCount: CONCURRENT, routeStart, routeResources });
    if (s > 0) for (let i = 0; i < CONCURRENT; i++) if (rateBps[i] !== previous[i] || i === replaced) changed++;
    previous = rateBps;
  }
  return finish(c0, t0, steps + 1, changed * ((steps + 1) / steps));
}

function finish(c0: NodeJS.CpuUsage, t0: number, steps: number, changed: number): Timing {
  const wallUs = (performance.now() - t0) * 1000;
  const cpu = process.cpuUsage(c0);
  return { cpuUsPerSolve: (cpu.user + cpu.system) / steps, wallUsPerSolve: wallUs / steps, changedPerSolve: changed / steps };
}

/** The best (lowest CPU time) of several timings. */
const best = (runs: Timing[]) => runs.reduce((a, b) => (b.cpuUsPerSolve < a.cpuUsPerSolve ? b : a));

/** Largest relative rate difference between the two engines over `steps` lock-step churn steps. */
function maxDifference(churn: Churn, steps: number): number {
  const a = new FullSharing(churn.capacityBps);
  const b = new IncrementalSharing(churn.capacityBps);
  const slot = Int32Array.from({ length: CONCURRENT }, (_, i) => i);
  let worst = 0;
  for (let f = 0; f < CONCURRENT; f++) {
    a.addFlow(f, churn.routes[f], 1, Infinity);
    b.addFlow(f, churn.routes[f], 1, Infinity);
  }
  for (let s = 0; s <= steps; s++) {
    if (s > 0) {
      const i = churn.removeSlot[s - 1];
      a.removeFlow(slot[i]);
      b.removeFlow(slot[i]);
      const f = CONCURRENT + s - 1;
      a.addFlow(f, churn.routes[f], 1, Infinity);
      b.addFlow(f, churn.routes[f], 1, Infinity);
      slot[i] = f;
    }
    a.solve();
    b.solve();
    for (const f of slot) {
      const x = a.rateBps(f);
      worst = Math.max(worst, Math.abs(x - b.rateBps(f)) / x);
    }
  }
  return worst;
}

const churn = makeChurn();
const fullRuns: Timing[] = [];
const pureRuns: Timing[] = [];
const incRuns: Timing[] = [];
let stats = new IncrementalSharing(churn.capacityBps).stats;
for (let rep = 0; rep < REPETITIONS; rep++) {
  fullRuns.push(timeEngine(new FullSharing(churn.capacityBps), churn, FULL_STEPS));
  pureRuns.push(timePure(churn, FULL_STEPS));
  const inc = new IncrementalSharing(churn.capacityBps);
  incRuns.push(timeEngine(inc, churn, STEPS));
  stats = inc.stats;
}
const full = best(fullRuns);
const pure = best(pureRuns);
const inc = best(incRuns);
const worst = maxDifference(churn, CHECK_STEPS);

const fmt = (x: number, digits: number) => Number(x.toFixed(digits));
const row = (engine: string, steps: number, t: Timing, released: number | string) => ({
  engine,
  k: K,
  concurrent_flows: CONCURRENT,
  steps,
  solves_per_cpu_s: Math.round(1e6 / t.cpuUsPerSolve),
  cpu_us_per_solve: fmt(t.cpuUsPerSolve, 2),
  wall_us_per_solve: fmt(t.wallUsPerSolve, 2),
  changed_per_solve: fmt(t.changedPerSolve, 2),
  released_per_solve: typeof released === "number" ? fmt(released, 2) : released,
  speedup_vs_full: fmt(full.cpuUsPerSolve / t.cpuUsPerSolve, 1),
});
benchTable(
  [
    "engine",
    "k",
    "concurrent_flows",
    "steps",
    "solves_per_cpu_s",
    "cpu_us_per_solve",
    "wall_us_per_solve",
    "changed_per_solve",
    "released_per_solve",
    "speedup_vs_full",
  ],
  [
    row("FullSharing", FULL_STEPS, full, CONCURRENT),
    row("maxMinRates", FULL_STEPS, pure, CONCURRENT),
    row("IncrementalSharing", STEPS, inc, stats.releasedFlows / stats.solves),
  ],
  "results/bench/solver.csv",
);
process.stdout.write(
  `IncrementalSharing vs FullSharing: ${(full.cpuUsPerSolve / inc.cpuUsPerSolve).toFixed(1)}× solves per CPU second ` +
    `(${(pure.cpuUsPerSolve / inc.cpuUsPerSolve).toFixed(1)}× vs a bare maxMinRates re-solve); ` +
    `${(stats.rounds / stats.solves).toFixed(2)} refill rounds and ${(stats.checkedResources / stats.solves).toFixed(1)} resource checks per solve, ` +
    `${stats.fullSolves} full solves; largest relative rate difference from FullSharing over ${CHECK_STEPS} lock-step solves: ${worst.toExponential(2)}\n`,
);
