// scale: wall time and peak memory of `chokepoint run` on the large cases of issues 13 and 16 (big fat-trees, 16,384- and 32,768-GPU iterations, a million flows, a million agent requests, 16³ and 32³ tori), optionally against another git revision, side by side.
//
//   npm run bench:scale [-- --cases NAME,NAME] [--before REF]
//
// Each case is a generated scenario (results/bench/scale/cases/NAME.json) run by the
// compiled CLI in a fresh process with every report written; the table gives the whole
// command's wall time, run.json's simulation wall time and peak RSS, and the flows. With
// --before REF, chokepoint at git revision REF (built once, bench/beforeBuild.ts) runs
// each case too, alternated with this build, and every report but run.json must be
// byte-identical between the two. A case that fails (a crash, out of memory) is a row
// saying so, not the end of the benchmark.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { load } from "js-yaml";
import { beforeBuild } from "./beforeBuild.js";
import { benchTable } from "./benchTable.js";
import { buildDist } from "./buildDist.js";

const DIR = join("results", "bench", "scale");
const CLI = "dist/cli/main.js";

const websearch = (k: number, flows: number) => ({
  name: `fat-tree-k${k}-${flows}`,
  seed: 1,
  topology: { fatTree: { k, bandwidth: "100Gbps", latency: "1us" } },
  workloads: [{ traffic: { name: "websearch", pattern: "uniform", load: 0.5, size: { cdf: "websearch" }, start: "0s", flows } }],
});

/** One data-parallel iteration of training-1024.yaml's 7B model on `gpus` GPUs (8 per host, rail-optimized), no input read or checkpoint. */
function training(gpus: number): Record<string, unknown> {
  const doc = load(readFileSync("scenarios/ai/training-1024.yaml", "utf8")) as Record<string, any>;
  doc.name = `training-${gpus}`;
  doc.topology.gpuCluster.hosts = gpus / 8;
  const job = doc.workloads[0].training;
  Object.assign(job, { gpus, iterations: 1 });
  delete job.input;
  delete job.checkpoint;
  delete doc.topology.gpuCluster.storage;
  return doc;
}

/**
 * One data-parallel iteration of the same model on 32,768 GPUs in a 3-tier rail-optimized
 * cluster: 4,096 hosts × 8 GPUs in 64 pods of 64 hosts, 8 rails and 16 spines per pod
 * (800 Gb/s uplinks, 2:1), 64 cores (2:1 again).
 */
function training3Tier(): Record<string, unknown> {
  const doc = training(32768) as Record<string, any>;
  doc.name = "training-32768-3tier";
  Object.assign(doc.topology.gpuCluster, { tiers: 3, hostsPerPod: 64, spines: 16, cores: 64 });
  return doc;
}

/** scenarios/ai/inference-agents.yaml with its populations' arrivals lasting until about `requests` requests (100 a second together). */
function agents(requests: number): Record<string, unknown> {
  const doc = load(readFileSync("scenarios/ai/inference-agents.yaml", "utf8")) as Record<string, any>;
  doc.name = `inference-agents-${requests}`;
  for (const w of doc.workloads) if (w.agents) w.agents.duration = `${requests / 100}s`;
  return doc;
}

/** A k×k×k torus (one host per router, 100 Gb/s, 1 us) with `flows` uniform websearch flows at load 0.5, all starting at 0 s. */
const torusCase = (k: number, flows: number) => ({
  name: `torus-${k}x${k}x${k}-${flows}`,
  seed: 1,
  topology: { torus: { dims: [k, k, k], bandwidth: "100Gbps", latency: "1us" } },
  workloads: [{ traffic: { name: "websearch", pattern: "uniform", load: 0.5, size: { cdf: "websearch" }, start: "0s", flows } }],
});

const CASES: Record<string, () => Record<string, unknown>> = {
  "fat-tree-k32-100k": () => websearch(32, 100_000),
  "fat-tree-k48-20k": () => websearch(48, 20_000),
  "training-4096": () => training(4096),
  "training-16384": () => training(16384),
  "training-32768-3tier": training3Tier,
  "fat-tree-k16-100k": () => websearch(16, 100_000),
  "fat-tree-k16-1m": () => websearch(16, 1_000_000),
  "agents-1m": () => agents(1_000_000),
  "torus-16x16x16-20k": () => torusCase(16, 20_000),
  "torus-32x32x32-20k": () => torusCase(32, 20_000),
};

interface Measured {
  ok: boolean;
  processWallS: number;
  simWallS: number;
  peakRssMiB: number;
  flows: number;
  error: string;
}

function runCase(cli: string, path: string, out: string): Measured {
  rmSync(out, { recursive: true, force: true });
  const began = process.hrtime.bigint();
  // Node's default heap limit (about 4 GiB here), as a user runs it.
  const r = spawnSync(process.execPath, [cli, "run", path, "--out", out, "--quiet"], { encoding: "utf8" });
  const processWallS = Number(process.hrtime.bigint() - began) / 1e9;
  if (r.status !== 0 || !existsSync(join(out, "run.json"))) {
    const error = `${r.signal ?? `exit ${r.status}`}: ${(r.stderr ?? "").trim().split("\n").slice(-1)[0] ?? ""}`;
    return { ok: false, processWallS, simWallS: NaN, peakRssMiB: NaN, flows: 0, error };
  }
  const info = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
  return { ok: true, processWallS, simWallS: info.wall_s, peakRssMiB: info.peak_rss_bytes / 2 ** 20, flows: dataRows(join(out, "flows.csv")), error: "" };
}

/** Data rows of a CSV file (its lines after the header). */
function dataRows(path: string): number {
  const bytes = readFileSync(path);
  let lines = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
  return lines - 1;
}

/** Whether every report of `a` but run.json equals `b`'s, byte for byte. */
function sameReports(a: string, b: string): boolean {
  const files = readdirSync(a).filter((f) => f !== "run.json");
  if (files.join() !== readdirSync(b).filter((f) => f !== "run.json").join()) return false;
  return files.every((f) => readFileSync(join(a, f)).equals(readFileSync(join(b, f))));
}

const HELP = `usage: npm run bench:scale [-- --cases NAME,NAME] [--before REF]

Runs each case (a generated scenario written to results/bench/scale/cases/NAME.json) with the
compiled CLI, every report written, and prints the whole command's wall time, the simulation's
wall time, peak RSS and the flows. --before REF also runs chokepoint at git revision REF on each
case, alternated, and checks every report but run.json is byte-identical.
Cases: ${Object.keys(CASES).join(", ")}`;

let values: { cases?: string; before?: string; help?: boolean };
try {
  ({ values } = parseArgs({ options: { cases: { type: "string", default: Object.keys(CASES).join(",") }, before: { type: "string" }, help: { type: "boolean", default: false } } }));
} catch (e) {
  console.error(`bench:scale: ${(e as Error).message}\n${HELP}`);
  process.exit(2);
}
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const names = values.cases!.split(",").filter(Boolean);
for (const n of names) {
  if (!CASES[n]) {
    console.error(`bench:scale: unknown case "${n}" (known: ${Object.keys(CASES).join(", ")})`);
    process.exit(2);
  }
}
buildDist();
const beforeCli = values.before === undefined ? undefined : beforeBuild(values.before);
mkdirSync(join(DIR, "cases"), { recursive: true });

const rows: Array<Record<string, string | number>> = [];
const fmt = (m: Measured, digits: number, x: number) => (m.ok ? x.toFixed(digits) : m.error.slice(0, 60));
for (const name of names) {
  const path = join(DIR, "cases", `${name}.json`);
  writeFileSync(path, JSON.stringify(CASES[name]()));
  const row: Record<string, string | number> = { case: name };
  if (beforeCli) {
    console.error(`scale: ${name}, ${values.before}…`);
    const b = runCase(beforeCli, path, join(DIR, "runs", `${name}-before`));
    Object.assign(row, { before_wall_s: fmt(b, 1, b.processWallS), before_peak_rss_mib: fmt(b, 0, b.peakRssMiB) });
    console.error(`scale: ${name}, this build…`);
    const a = runCase(CLI, path, join(DIR, "runs", `${name}-after`));
    const same = a.ok && b.ok ? (sameReports(join(DIR, "runs", `${name}-before`), join(DIR, "runs", `${name}-after`)) ? "yes" : "NO") : "-";
    Object.assign(row, { flows: a.flows, wall_s: fmt(a, 1, a.processWallS), sim_wall_s: fmt(a, 1, a.simWallS), peak_rss_mib: fmt(a, 0, a.peakRssMiB), reports_identical: same });
  } else {
    console.error(`scale: ${name}…`);
    const a = runCase(CLI, path, join(DIR, "runs", name));
    Object.assign(row, { flows: a.flows, wall_s: fmt(a, 1, a.processWallS), sim_wall_s: fmt(a, 1, a.simWallS), peak_rss_mib: fmt(a, 0, a.peakRssMiB) });
  }
  rows.push(row);
}
console.log("`chokepoint run` with every report, one fresh process per case (whole command's wall time; run.json's simulation wall time and peak RSS)");
benchTable(Object.keys(rows[0]), rows, join("results", "bench", "scale.csv"));
