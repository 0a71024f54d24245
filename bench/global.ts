// global: the issue-7 benchmark — a global scenario (four regions, edge sites, a 256-GPU job, agent requests, a failure and a surge): wall time, events/s, and growth with the number of edge sites.
import { join } from "node:path";
import { FlowState } from "../src/net/FlowNetwork.js";
import { simulate } from "../src/run/simulate.js";
import { prepareScenarioDocument } from "../src/scenario/prepareScenario.js";
import { benchTable } from "./benchTable.js";
import { globalScenario } from "./globalScenario.js";
import { benchArgs, positiveNumbers } from "./benchArgs.js";

// argv: the full run's request count (default 1e6), then the edge counts of the growth series.
const USAGE = "npm run bench:global -- [REQUESTS [EDGES]]\n\nRuns the global scenario (four regions, edge sites, a 256-GPU job, agent requests, a failure and a\nsurge) with REQUESTS agent requests (default 1000000), then the growth series over the edge-site\ncounts EDGES (comma-separated, default 5,10,20,40).";
const globalArgs = benchArgs(USAGE, 2);
const [fullRequests] = positiveNumbers(USAGE, globalArgs[0], "1000000", "REQUESTS");
const edgeCounts = positiveNumbers(USAGE, globalArgs[1], "5,10,20,40", "EDGES");
const growthRequests = 1e5;

function run(edges: number, requests: number) {
  const doc = globalScenario({ edges, requests });
  const s = simulate(prepareScenarioDocument(doc, `global-${edges}.yaml`));
  let served = 0;
  for (const w of s.workloads) served += w.results?.().requests?.length ?? 0;
  let failed = 0;
  for (let f = 0; f < s.network.flowCount; f++) if (s.network.stateOf(f) === FlowState.Failed) failed++;
  return { wallS: s.wallS, events: s.run.events, flows: s.network.flowCount, requests: served, simS: s.run.endS, failed };
}

const rows: Array<Record<string, string | number>> = [];
const add = (label: string, edges: number, requests: number, base?: number) => {
  const r = run(edges, requests);
  rows.push({
    series: label,
    edges,
    requests: r.requests,
    flows: r.flows,
    failed_flows: r.failed,
    events: r.events,
    sim_s: r.simS.toFixed(1),
    wall_s: r.wallS.toFixed(2),
    events_per_s: Math.round(r.events / r.wallS),
    wall_vs_first: base === undefined ? "1.00" : (r.wallS / base).toFixed(2),
  });
  return r.wallS;
};
let first: number | undefined;
for (const e of edgeCounts) {
  const w = add("growth", e, growthRequests, first);
  first ??= w;
}
add("full", 10, fullRequests);
console.log(`Global scenario: 4 regions, a 256-GPU training job (5 iterations), agents at every edge site calling the nearest region, a WAN failure and a 3× surge; growth at ${growthRequests} requests, then the full run`);
benchTable(Object.keys(rows[0]), rows, join("results/bench", "global.csv"));
