// dynamics: what events (failures, recovery, a surge) and timeseries.csv cost, against the same traffic run without them, side by side.
import { join } from "node:path";
import { simulate } from "../src/run/simulate.js";
import { prepareScenarioDocument } from "../src/scenario/prepareScenario.js";
import { summarizeRun } from "../src/report/summarizeRun.js";
import { alternateVariants } from "./alternateVariants.js";
import { benchTable } from "./benchTable.js";

const DIR = "results/bench";

/** 8 leaves × 8 hosts at 10 Gb/s, 4 spines at 40 Gb/s; uniform traffic at 50 % load, 1 MB mean, 0.5 s (~20,000 flows). */
const BASE = {
  seed: 1,
  routing: { convergence: "1ms" },
  topology: { leafSpine: { leaves: 8, spines: 4, hostsPerLeaf: 8, hostBandwidth: "10Gbps", uplinkBandwidth: "40Gbps", latency: "1us" } },
  workloads: [{ traffic: { name: "web", pattern: "uniform", load: 0.5, size: { exponential: { mean: "1MB" } }, duration: "0.5s" } }],
};

// The surge variant overloads the fabric (100 % offered load for 0.1 s): its cost is the
// solver's with many active flows, as a plain run at that load shows (docs/architecture.md).

/** Events that leave the offered load unchanged: a spine and an uplink fail and recover, an uplink is degraded. */
const EVENTS = [
  { at: "100ms", nodeDown: "spine1" },
  { at: "150ms", linkDown: { from: "leaf0", to: "spine0" } },
  { at: "200ms", capacity: { from: "leaf3", to: "spine2", bandwidth: "10Gbps" } },
  { at: "250ms", nodeUp: "spine1" },
  { at: "300ms", linkUp: { from: "leaf0", to: "spine0" } },
];

const VARIANTS: Record<string, Record<string, unknown>> = {
  plain: BASE,
  "timeseries 10ms": { ...BASE, report: { interval: "10ms" } },
  "timeseries 100us": { ...BASE, report: { interval: "100us" } },
  events: { ...BASE, events: EVENTS },
  "events + surge x2": { ...BASE, events: [...EVENTS, { at: "100ms", until: "200ms", surge: { workload: "web", factor: 2 } }] },
};

function run(doc: Record<string, unknown>): { wallS: number; events: number; flows: number; failed: number } {
  const s = simulate(prepareScenarioDocument(doc, "bench-dynamics.json"));
  const summary = summarizeRun({ network: s.network, flows: s.flows, resources: s.resources, run: s.run });
  if (s.series) [...s.series.rows()];
  return { wallS: s.wallS, events: s.run.events, flows: summary.flows, failed: s.flows.failedCount };
}

// Alternate the variants so drift on a noisy machine hits all; keep the medians of 3.
const { names, medianWallS, last } = alternateVariants(VARIANTS, run, BASE);
const rows = names.map((n) => ({
  variant: n,
  flows: last[n].flows,
  failed: last[n].failed,
  events: last[n].events,
  sim_wall_s: medianWallS[n].toFixed(3),
  us_per_event: ((medianWallS[n] / last[n].events) * 1e6).toFixed(2),
  wall_vs_plain: (medianWallS[n] / medianWallS.plain).toFixed(2),
}));
console.log("leaf-spine 8×8 hosts, 4 spines, uniform traffic at 50% load (~20,000 flows): dynamics and timeseries against plain, median of 3");
benchTable(Object.keys(rows[0]), rows, join(DIR, "dynamics.csv"));
