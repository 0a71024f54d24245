// HELP: the text of `chokepoint --help`.

/** Usage, options and examples printed by `chokepoint --help`. */
export const HELP = `chokepoint — where does your data movement choke?

Usage:
  chokepoint run <scenario> [options]     simulate a scenario, write CSV reports
  chokepoint validate <scenario>          check a scenario without running it
  chokepoint --help | --version

Options of run:
  -o, --out DIR      output directory (default results/<scenario-name>/)
      --seed N       override the scenario's seed (a whole number)
      --until T      stop at simulated time T (e.g. 10ms, 2s)
      --engine E     sharing engine: incremental (default) or full (reference)
  -q, --quiet        no summary on stdout, no progress line

Examples:
  chokepoint run scenarios/default.yaml
  chokepoint run scenarios/two-hosts.yaml --out /tmp/two --seed 3
  chokepoint run scenarios/default.yaml --until 5ms
  chokepoint validate scenarios/default.yaml

Exit codes: 0 ok, 1 runtime failure, 2 bad input (nothing is written).
Reports: flows.csv, links.csv, bottlenecks.csv, summary.csv, run.json.
`;
