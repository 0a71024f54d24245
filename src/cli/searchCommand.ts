// searchCommand: `chokepoint search <file>` — the cheapest design of a study that meets its targets; prints the choice and the simulations it took.
import { availableParallelism } from "node:os";
import { basename, join } from "node:path";
import { existsSync, readdirSync } from "node:fs";
import { rmdir } from "node:fs/promises";
import { InputError } from "../core/InputError.js";
import { Interrupted, Interruption } from "../core/Interruption.js";
import { ensureWritableDirectory } from "../report/ensureWritableDirectory.js";
import { refuseRunDirectory } from "./refuseRunDirectory.js";
import { runSearch, type SearchOutcome } from "../search/runSearch.js";
import { SearchState, type DesignState } from "../search/SearchState.js";
import type { CliIo } from "./cli.js";
import { wholeNumber } from "./sweepCommand.js";

/** Options of `chokepoint search` as given on the command line. */
export interface SearchFlags {
  out?: string;
  jobs?: string;
  quiet: boolean;
  version: string;
}

/**
 * Run a search; resolves to the exit code (0 also when no design meets the targets: that is
 * an answer). A first SIGINT or SIGTERM stops it cleanly: the finished simulations are kept
 * (a rerun resumes from them), one line says how many, and the code is 128 + the signal's number.
 */
export async function searchCommand(file: string, flags: SearchFlags, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const jobs = flags.jobs === undefined ? availableParallelism() : wholeNumber("--jobs", flags.jobs, 1);
  const heap = env.CHOKEPOINT_WORKER_MEMORY_MB;
  const workerHeapMb = heap === undefined ? undefined : wholeNumber("CHOKEPOINT_WORKER_MEMORY_MB", heap, 16);
  const outDir = flags.out ?? join("results", basename(file).replace(/\.(ya?ml|json)$/i, ""));
  refuseRunDirectory(outDir, "the search");
  const created = await ensureWritableDirectory(outDir, "the search");
  const tty = !flags.quiet && io.stderr.isTTY === true;
  const progress = io.progress ?? io.stderr;
  // From here a first Ctrl-C or SIGTERM stops the search cleanly (see runSearch's `interruption`).
  const interruption = Interruption.watch();
  const outcome = await runSearch(file, {
    outDir,
    jobs,
    ...(workerHeapMb !== undefined && { workerHeapMb }),
    version: flags.version,
    onProgress: tty ? (n, grid) => progress.write(`\r  search: ${n} simulations (the full grid is ${grid})\x1b[K`) : undefined,
    interruption,
  })
    .catch(async (err: unknown) => {
      if (err instanceof InputError) await created.undo(); // a refused search writes nothing
      if (err instanceof Interrupted) return err;
      throw err;
    })
    .finally(() => interruption.dispose());
  if (tty) progress.write("\r\x1b[K");
  if (outcome instanceof Interrupted) {
    const runs = join(outDir, "runs");
    const kept = existsSync(runs) ? readdirSync(runs).filter((id) => existsSync(join(runs, id, "run.json")) || existsSync(join(runs, id, "failed.txt"))).length : 0;
    if (kept === 0) {
      // A search directory this command made and that holds no run: take it back.
      await rmdir(runs).catch(() => {});
      await created.undo();
    }
    io.stderr.write(
      `chokepoint: ${outcome.message} — ${kept} simulation${kept === 1 ? "" : "s"} kept` +
        (kept > 0 ? ` in ${runs}; rerun the same command to resume` : "") +
        "\n",
    );
    return outcome.exitCode;
  }
  if (!flags.quiet) io.stdout.write(searchReport(outcome, outDir));
  return 0;
}

/** The lines printed after a search: the chosen design with its numbers, and the simulations it took against the full grid. */
export function searchReport(o: SearchOutcome, outDir: string): string {
  const lines: string[] = [];
  if (o.chosen) {
    lines.push(`chosen: ${SearchState.label(o.chosen)}`);
    lines.push(`  ${o.spec.minimize} ${interval(o, o.chosen, o.spec.minimize)} (minimised)`);
    for (const t of o.spec.targets) lines.push(`  ${t.metric} ${interval(o, o.chosen, t.metric)} (target ${t.op} ${t.bound})`);
  } else {
    lines.push(`no design of the ${o.points} meets every target (${o.spec.targets.map((t) => t.text).join(", ")})`);
  }
  if (o.budgetReached) lines.push(`the budget of ${o.simulations} simulations ran out before the search had decided: this is the best found so far`);
  const simulated = o.designs.filter((d) => d.replications > 0).length;
  const factor = o.simulations > 0 ? ` (${(o.grid / o.simulations).toFixed(1)}× fewer)` : "";
  lines.push(`${o.simulations} simulations vs ${o.grid} for the full grid${factor}; ${simulated} of ${o.points} designs simulated`);
  lines.push(`→ ${join(outDir, "search.csv")}, pareto.csv`);
  return `${lines.join("\n")}\n`;
}

/** `0.931 [0.925, 0.937] over 3 replications`, 4 significant digits. */
function interval(o: SearchOutcome, d: DesignState, metric: string): string {
  const s = o.state.summary(d, metric);
  const f = (x: number) => String(Number(x.toPrecision(4)));
  const ci = Number.isFinite(s.ciLow) ? ` [${f(s.ciLow)}, ${f(s.ciHigh)}]` : "";
  return `${f(s.mean)}${ci} over ${d.replications} replication${d.replications === 1 ? "" : "s"}`;
}
