// endToEnd: the k=16 fat-tree web-search benchmark — chokepoint's full pipeline against SimGrid on the same JSON case.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { beforeBuild } from "./beforeBuild.js";
import { benchTable } from "./benchTable.js";
import { readReportCsv } from "./readReportCsv.js";
import { compareFinishTimes } from "./simgrid/compareFinishTimes.js";
import { makeCase } from "./simgrid/makeCase.js";
import { readSimgridOutput, runSimgrid, simgridUnavailable } from "./simgrid/runSimgrid.js";
import { buildDist } from "./buildDist.js";

const HELP = `npm run bench:e2e -- [options]

Runs chokepoint's whole pipeline (scenario loading, simulation, reports) as a child
process of the compiled CLI (dist/, built first) on k-ary fat-tree cases of Poisson web-search flows written out as explicit
transfers with pinned paths, and SimGrid 3.32 on the very same JSON files, in one run.

  --k K               fat-tree radix (default 16: 1,024 hosts)
  --flows LIST        flow counts compared with SimGrid (default 20000)
  --simgrid-csv LIST  reuse SimGrid outputs (flows=path,…) instead of rerunning SimGrid
  --scaling LIST      flow counts for the chokepoint-only growth table (default 5000,10000,20000,50000,100000)
  --loads LIST        loads for the chokepoint-only growth table at 20,000 flows (default 0.3,0.5,0.7,0.9)
  --no-simgrid        skip SimGrid entirely
  --before REF        also run chokepoint as it was at git revision REF (built once into
                      results/bench/ref-<commit>/) on the --flows cases, alternating with this
                      build --reps times, and compare whole-command wall times (the machine may
                      be shared: only a ratio measured side by side means something); says
                      whether both write the same flows.csv and links.csv (same_reports)
  --reps N            runs of each build per case with --before (default 3; medians reported,
                      wall and, under /usr/bin/time, CPU time: user + system)
  --keep-ca-certs     run chokepoint with NODE_EXTRA_CA_CERTS as this shell has it. By default
                      the variable is left out of chokepoint's environment (said on stderr):
                      Node 20 reads that file and builds a certificate store at every start
                      before any JavaScript runs (416 M of the 20k command's 594 M start-up
                      instructions where a sandbox points it at the system bundle, session
                      45), which SimGrid does not pay and a user's shell rarely sets

Writes results/bench/e2e.csv (the comparison), results/bench/e2e-scaling.csv and, with
--before, results/bench/e2e-before.csv.`;

const DIR = "results/bench";
/** The compiled CLI, as `npm install` leaves it (built afresh here so it matches the source). */
const CLI = "dist/cli/main.js";
const CASES = join(DIR, "cases");
/** GNU time, for the CPU time of a run. */
const TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;

interface OursRun {
  processWallS: number;
  /** User + system CPU seconds of the process (NaN without /usr/bin/time). */
  processCpuS: number;
  simWallS: number;
  events: number;
  eventsPerS: number;
  peakRssMiB: number;
  finishS: Map<string, number>;
  startS: Map<string, number>;
}

/** Write (once) and return the path of the case with these parameters. */
function casePath(k: number, flows: number, load: number): string {
  mkdirSync(CASES, { recursive: true });
  const path = join(CASES, `k${k}-${flows}-load${load}.json`);
  if (!existsSync(path)) writeFileSync(path, JSON.stringify(makeCase({ k, flows, load, seed: 1 })));
  return path;
}

/** chokepoint's environment: this process's, without NODE_EXTRA_CA_CERTS unless --keep-ca-certs (set before the first run). */
let childEnv: NodeJS.ProcessEnv = process.env;

/** Run `chokepoint run` (the compiled CLI `cli`, by default this checkout's) on a case in a fresh process and read its run.json and flows.csv. */
function runOurs(path: string, cli = CLI, outName = path.split("/").pop()!.replace(/\.json$/, "")): OursRun {
  const out = join(DIR, "e2e-runs", outName);
  const began = process.hrtime.bigint();
  // Under /usr/bin/time when there is one: the process's CPU time (user + system) moves less than its wall time on a shared machine.
  const args = [cli, "run", path, "--out", out, "--quiet"];
  const r = TIME
    ? spawnSync(TIME, ["-f", "cpu %U %S", process.execPath, ...args], { encoding: "utf8", env: childEnv })
    : spawnSync(process.execPath, args, { encoding: "utf8", env: childEnv });
  const processWallS = Number(process.hrtime.bigint() - began) / 1e9;
  if (r.status !== 0) throw new Error(`chokepoint failed on ${path}: ${r.stderr}`);
  const cpu = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr ?? "");
  const processCpuS = cpu ? Number(cpu[1]) + Number(cpu[2]) : NaN;
  const info = JSON.parse(readFileSync(join(out, "run.json"), "utf8"));
  const finishS = new Map<string, number>();
  const startS = new Map<string, number>();
  for (const f of readReportCsv(join(out, "flows.csv"))) {
    startS.set(f.id, Number(f.start_s));
    finishS.set(f.id, Number(f.finish_s));
  }
  return {
    processWallS,
    processCpuS,
    simWallS: info.wall_s,
    events: info.events,
    eventsPerS: info.events_per_s,
    peakRssMiB: info.peak_rss_bytes / 2 ** 20,
    finishS,
    startS,
  };
}

const list = (s: string) => s.split(",").filter(Boolean);
const { values } = parseArgs({
  options: {
    k: { type: "string", default: "16" },
    flows: { type: "string", default: "20000" },
    "simgrid-csv": { type: "string", default: "" },
    scaling: { type: "string", default: "5000,10000,20000,50000,100000" },
    loads: { type: "string", default: "0.3,0.5,0.7,0.9" },
    "no-simgrid": { type: "boolean", default: false },
    before: { type: "string" },
    reps: { type: "string", default: "3" },
    "keep-ca-certs": { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
buildDist();
if (!values["keep-ca-certs"] && process.env.NODE_EXTRA_CA_CERTS !== undefined) {
  const { NODE_EXTRA_CA_CERTS: certs, ...rest } = process.env;
  childEnv = rest;
  console.error(`bench:e2e: chokepoint runs without NODE_EXTRA_CA_CERTS (${certs}); --keep-ca-certs keeps it`);
}
const k = Number(values.k);
const reuse = new Map(list(values["simgrid-csv"]).map((p) => p.split("=") as [string, string]));
const simgridReason = values["no-simgrid"] ? "skipped (--no-simgrid)" : simgridUnavailable();

if (values.before !== undefined) {
  const beforeCli = beforeBuild(values.before);
  const reps = Number(values.reps);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const compared = [];
  for (const n of list(values.flows).map(Number)) {
    const path = casePath(k, n, 0.5);
    const before: OursRun[] = [];
    const after: OursRun[] = [];
    for (let i = 0; i < reps; i++) {
      console.error(`e2e: k=${k}, ${n} flows: ${values.before} and this build, run ${i + 1} of ${reps}…`);
      before.push(runOurs(path, beforeCli, `before-${n}`));
      after.push(runOurs(path, CLI, `after-${n}`));
    }
    // A solver change may move rates by round-off: then say so (bench/solverReportDiff.ts measures by how much).
    let same = "yes";
    for (const f of ["flows.csv", "links.csv"]) {
      const [a, b] = [`before-${n}`, `after-${n}`].map((d) => readFileSync(join(DIR, "e2e-runs", d, f), "utf8"));
      if (a !== b) same = "no";
    }
    const wall = (runs: OursRun[]) => median(runs.map((r) => r.processWallS));
    const sim = (runs: OursRun[]) => median(runs.map((r) => r.simWallS));
    const cpu = (runs: OursRun[]) => median(runs.map((r) => r.processCpuS));
    compared.push({
      flows: n,
      before_process_wall_s: wall(before).toFixed(3),
      after_process_wall_s: wall(after).toFixed(3),
      speedup_process: (wall(before) / wall(after)).toFixed(2),
      before_process_cpu_s: cpu(before).toFixed(3),
      after_process_cpu_s: cpu(after).toFixed(3),
      speedup_cpu: (cpu(before) / cpu(after)).toFixed(2),
      before_sim_wall_s: sim(before).toFixed(3),
      after_sim_wall_s: sim(after).toFixed(3),
      speedup_sim: (sim(before) / sim(after)).toFixed(2),
      before_peak_rss_mib: median(before.map((r) => r.peakRssMiB)).toFixed(0),
      after_peak_rss_mib: median(after.map((r) => r.peakRssMiB)).toFixed(0),
      same_reports: same,
    });
  }
  console.log(`\nthe whole run command, ${values.before} against this build (k=${k}, medians of ${reps}, alternated):`);
  benchTable(Object.keys(compared[0]), compared, join(DIR, "e2e-before.csv"));
}

const rows = [];
for (const n of values["no-simgrid"] && values.before !== undefined ? [] : list(values.flows).map(Number)) {
  const path = casePath(k, n, 0.5);
  console.error(`e2e: k=${k}, ${n} flows: chokepoint…`);
  const ours = runOurs(path);
  let simgridWallS = NaN;
  let maxRel = NaN;
  if (simgridReason === null || reuse.has(String(n))) {
    console.error(`e2e: k=${k}, ${n} flows: SimGrid…`);
    const sg = reuse.has(String(n)) ? readSimgridOutput(reuse.get(String(n))!) : runSimgrid(path);
    simgridWallS = sg.wallS;
    maxRel = compareFinishTimes(ours.finishS, sg.finishS, ours.startS).maxRelativeError;
  } else console.error(`e2e: SimGrid ${simgridReason}`);
  rows.push({
    k,
    flows: n,
    load: 0.5,
    ours_sim_wall_s: ours.simWallS.toFixed(3),
    ours_process_wall_s: ours.processWallS.toFixed(3),
    events: ours.events,
    events_per_s: Math.round(ours.eventsPerS),
    peak_rss_mib: ours.peakRssMiB.toFixed(0),
    simgrid_wall_s: Number.isNaN(simgridWallS) ? "" : simgridWallS.toFixed(2),
    speedup_sim: Number.isNaN(simgridWallS) ? "" : (simgridWallS / ours.simWallS).toFixed(1),
    speedup_process: Number.isNaN(simgridWallS) ? "" : (simgridWallS / ours.processWallS).toFixed(1),
    max_rel_err: Number.isNaN(maxRel) ? "" : maxRel.toExponential(2),
  });
}
if (rows.length > 0) {
  console.log(`\nchokepoint vs SimGrid 3.32 (k=${k} fat-tree, 10 Gb/s, web-search flows, same JSON case):`);
  benchTable(Object.keys(rows[0]), rows, join(DIR, "e2e.csv"));
}

const growth = [];
for (const n of list(values.scaling).map(Number)) growth.push({ n, load: 0.5 });
for (const load of list(values.loads).map(Number)) if (load !== 0.5) growth.push({ n: 20000, load });
const scaling = growth.map(({ n, load }) => {
  console.error(`e2e scaling: ${n} flows at load ${load}…`);
  const ours = runOurs(casePath(k, n, load));
  return {
    flows: n,
    load,
    sim_wall_s: ours.simWallS.toFixed(3),
    process_wall_s: ours.processWallS.toFixed(3),
    events: ours.events,
    events_per_s: Math.round(ours.eventsPerS),
    us_per_flow: ((ours.simWallS / n) * 1e6).toFixed(1),
    peak_rss_mib: ours.peakRssMiB.toFixed(0),
  };
});
if (scaling.length > 0) {
  console.log(`\nhow chokepoint's time grows with flows and load (k=${k}):`);
  benchTable(Object.keys(scaling[0]), scaling, join(DIR, "e2e-scaling.csv"));
}
