// transport: the cost of the tcp model against maxmin on the k=16, 20,000-flow fat-tree, measured side by side.
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { benchTable } from "./benchTable.js";
import { makeCase } from "./simgrid/makeCase.js";
import { buildDist } from "./buildDist.js";

const CLI = "dist/cli/main.js";

const HELP = `npm run bench:transport -- [options]

Runs the k=16, 20,000-flow fat-tree case (pinned web-search transfers at 50 % load) under
maxmin and under tcp with the compiled CLI (dist/, built first), alternated, and prints each
rep's tcp/maxmin ratio and writes transport.csv: per model (and build) the median run.json
wall_s, events per second and cost_vs_maxmin (issue 12's target: tcp ≤ 2×).

  --baseline DIR  also run DIR's build (a checkout of an earlier commit with npm run build
                  run in it, e.g. results/bench/ref-<commit>), alternated with this one, so
                  a change's before and after come from the same run
  --reps N        runs of each model and build (default 3)
  --dir DIR       where the cases, the runs and transport.csv go (default results/bench; the
                  k16 case is copied from results/bench/cases if DIR has none)
  --help          this text`;

let values: { baseline?: string; reps: string; dir: string; help: boolean };
try {
  values = parseArgs({
    options: { baseline: { type: "string" }, reps: { type: "string", default: "3" }, dir: { type: "string", default: "results/bench" }, help: { type: "boolean", default: false } },
  }).values as typeof values;
} catch (err) {
  console.error(`bench:transport: ${(err as Error).message} (npm run bench:transport -- --help lists the options)`);
  process.exit(2);
}
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const DIR = values.dir;
const baseline = values.baseline;
const reps = Number(values.reps);
if (baseline !== undefined && !existsSync(join(baseline, CLI))) {
  console.error(`bench:transport: --baseline ${baseline}: ${existsSync(baseline) ? `no ${CLI} there (run npm run build in it)` : "no such directory"}`);
  process.exit(2);
}
if (!(Number.isInteger(reps) && reps >= 1)) {
  console.error(`bench:transport: --reps ${values.reps}: expected a whole number ≥ 1`);
  process.exit(2);
}

buildDist();
mkdirSync(join(DIR, "cases"), { recursive: true });
const base = join(DIR, "cases", "k16-20000-load0.5.json");
const shared = join("results/bench", "cases", "k16-20000-load0.5.json");
if (!existsSync(base) && DIR !== "results/bench" && existsSync(shared)) copyFileSync(shared, base);
if (!existsSync(base)) writeFileSync(base, JSON.stringify(makeCase({ k: 16, flows: 20000, load: 0.5, seed: 1 })));
const doc = JSON.parse(readFileSync(base, "utf8"));

/** Run the case under `transport` (undefined: the default maxmin) with the CLI of `root` and read run.json. */
function run(model: string, root: string, label: string): { wallS: number; events: number } {
  const file = join(DIR, "cases", `k16-20000-load0.5-${model}.json`);
  writeFileSync(file, JSON.stringify(model === "maxmin" ? doc : { ...doc, transport: { model } }));
  const out = join(DIR, "transport-runs", label, model);
  const r = spawnSync(process.execPath, [join(root, CLI), "run", file, "--out", out, "--quiet"], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${label} ${model} failed: ${r.stderr}`);
  const info = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
  return { wallS: info.wall_s, events: info.events };
}

// Alternate the models (and builds) so drift on a noisy machine hits all of them; keep the medians.
const models = ["maxmin", "tcp"];
const builds: Array<{ label: string; root: string }> = [{ label: "this", root: "." }];
if (baseline !== undefined) builds.push({ label: "baseline", root: baseline });
const walls: Record<string, number[]> = {};
const events: Record<string, number> = {};
for (let rep = 0; rep < reps; rep++) {
  for (const b of builds) {
    for (const m of models) {
      const r = run(m, b.root, b.label);
      (walls[`${b.label} ${m}`] ??= []).push(r.wallS);
      events[`${b.label} ${m}`] = r.events;
    }
  }
}
const median = (xs: number[]) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rows = builds.flatMap((b) =>
  models.map((m) => {
    const key = `${b.label} ${m}`;
    return {
      ...(baseline !== undefined && { build: b.label }),
      model: m,
      sim_wall_s: median(walls[key]).toFixed(3),
      events: events[key],
      events_per_s: Math.round(events[key] / median(walls[key])),
      cost_vs_maxmin: (median(walls[key]) / median(walls[`${b.label} maxmin`])).toFixed(2),
    };
  }),
);
// Each rep's own ratio (its tcp run over the maxmin run just before it, per build): the spread the medians hide.
for (let rep = 0; rep < reps; rep++) {
  const parts = builds.map((b) => `${b.label} ${(walls[`${b.label} tcp`][rep] / walls[`${b.label} maxmin`][rep]).toFixed(2)} (tcp ${walls[`${b.label} tcp`][rep].toFixed(3)} s, maxmin ${walls[`${b.label} maxmin`][rep].toFixed(3)} s)`);
  console.log(`rep ${rep + 1}: tcp/maxmin ${parts.join(", ")}`);
}
console.log(`k=16 fat-tree, 20,000 web-search flows at 50% load (pinned paths): tcp against maxmin, median of ${reps}`);
benchTable(Object.keys(rows[0]), rows, join(DIR, "transport.csv"));
