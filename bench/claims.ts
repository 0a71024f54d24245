// claims: wall time and events/s of every claim scenario in scenarios/claims, and the cost of an agents surge measured side by side.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { load } from "js-yaml";
import { simulate } from "../src/run/simulate.js";
import { prepareScenarioDocument } from "../src/scenario/prepareScenario.js";
import { benchTable } from "./benchTable.js";
import { benchArgs, positiveNumbers } from "./benchArgs.js";

const DIR = "scenarios/claims";
const USAGE = "npm run bench:claims -- [REPEATS]\n\nRuns every claim scenario of scenarios/claims REPEATS times (default 3) and prints the fastest wall\ntime and events per second of each, and the cost of an agents surge measured side by side.";
const [REPEATS] = positiveNumbers(USAGE, benchArgs(USAGE, 1)[0], "3", "REPEATS");

/** Run a scenario document in process `REPEATS` times; the fastest wall time, events and requests of the last run. */
function run(doc: Record<string, unknown>, file: string) {
  let best = Infinity;
  let events = 0;
  let requests = 0;
  for (let k = 0; k < REPEATS; k++) {
    const s = simulate(prepareScenarioDocument(structuredClone(doc), file));
    best = Math.min(best, s.wallS);
    events = s.run.events;
    requests = s.workloads.reduce((n, w) => n + (w.results?.().requests?.length ?? 0), 0);
  }
  return { wallS: best, events, requests };
}

// Warm the JIT on one scenario first, so the first measured row is not paying for it.
run(load(readFileSync(join(DIR, "bots-connections/new.yaml"), "utf8")) as Record<string, unknown>, "warm-up");

const rows: Array<Record<string, string | number>> = [];
// Claims that are studies keep their scenarios in a folder of their own (scenarios/claims/<claim>/).
const names = readdirSync(DIR, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? readdirSync(join(DIR, e.name)).map((f) => join(e.name, f)) : [e.name],
);
for (const name of names.filter((f) => f.endsWith(".yaml")).sort()) {
  const file = join(DIR, name);
  const doc = load(readFileSync(file, "utf8")) as Record<string, unknown>;
  // Sweep studies (another engineer's claims may be studies) are not single runs: skip them.
  if ("sweep" in doc) continue;
  const r = run(doc, file);
  rows.push({ scenario: name, events: r.events, requests: r.requests, wall_s: r.wallS.toFixed(3), events_per_wall_s: Math.round(r.events / r.wallS) });
}
console.log(`${DIR}: fastest of ${REPEATS} in-process runs each (no reports written)`);
benchTable(Object.keys(rows[0]), rows, join("results/bench", "claims.csv"));

// The surge's own cost: bots-connections/new.yaml with and without a × 3 surge of the bots over [5 s, 15 s),
// side by side; the surge adds requests, so compare wall time per request.
const base = load(readFileSync(join(DIR, "bots-connections/new.yaml"), "utf8")) as Record<string, unknown>;
const surged = { ...structuredClone(base), events: [{ at: "5s", until: "15s", surge: { workload: "bots", factor: 3 } }] };
const plain = run(base, "bots-connections/new.yaml");
const withSurge = run(surged, "bots-connections/new.yaml");
const perRequestUs = (r: { wallS: number; requests: number }) => (r.wallS / r.requests) * 1e6;
const surgeRows = [
  { run: "no surge", requests: plain.requests, events: plain.events, wall_s: plain.wallS.toFixed(3), wall_us_per_request: perRequestUs(plain).toFixed(1), ratio: "1.00" },
  {
    run: "bots x3 over [5s,15s)",
    requests: withSurge.requests,
    events: withSurge.events,
    wall_s: withSurge.wallS.toFixed(3),
    wall_us_per_request: perRequestUs(withSurge).toFixed(1),
    ratio: (perRequestUs(withSurge) / perRequestUs(plain)).toFixed(2),
  },
];
console.log("\nagents surge: bots-connections/new.yaml with and without a surge (wall time per request, same process)");
benchTable(Object.keys(surgeRows[0]), surgeRows, join("results/bench", "claims-surge.csv"));
