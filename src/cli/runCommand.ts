// runCommand: `chokepoint run <scenario>` — prepare, simulate, report, print a summary.
import { join } from "node:path";
import { formatSummary } from "../report/formatSummary.js";
import { runScenario } from "../run/runScenario.js";
import type { EngineName } from "../run/simulate.js";
import { prepareScenario } from "../scenario/prepareScenario.js";
import type { CliIo } from "./cli.js";
import { ProgressLine } from "./ProgressLine.js";

/** Options of `chokepoint run`. */
export interface RunCommandOptions {
  outDir?: string;
  seed?: number;
  untilS?: number;
  quiet: boolean;
  engine: EngineName;
  version: string;
}

/** Run a scenario file; resolves to the exit code. Bad input throws InputError before anything is written. */
export async function runCommand(file: string, options: RunCommandOptions, io: CliIo): Promise<number> {
  const prepared = prepareScenario(file);
  const outDir = options.outDir ?? join("results", prepared.scenario.name);
  const progress = new ProgressLine(io.stderr, !options.quiet);
  const outcome = await runScenario(prepared, {
    outDir,
    seed: options.seed,
    untilS: options.untilS,
    engine: options.engine,
    version: options.version,
    onProgress: (t, e, active) => progress.update(t, e, active),
  }).finally(() => progress.clear());
  if (!options.quiet) {
    const rate = outcome.wallS > 0 ? Math.round(outcome.events / outcome.wallS).toLocaleString("en-US") : "—";
    io.stdout.write(
      `${prepared.scenario.name}: ${outcome.endReason === "until" ? "stopped at the time limit" : "ran to completion"}` +
        ` in ${outcome.wallS.toFixed(2)} s wall (${outcome.events.toLocaleString("en-US")} events, ${rate} events/s)\n` +
        formatSummary(outcome.summary) +
        `\nreports: ${outDir}/{flows,links,bottlenecks,summary}.csv, run.json\n`,
    );
  }
  return 0;
}
