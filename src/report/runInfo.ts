// runInfo: the non-deterministic, non-tabular facts of a run that go to run.json.
import { roundSignificant } from "./csvNumber.js";
import { packageVersion } from "./packageVersion.js";

/** What the caller knows about a run beyond the simulation itself. */
export interface RunMeta {
  /** Scenario name. */
  scenarioName: string;
  /** Hash of the scenario's canonical form (computed by the caller). */
  scenarioHash: string;
  /** Absolute path of the scenario file (which file's results a directory holds; see runCommand's --force). */
  scenarioFile?: string;
  /** Seed of the run. */
  seed: number | string;
  /** Wall-clock duration of the simulation, seconds. */
  wallS: number;
  /** Simulator version (default: package.json's). */
  version?: string;
}

/** Contents of run.json. */
export interface RunInfo {
  version: string;
  scenario: string;
  scenario_hash: string;
  scenario_file?: string;
  seed: number | string;
  wall_s: number;
  events: number;
  events_per_s: number | null;
  peak_rss_bytes: number;
  end_reason: string;
  end_s: number;
  node_version: string;
}

/**
 * Assemble run.json: version, scenario name and hash, seed, wall time, events per wall
 * second, peak resident set size (`process.resourceUsage().maxRSS`, KiB, × 1024), why the
 * run ended and the Node.js version. Nothing here is meant to be byte-identical across runs.
 * Its numbers are written for people, as the CSVs' are: `wall_s` to the nanosecond the clock
 * gives (0.499231222, not 0.4992312219999999), `events_per_s` a whole number, and `end_s`
 * to 12 significant digits with round-off snapped as csvNumber does (10.03, not
 * 10.030000000000168).
 */
export function runInfo(meta: RunMeta, run: { reason: string; endS: number; events: number }): RunInfo {
  return {
    version: meta.version ?? packageVersion(),
    scenario: meta.scenarioName,
    scenario_hash: meta.scenarioHash,
    ...(meta.scenarioFile !== undefined && { scenario_file: meta.scenarioFile }),
    seed: meta.seed,
    wall_s: Math.round(meta.wallS * 1e9) / 1e9,
    events: run.events,
    events_per_s: meta.wallS > 0 ? Math.round(run.events / meta.wallS) : null,
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    end_reason: run.reason,
    end_s: Number.isFinite(run.endS) ? roundSignificant(run.endS) : run.endS,
    node_version: process.version,
  };
}
