// runInfo: the non-deterministic, non-tabular facts of a run that go to run.json.
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
 */
export function runInfo(meta: RunMeta, run: { reason: string; endS: number; events: number }): RunInfo {
  return {
    version: meta.version ?? packageVersion(),
    scenario: meta.scenarioName,
    scenario_hash: meta.scenarioHash,
    ...(meta.scenarioFile !== undefined && { scenario_file: meta.scenarioFile }),
    seed: meta.seed,
    wall_s: meta.wallS,
    events: run.events,
    events_per_s: meta.wallS > 0 ? run.events / meta.wallS : null,
    peak_rss_bytes: process.resourceUsage().maxRSS * 1024,
    end_reason: run.reason,
    end_s: run.endS,
    node_version: process.version,
  };
}
