// routing: what routing policies and the traffic-engineering controller cost, against the same traffic with static ECMP, side by side.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { simulate } from "../src/run/simulate.js";
import { prepareScenarioDocument } from "../src/scenario/prepareScenario.js";
import { alternateVariants } from "./alternateVariants.js";
import { benchTable } from "./benchTable.js";

const DIR = "results/bench";

/** A site (EU) holding 8 leaves × 8 hosts at 10 Gb/s and 4 spines at 40 Gb/s; uniform traffic at 50 % load, 1 MB mean, 0.5 s (~20,000 flows). */
const BASE = {
  seed: 1,
  topology: {
    sites: [
      {
        id: "dc",
        city: "Frankfurt",
        jurisdiction: "EU",
        fabric: { leafSpine: { leaves: 8, spines: 4, hostsPerLeaf: 8, hostBandwidth: "10Gbps", uplinkBandwidth: "40Gbps", latency: "1us" } },
        uplink: { bandwidth: "400Gbps" },
      },
    ],
  },
  workloads: [{ traffic: { name: "web", pattern: "uniform", load: 0.5, size: { exponential: { mean: "1MB" } }, duration: "0.5s" } }],
};

const te = (interval: string, mode: string) => ({ ...BASE, routing: { te: { interval, delay: "0s", mode } } });
const VARIANTS: Record<string, Record<string, unknown>> = {
  "static ECMP": BASE,
  "policy stayIn EU": { ...BASE, policies: [{ workloads: ["web"], stayIn: ["EU"] }] },
  "te fair-share 10ms": te("10ms", "fair-share"),
  "te min-max 10ms": te("10ms", "min-max"),
  "te fair-share 1ms": te("1ms", "fair-share"),
};

function run(doc: Record<string, unknown>): { wallS: number; events: number; flows: number; meanFctS: number } {
  const s = simulate(prepareScenarioDocument(doc, "bench-routing.json"));
  const n = s.network.flowCount;
  let sum = 0;
  for (let f = 0; f < n; f++) sum += s.network.finishOf(f) - s.network.startOf(f);
  return { wallS: s.wallS, events: s.run.events, flows: n, meanFctS: sum / n };
}

// Alternate the variants so drift on a noisy machine hits all; keep the medians of 3.
const { names, medianWallS, last } = alternateVariants(VARIANTS, run, BASE);
const rows = names.map((n) => ({
  variant: n,
  flows: last[n].flows,
  events: last[n].events,
  mean_fct_ms: (last[n].meanFctS * 1e3).toFixed(3),
  sim_wall_s: medianWallS[n].toFixed(3),
  wall_vs_static: (medianWallS[n] / medianWallS["static ECMP"]).toFixed(2),
}));
console.log("leaf-spine 8×8 hosts in one EU site, uniform traffic at 50% load (~20,000 flows): policies and TE against static ECMP, median of 3");
benchTable(Object.keys(rows[0]), rows, join(DIR, "routing.csv"));

// Beyond equal-cost paths, on a WAN: the wan-failure-training claim (two GPU sites, ~35,000
// flows, the direct link failing at 23 s) with static routing, the old TE (equal-cost
// candidates: none here), fair-share over the 3 shortest paths, and wcmp over them.
const CLAIM = "scenarios/claims/wan-failure-training";
const claim = (file: string) => load(readFileSync(join(CLAIM, file), "utf8")) as Record<string, unknown>;
const withTe = (te: object) => {
  const doc = claim("static.yaml");
  return { ...doc, routing: { ...(doc.routing as object), te: { interval: "1s", delay: "100ms", ...te } } };
};
const WAN: Record<string, Record<string, unknown>> = {
  "static": claim("static.yaml"),
  "te fair-share 1s (equal-cost)": withTe({ mode: "fair-share" }),
  "te fair-share 1s k=3": withTe({ mode: "fair-share", paths: { k: 3 } }),
  "te wcmp 1s k=3": claim("wcmp.yaml"),
  "te wcmp 100ms k=3": withTe({ mode: "wcmp", paths: { k: 3 } , interval: "100ms", delay: "10ms" }),
};
const wan = alternateVariants(WAN, run, WAN.static);
const wanRows = wan.names.map((n) => ({
  variant: n,
  flows: wan.last[n].flows,
  events: wan.last[n].events,
  mean_fct_ms: (wan.last[n].meanFctS * 1e3).toFixed(3),
  sim_wall_s: wan.medianWallS[n].toFixed(3),
  wall_vs_static: (wan.medianWallS[n] / wan.medianWallS.static).toFixed(2),
}));
console.log("\nwan-failure-training (64 GPUs in two sites, ~35,000 flows): TE beyond equal-cost paths against static routing, median of 3");
benchTable(Object.keys(wanRows[0]), wanRows, join(DIR, "routing-wan.csv"));
