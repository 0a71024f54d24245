// transport: the cost of the tcp model against maxmin on the k=16, 20,000-flow fat-tree, measured side by side.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { benchTable } from "./benchTable.js";
import { makeCase } from "./simgrid/makeCase.js";

const DIR = "results/bench";
const CLI = "dist/cli/main.js";

const build = spawnSync("npx", ["tsc", "-p", "tsconfig.json"], { encoding: "utf8" });
if (build.status !== 0) throw new Error(`build failed: ${build.stdout}${build.stderr}`);
mkdirSync(join(DIR, "cases"), { recursive: true });
const base = join(DIR, "cases", "k16-20000-load0.5.json");
if (!existsSync(base)) writeFileSync(base, JSON.stringify(makeCase({ k: 16, flows: 20000, load: 0.5, seed: 1 })));
const doc = JSON.parse(readFileSync(base, "utf8"));

/** Run the case under `transport` (undefined: the default maxmin) and read run.json. */
function run(model: string): { wallS: number; events: number } {
  const file = join(DIR, "cases", `k16-20000-load0.5-${model}.json`);
  writeFileSync(file, JSON.stringify(model === "maxmin" ? doc : { ...doc, transport: { model } }));
  const out = join(DIR, "transport-runs", model);
  const r = spawnSync(process.execPath, [CLI, "run", file, "--out", out, "--quiet"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${model} failed: ${r.stderr}`);
  const info = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
  return { wallS: info.wall_s, events: info.events };
}

// Alternate the models so drift on a noisy machine hits both; keep the medians.
const models = ["maxmin", "tcp"];
const walls: Record<string, number[]> = { maxmin: [], tcp: [] };
const events: Record<string, number> = {};
for (let rep = 0; rep < 3; rep++) {
  for (const m of models) {
    const r = run(m);
    walls[m].push(r.wallS);
    events[m] = r.events;
  }
}
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[1];
const rows = models.map((m) => ({
  model: m,
  sim_wall_s: median(walls[m]).toFixed(3),
  events: events[m],
  events_per_s: Math.round(events[m] / median(walls[m])),
  cost_vs_maxmin: (median(walls[m]) / median(walls.maxmin)).toFixed(2),
}));
console.log("k=16 fat-tree, 20,000 web-search flows at 50% load (pinned paths): tcp against maxmin, median of 3");
benchTable(Object.keys(rows[0]), rows, join(DIR, "transport.csv"));
