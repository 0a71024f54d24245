// input: how long loading takes — a million transfers from a CSV file, and explicit JSON transfer lists before and after — each in a fresh process.
import { spawnSync } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { parse } from "fast-csv";
import { beforeBuild } from "./beforeBuild.js";
import { benchTable } from "./benchTable.js";
import { caseParts, makeCase } from "./simgrid/makeCase.js";
import { buildDist } from "./buildDist.js";

const HELP = `npm run bench:input -- [options]

Times loading a scenario (reading, validation, building the network, every check: what
"chokepoint validate" does) in fresh processes of the compiled CLI (dist/, built first), on
k-ary fat-trees (10 Gb/s, 1 us) with Poisson web-search transfers at 50 % load on pinned ECMP
paths (bench/simgrid/makeCase.ts):

- a transfers file (workloads: - transfers: { file }) of --csv-flows rows, once with bare
  numbers (size_bytes, start_s) and once with units (size "…B", start "…s"); and, for
  comparison, how long fast-csv's parser takes to read the same file alone;
- the JSON cases of --json-flows explicit transfers, with --before REF also at git revision
  REF (built once into results/bench/ref-<commit>/), alternated.

  --k K              fat-tree radix (default 16)
  --csv-flows N      rows of the transfers file (default 1000000)
  --json-flows LIST  JSON cases (default 20000,100000)
  --before REF       compare the JSON cases with chokepoint at REF
  --reps N           runs per build and case (default 3; medians reported)

Writes results/bench/input.csv.`;

const DIR = "results/bench";
const CASES = join(DIR, "cases");
const CLI = "dist/cli/main.js";

const { values } = parseArgs({
  options: {
    k: { type: "string", default: "16" },
    "csv-flows": { type: "string", default: "1000000" },
    "json-flows": { type: "string", default: "20000,100000" },
    before: { type: "string" },
    reps: { type: "string", default: "3" },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const k = Number(values.k);
const reps = Number(values.reps);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Write (once) a transfers file of `flows` rows and a scenario naming it; returns the scenario's path. */
async function csvCase(flows: number, units: boolean): Promise<string> {
  mkdirSync(CASES, { recursive: true });
  const base = join(CASES, `k${k}-${flows}-load0.5-${units ? "units" : "bare"}`);
  if (!existsSync(`${base}.csv`)) {
    const { transfers } = caseParts({ k, flows, load: 0.5, seed: 1 });
    const tmp = `${base}.csv.tmp`;
    const out = createWriteStream(tmp);
    out.write(units ? "id,src,dst,size,start,path\n" : "id,src,dst,size_bytes,start_s,path\n");
    let chunk = "";
    for (const t of transfers) {
      const size = units ? t.size : t.size.slice(0, -1);
      const start = units ? t.start : t.start!.slice(0, -1);
      chunk += `${t.id},${t.src},${t.dst},${size},${start},${t.path.join(" ")}\n`;
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await once(out, "drain");
        chunk = "";
      }
    }
    out.end(chunk);
    await once(out, "finish");
    renameSync(tmp, `${base}.csv`);
  }
  const scenario = `${base}.yaml`;
  writeFileSync(
    scenario,
    `name: ${base.split("/").pop()}\ntopology:\n  fatTree: { k: ${k}, bandwidth: 10Gbps, latency: 1us }\nworkloads:\n  - transfers: { name: trace, file: ${base.split("/").pop()}.csv }\n`,
  );
  return scenario;
}

/** Write (once) the JSON case of `flows` explicit transfers (as bench:e2e does); returns its path. */
function jsonCase(flows: number): string {
  mkdirSync(CASES, { recursive: true });
  const path = join(CASES, `k${k}-${flows}-load0.5.json`);
  if (!existsSync(path)) writeFileSync(path, JSON.stringify(makeCase({ k, flows, load: 0.5, seed: 1 })));
  return path;
}

/** Wall time of `chokepoint validate file` in a fresh process of `cli`, seconds. */
function validate(cli: string, file: string): number {
  const began = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, "validate", file], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`validate ${file} failed: ${r.stderr}`);
  return Number(process.hrtime.bigint() - began) / 1e9;
}

/** In a fresh process of this build: seconds to prepare the scenario, and the process's peak RSS then (MiB). */
function prepare(file: string): { loadS: number; peakRssMiB: number } {
  const script = `
    const { prepareScenario } = await import(${JSON.stringify(resolve("dist/scenario/prepareScenario.js"))});
    const t = performance.now();
    prepareScenario(${JSON.stringify(file)});
    console.log(JSON.stringify({ loadS: (performance.now() - t) / 1000, peakRssMiB: process.resourceUsage().maxRSS / 1024 }));`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  if (r.status !== 0) throw new Error(`prepare ${file} failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

/** Seconds fast-csv's parser takes to read `file` (rows as arrays of strings, nothing else done). */
async function fastCsvRead(file: string): Promise<number> {
  const began = performance.now();
  let rows = 0;
  await new Promise<void>((done, fail) =>
    createReadStream(file)
      .pipe(parse({ headers: false, comment: "#", ignoreEmpty: true }))
      .on("data", () => rows++)
      .on("end", () => done())
      .on("error", fail),
  );
  if (rows < 2) throw new Error(`fast-csv read ${rows} rows of ${file}`);
  return (performance.now() - began) / 1000;
}

buildDist();
const rows = [];
const n = Number(values["csv-flows"]);
for (const units of [false, true]) {
  const scenario = await csvCase(n, units);
  const csv = scenario.replace(/\.yaml$/, ".csv");
  const loads = [];
  const walls = [];
  const fast = [];
  for (let i = 0; i < reps; i++) {
    console.error(`input: ${n} transfers from CSV (${units ? "units" : "bare numbers"}), run ${i + 1} of ${reps}…`);
    loads.push(prepare(scenario));
    walls.push(validate(CLI, scenario));
    fast.push(await fastCsvRead(csv));
  }
  rows.push({
    case: `k=${k}, ${n.toLocaleString("en-US")} transfers, CSV ${units ? "size,start (units)" : "size_bytes,start_s"}`,
    before_validate_s: "",
    after_validate_s: median(walls).toFixed(2),
    after_load_s: median(loads.map((l) => l.loadS)).toFixed(2),
    after_peak_rss_mib: median(loads.map((l) => l.peakRssMiB)).toFixed(0),
    fast_csv_parse_only_s: median(fast).toFixed(2),
  });
}
const beforeCli = values.before === undefined ? undefined : beforeBuild(values.before);
for (const flows of values["json-flows"].split(",").filter(Boolean).map(Number)) {
  const file = jsonCase(flows);
  const before: number[] = [];
  const after: number[] = [];
  const loads = [];
  for (let i = 0; i < reps; i++) {
    console.error(`input: ${flows} transfers from JSON, run ${i + 1} of ${reps}…`);
    if (beforeCli) before.push(validate(beforeCli, file));
    after.push(validate(CLI, file));
    loads.push(prepare(file));
  }
  rows.push({
    case: `k=${k}, ${flows.toLocaleString("en-US")} transfers, JSON`,
    before_validate_s: beforeCli ? median(before).toFixed(2) : "",
    after_validate_s: median(after).toFixed(2),
    after_load_s: median(loads.map((l) => l.loadS)).toFixed(2),
    after_peak_rss_mib: median(loads.map((l) => l.peakRssMiB)).toFixed(0),
    fast_csv_parse_only_s: "",
  });
}
console.log(`\nloading (validate = the whole command; load = prepareScenario alone; medians of ${reps}${values.before ? `, ${values.before} alternated with this build` : ""}):`);
benchTable(Object.keys(rows[0]), rows, join(DIR, "input.csv"));
