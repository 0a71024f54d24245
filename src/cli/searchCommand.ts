// searchCommand: `chokepoint search <file>` — the cheapest design of a study that meets its targets; prints the choice and the simulations it took.
import { availableParallelism } from "node:os";
import { basename, join } from "node:path";
import { InputError } from "../core/InputError.js";
import { ensureWritableDirectory } from "../report/ensureWritableDirectory.js";
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

/** Run a search; resolves to the exit code (0 also when no design meets the targets: that is an answer). */
export async function searchCommand(file: string, flags: SearchFlags, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const jobs = flags.jobs === undefined ? availableParallelism() : wholeNumber("--jobs", flags.jobs, 1);
  const heap = env.CHOKEPOINT_WORKER_MEMORY_MB;
  const workerHeapMb = heap === undefined ? undefined : wholeNumber("CHOKEPOINT_WORKER_MEMORY_MB", heap, 16);
  const outDir = flags.out ?? join("results", basename(file).replace(/\.(ya?ml|json)$/i, ""));
  const created = await ensureWritableDirectory(outDir, "the search");
  const tty = !flags.quiet && io.stderr.isTTY === true;
  const progress = io.progress ?? io.stderr;
  const outcome = await runSearch(file, {
    outDir,
    jobs,
    ...(workerHeapMb !== undefined && { workerHeapMb }),
    version: flags.version,
    onProgress: tty ? (n, grid) => progress.write(`\r  search: ${n} simulations (the full grid is ${grid})\x1b[K`) : undefined,
  }).catch(async (err: unknown) => {
    if (err instanceof InputError) await created.undo(); // a refused search writes nothing
    throw err;
  });
  if (tty) progress.write("\r\x1b[K");
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
