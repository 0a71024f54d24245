// help: the text of `chokepoint --help`, and of one command's `--help` (its usage and options).
import type { Command } from "./parseCommandLine.js";

/** A command that has a help of its own (every one but `help`). */
type HelpedCommand = Exclude<Command, "help">;

/** Each command's lines in the usage block of {@link HELP} (descriptions aligned; a long one goes on under it). */
const USAGE: Readonly<Record<HelpedCommand, string>> = {
  run: "  chokepoint run <scenario> [options]     simulate a scenario, write CSV reports\n",
  validate: "  chokepoint validate <scenario>          check a scenario (or every point of a study) without running it\n",
  sweep: "  chokepoint sweep <study> [options]      run a parameter study (a scenario with a sweep block)\n",
  search:
    "  chokepoint search <file> [options]      the cheapest design of a study that meets its targets\n" +
    "                                          (a study with a search block: docs/search.md)\n",
  merge: "  chokepoint merge DIR... --out DIR       combine the shard directories of a study\n",
  report:
    "  chokepoint report DIR [--out FILE]      write the HTML report of a run's or a study's directory\n" +
    "                                          (DIR/report.html) from its CSVs\n",
  compare: "  chokepoint compare DIR DIR... --out OUT compare runs: OUT/compare.html and OUT/compare.csv\n",
  export:
    "  chokepoint export <scenario> --format F --out DIR\n" +
    "                                          the scenario for SimGrid (platform.xml, deployment.xml,\n" +
    "                                          run_simgrid.py) or a notebook (graph.json): docs/export.md\n",
};

/** Each command's options as {@link HELP} lists them under "Options of <command>:" (validate has none). */
const OPTIONS: Readonly<Partial<Record<HelpedCommand, string>>> = {
  run: `  -o, --out DIR      output directory (default results/<scenario-name>/), replaced as a
                     whole: new, empty, or holding the reports of an earlier run
      --seed N       override the scenario's seed (a whole number)
      --until T      stop at simulated time T (e.g. 10ms, 2s)
      --engine E     sharing engine: incremental (default) or full (reference)
      --force        replace results/<scenario-name>/ even when it holds the results of
                     another scenario file with the same name
      --report       also write report.html: the run's charts and tables in one
                     self-contained page (opens from disk, no network)
  -q, --quiet        no summary on stdout, no progress line
`,
  sweep: `  -o, --out DIR      study directory (default results/<study file name>/); rerunning
                     resumes, skipping runs complete for the same scenario and seed
  -j, --jobs N       worker threads (default: one per core)
      --dry-run      list the points and count the runs, run nothing
      --filter F     run ids ("p0-r1,p3-r0") or an expression ("nic == '400Gbps'")
      --shard i/n    run a deterministic 1/n of the runs (default from SLURM_ARRAY_TASK_ID/
                     SLURM_ARRAY_TASK_COUNT, or JOB_COMPLETION_INDEX with --shards N)
      --shards N     the number of shards, with JOB_COMPLETION_INDEX
      --retry-failed
                     run again the runs an earlier invocation recorded as failed
  -q, --quiet        no closing line, no progress bar
`,
  search: `  -o, --out DIR      where runs/, search.csv and pareto.csv go (default results/<file name>/);
                     runs already there for the same scenario and seed are reused
  -j, --jobs N       worker threads (default: one per core)
  -q, --quiet        no closing lines, no progress line
`,
  merge: `  -o, --out DIR      the directory that receives the merged sweep.csv (required)
      --allow-partial
                     merge even when runs of the study are missing from every directory
`,
  report: `  -o, --out FILE     where the page goes (default DIR/report.html); only that file is
                     written, the CSVs are read
      --metric M     a study's page: chart only these metrics (and find their
                     crossovers), comma-separated, by sweep-summary.csv's names
                     without _mean: "iteration_mean_s,fct_p99_s"
  -q, --quiet        no closing line
`,
  compare: `  -o, --out DIR      where compare.html and compare.csv go (required)
      --target T     targets each run is checked against, comma-separated, on any
                     metric of compare.csv: "fct_p99_s<=0.01,gpu_utilization>=0.9"
  -q, --quiet        no verdict on stdout
`,
  export: `      --format F     simgrid: run the scenario (maxmin transport, no events) and write
                     platform.xml, deployment.xml (one actor per flow, on the route
                     chokepoint used), chokepoint.csv (its finish times) and run_simgrid.py
                     (runs them in SimGrid and compares); json: graph.json, the topology
                     as nodes and links
  -o, --out DIR      the directory to write into (required)
      --flows        json: also run the scenario and list its flows (id, endpoints, size,
                     start, finish, path)
      --seed N       override the scenario's seed (a whole number)
  -q, --quiet        no closing lines
`,
};

/** Usage, options and examples printed by `chokepoint --help` (and `chokepoint`, `chokepoint help`). */
export const HELP =
  `chokepoint — where does your data movement choke?

Usage:
` +
  Object.values(USAGE).join("") +
  `  chokepoint help | --help | --version

Each command takes only its own options (any other is refused); -h, --help goes with all.

` +
  Object.entries(OPTIONS)
    .map(([command, options]) => `Options of ${command}:\n${options}\n`)
    .join("") +
  `Examples:
  chokepoint run scenarios/default.yaml
  chokepoint run scenarios/default.yaml --report
  chokepoint report results/default --out /tmp/default.html
  chokepoint report results/fct-vs-load
  chokepoint compare results/a results/b --out results/a-vs-b --target "gpu_utilization>=0.9"
  chokepoint run scenarios/two-hosts.yaml --out /tmp/two --seed 3
  chokepoint run scenarios/default.yaml --until 5ms
  chokepoint validate scenarios/default.yaml
  chokepoint sweep scenarios/sweeps/fct-vs-load.yaml --jobs 2
  chokepoint sweep study.yaml --shard 0/4 --out /shared/study-0
  chokepoint search scenarios/search/training-fabric.yaml --jobs 2
  chokepoint merge /shared/study-0 /shared/study-1 --out /shared/study
  chokepoint export scenarios/parking-lot.yaml --format simgrid --out /tmp/parking-lot-simgrid
  chokepoint export scenarios/default.yaml --format json --flows --out /tmp/default-graph

Exit codes: 0 ok, 1 runtime failure, 2 bad input (nothing is written).
Reports: flows.csv, links.csv, bottlenecks.csv, summary.csv, workloads.csv, tiers.csv, cost.csv,
workload-bottlenecks.csv, run.json; with AI workloads also jobs.csv, collectives.csv,
requests.csv, tasks.csv; with report.interval timeseries.csv; with events events.csv;
with --report report.html (docs/reports.md).
`;

/**
 * What `chokepoint <command> --help` and `chokepoint help <command>` print: the command's
 * usage and its options only, then where the rest is.
 */
export function commandHelp(command: HelpedCommand): string {
  const options = OPTIONS[command];
  return (
    `Usage:\n${USAGE[command]}\n` +
    (options ? `Options:\n${options}` : "Options: none but -h, --help\n") +
    (options ? "  -h, --help         this help\n" : "") +
    "\nEvery command, examples, exit codes and the reports: chokepoint --help\n"
  );
}

/** True when `name` is a command with a help of its own. */
export function hasCommandHelp(name: string): name is HelpedCommand {
  return Object.hasOwn(USAGE, name);
}
