// agents: wall time of scenarios/ai/inference-agents.yaml scaled to 10⁴, 10⁵ and 10⁶ agent requests, and its growth per decade.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { simulate } from "../src/run/simulate.js";
import { prepareScenarioDocument } from "../src/scenario/prepareScenario.js";
import { benchTable } from "./benchTable.js";
import { benchArgs, positiveNumbers } from "./benchArgs.js";

const FILE = "scenarios/ai/inference-agents.yaml";
/** Requests per second of the scenario's populations together (51 + 29 + 2 × 10). */
const REQUESTS_PER_S = 100;
const USAGE = "npm run bench:agents -- [SIZES]\n\nRuns scenarios/ai/inference-agents.yaml scaled to each number of agent requests in SIZES\n(comma-separated, default 10000,100000,1000000) and prints the wall time and its growth per decade.";
const sizes = positiveNumbers(USAGE, benchArgs(USAGE, 1)[0], "10000,100000,1000000", "SIZES");
const base = load(readFileSync(FILE, "utf8")) as { workloads: Array<Record<string, Record<string, unknown>>> };

/** The scenario with every population's arrivals lasting `requests` / 100 s, run in process (no reports written). */
function run(requests: number) {
  const doc = structuredClone(base);
  for (const w of doc.workloads) if (w.agents) w.agents.duration = `${requests / REQUESTS_PER_S}s`;
  const s = simulate(prepareScenarioDocument(doc as Record<string, unknown>, FILE));
  let issued = 0;
  for (const w of s.workloads) issued += w.results?.().requests?.length ?? 0;
  return { wallS: s.wallS, events: s.run.events, flows: s.network.flowCount, requests: issued, simS: s.run.endS };
}

const rows: Array<Record<string, string | number>> = [];
let previous: number | undefined;
for (const n of sizes) {
  const r = run(n);
  rows.push({
    target_requests: n,
    requests: r.requests,
    flows: r.flows,
    events: r.events,
    sim_s: r.simS.toFixed(1),
    wall_s: r.wallS.toFixed(3),
    requests_per_wall_s: Math.round(r.requests / r.wallS),
    ratio_vs_previous: previous === undefined ? "-" : (r.wallS / previous).toFixed(2),
  });
  previous = r.wallS;
}
console.log(`${FILE}: agent requests scaled by arrival duration (100 requests/s), one run each, in process`);
benchTable(Object.keys(rows[0]), rows, join("results/bench", "agents.csv"));
