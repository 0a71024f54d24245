// runScenario: simulate a prepared scenario and write its reports atomically.
import { createHash } from "node:crypto";
import { readFileSync, realpathSync } from "node:fs";
import { StagedDirectory } from "../report/StagedDirectory.js";
import type { RunSummary } from "../report/summarizeRun.js";
import { REPORT_DIRECTORY_NAMES, writeReports, type WrittenReports } from "../report/writeReports.js";
import type { PreparedScenario } from "../scenario/prepareScenario.js";
import type { WorkloadResults } from "../workloads/WorkloadResults.js";
import { simulate, simulateInterruptibly, type SimulateOptions } from "./simulate.js";
import { phaseMark } from "../core/phaseMark.js";

/** The records of a workload that keeps none (one object for all: 20,000 transfers are 20,000 workloads). */
const NO_RESULTS: WorkloadResults = Object.freeze({});

/** Options of {@link runScenario}. */
export interface RunScenarioOptions extends SimulateOptions {
  /** Where reports go. */
  outDir: string;
  /** Recorded in run.json. */
  version?: string;
  /** Also write report.html, drawn from the CSVs just written (see writeReports). */
  htmlReport?: boolean;
  /**
   * With it, the run lets the event loop turn every 250 ms while it simulates and checks
   * `interruption.check()` then and before each report file: when that throws (a signal
   * came, see core/Interruption), the staging is removed, `outDir` is left as it was, and
   * the error is rethrown.
   */
  interruption?: { check(): void };
}

/** What a finished run returns besides its files. */
export interface RunOutcome {
  summary: RunSummary;
  wallS: number;
  events: number;
  endReason: "idle" | "until";
  /** Files written, in order, and the AI columns of summary.csv (training and request statistics). */
  written: Omit<WrittenReports, "summary">;
}

/**
 * Run a prepared scenario to completion (or to its stop time) and write its reports
 * (flows.csv, links.csv, bottlenecks.csv, summary.csv, the workload reports and run.json;
 * see writeReports) into `outDir`, replacing its earlier contents as a whole. `outDir` is
 * checked (and its staging made) before simulating: a path that cannot hold reports is an
 * InputError before any work.
 */
export async function runScenario(prepared: PreparedScenario, options: RunScenarioOptions): Promise<RunOutcome> {
  const staged = await StagedDirectory.open(options.outDir, { replaceable: REPORT_DIRECTORY_NAMES });
  try {
    return await simulateAndWrite(prepared, options, staged);
  } catch (err) {
    await staged.discard();
    throw err;
  }
}

async function simulateAndWrite(prepared: PreparedScenario, options: RunScenarioOptions, staged: StagedDirectory): Promise<RunOutcome> {
  const s = options.interruption ? await simulateInterruptibly(prepared, options, options.interruption) : simulate(prepared, options);
  phaseMark("simulate");
  const { summary, ...written } = await writeReports({
    outDir: options.outDir,
    staged,
    network: s.network,
    flows: s.flows,
    resources: s.resources,
    ...(s.series && { series: s.series }),
    ...(s.queueing && { queueing: s.queueing }),
    ...(s.events && { events: s.events }),
    run: s.run,
    ...(options.htmlReport && { htmlReport: true }),
    ...(options.interruption && { interruption: options.interruption }),
    workloads: {
      topology: prepared.topology,
      names: s.workloads.map((w) => w.name),
      kinds: prepared.scenario.workloads.map((w) => w.kind),
      results: s.workloads.map((w) => w.results?.() ?? NO_RESULTS),
      workloadOfFlow: s.workloadOfFlow,
      ...(prepared.scenario.cost && { cost: prepared.scenario.cost }),
    },
    meta: {
      scenarioName: prepared.scenario.name,
      // The file's bytes: the scenario as given (a CDF file it names is not included); hashed as loaded when the caller asked for it (`run`).
      scenarioHash: prepared.fileSha256 ?? createHash("sha256").update(readFileSync(prepared.scenario.file)).digest("hex"),
      scenarioFile: realpathSync(prepared.scenario.file),
      seed: s.seed,
      wallS: s.wallS,
      version: options.version,
    },
  });
  phaseMark("reports");
  return { summary, wallS: s.wallS, events: s.run.events, endReason: s.run.reason, written };
}
