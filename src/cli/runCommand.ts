// runCommand: `chokepoint run <scenario>` — prepare, simulate, report, print a summary.
import { existsSync, readFileSync, realpathSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../core/InputError.js";
import { Interrupted, Interruption } from "../core/Interruption.js";
import { formatSummary } from "../report/formatSummary.js";
import { formatSeconds } from "../report/formatSeconds.js";
import { runScenario } from "../run/runScenario.js";
import type { EngineName } from "../run/simulate.js";
import { prepareScenario } from "../scenario/prepareScenario.js";
import type { CliIo } from "./cli.js";
import { defaultOutDir } from "./defaultOutDir.js";
import { ProgressLine } from "./ProgressLine.js";
import { phaseMark, phaseMarkAtExit, phaseMarksOn } from "../core/phaseMark.js";
import { markCommandSettled } from "./commandSettled.js";

/** Options of `chokepoint run`. */
export interface RunCommandOptions {
  /** Output directory; without it results/<scenario name>/. */
  outDir?: string;
  /** Replace the default directory even when it holds another scenario file's results. */
  force: boolean;
  /** Also write report.html (the run's HTML report, drawn from its CSVs) with the reports. */
  report: boolean;
  seed?: number;
  untilS?: number;
  quiet: boolean;
  engine: EngineName;
  version: string;
}

/**
 * Run a scenario file; resolves to the exit code. Bad input throws InputError before
 * anything is written. The run's reports replace the output directory as a whole. The
 * default directory, results/<scenario name>/, is shared by every file with that name:
 * when it holds the results of another scenario file, the run is refused unless `force`.
 */
export async function runCommand(file: string, options: RunCommandOptions, io: CliIo): Promise<number> {
  // The file's hash for run.json from the bytes loaded (the file is read once).
  phaseMark("start");
  const prepared = prepareScenario(file, undefined, { sha256: true });
  phaseMark("prepare");
  const outDir = options.outDir ?? defaultOutDir(prepared.scenario.name);
  if (options.outDir === undefined && !options.force) refuseOtherScenarioResults(outDir, file, prepared.scenario.name);
  const progress = new ProgressLine(io.progress ?? io.stderr, !options.quiet);
  // From here a first Ctrl-C or SIGTERM stops the run at its next check and removes its staged files.
  const interruption = Interruption.watch();
  const outcome = await runScenario(prepared, {
    outDir,
    seed: options.seed,
    untilS: options.untilS,
    engine: options.engine,
    version: options.version,
    htmlReport: options.report,
    onProgress: (t, e, active) => progress.update(t, e, active),
    interruption,
  })
    .catch((err: unknown) => {
      if (!(err instanceof Interrupted)) throw err;
      return err;
    })
    .finally(() => {
      interruption.dispose();
      progress.clear();
    });
  if (outcome instanceof Interrupted) {
    io.stderr.write(`chokepoint: ${outcome.message} — nothing written, ${outDir} left as it was\n`);
    return outcome.exitCode;
  }
  if (!options.quiet) {
    const rate = outcome.wallS > 0 ? Math.round(outcome.events / outcome.wallS).toLocaleString("en-US") : "—";
    io.stdout.write(
      `${prepared.scenario.name}: ${outcome.endReason === "until" ? "stopped at the time limit" : "ran to completion"}` +
        ` in ${outcome.wallS.toFixed(2)} s wall (${outcome.events.toLocaleString("en-US")} event${outcome.events === 1 ? "" : "s"}, ${rate} events/s)\n` +
        formatSummary(outcome.summary, { ...(outcome.written.tierShares && { tiers: outcome.written.tierShares() }) }) +
        formatWorkloadLines(new Map(outcome.written.summaryColumns), outcome.written.queueingTiers) +
        `\nreports: ${outDir}/{${outcome.written.files
          .filter((f) => f.endsWith(".csv"))
          .map((f) => f.replace(/\.csv$/, ""))
          .join(",")}}.csv, run.json\n` +
        (outcome.written.files.includes("report.html") ? `report: ${join(outDir, "report.html")}\n` : ""),
    );
  }
  phaseMark("summary");
  phaseMarkAtExit();
  // The reports are committed by synchronous calls and the summary written: nothing is left to finish but what the
  // process's streams may still hold, of those written to (io's streams write through to them: the summary and the
  // progress unless quiet; the phase lines).
  markCommandSettled(options.quiet ? (phaseMarksOn ? [process.stderr] : []) : [process.stdout, process.stderr]);
  return 0;
}

/** Throw when `outDir/run.json` says the directory holds the results of a scenario file other than `file`. */
function refuseOtherScenarioResults(outDir: string, file: string, name: string): void {
  const infoPath = join(outDir, "run.json");
  if (!existsSync(infoPath)) return;
  let earlier: unknown;
  try {
    earlier = (JSON.parse(readFileSync(infoPath, "utf8")) as { scenario_file?: unknown }).scenario_file;
  } catch {
    return; // Not a run.json we can read: nothing says it is another scenario's.
  }
  if (typeof earlier === "string" && earlier !== realpathSync(file)) {
    throw new InputError(
      `${outDir} holds the results of ${earlier}, another scenario named "${name}" — give --out DIR, or --force to replace them`,
    );
  }
}

/** The training and request lines of the terminal summary (empty when the run had neither). */
function formatWorkloadLines(c: Map<string, number>, queueingTiers?: ReadonlyArray<[string, number]>): string {
  const pct = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "—" : `${(100 * x).toFixed(1)}%`);
  // Seconds as the FCT line above writes them (µs, ms or s to 4 digits), counts grouped by thousands as the events are.
  const sec = (x: number | undefined) => formatSeconds(x ?? NaN);
  const count = (x: number | undefined) => (x === undefined || !Number.isFinite(x) ? "—" : x.toLocaleString("en-US"));
  let out = "";
  if (c.has("iterations")) {
    out +=
      `\ntraining: ${count(c.get("iterations"))} iterations, mean ${sec(c.get("iteration_mean_s"))}, ` +
      `GPU utilisation ${pct(c.get("gpu_utilization"))}, waiting on the network ${pct(c.get("network_wait_share"))}`;
  }
  if (c.has("queueing_share")) {
    const where = (queueingTiers ?? []).slice(0, 3).map(([t, x]) => `${t} ${pct(x)}`).join(", ");
    out += `\nlatency: ${pct(c.get("queueing_share"))} of flow time spent waiting in queues${where ? ` — at ${where}` : ""} (tiers.csv, links.csv)`;
  }
  if (c.has("requests")) {
    out +=
      `\nrequests: ${count(c.get("requests"))}, latency p50/p99 ${sec(c.get("request_p50_s"))} / ${sec(c.get("request_p99_s"))}` +
      (Number.isFinite(c.get("ttft_p50_s")) ? `, ttft p50 ${sec(c.get("ttft_p50_s"))}` : "");
  }
  return out;
}
