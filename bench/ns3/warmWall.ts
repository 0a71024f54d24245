// warmWall: chokepoint's simulation wall time for one case run again and again on one worker of a study (what a sweep's later runs take), next to the first, cold run.
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { median } from "d3-array";

/** Walls of `copies` identical runs of one scenario in one study on one worker, seconds (run.json `wall_s`). */
export interface WarmWall {
  /** Every run's `wall_s`, in run order: the first is cold (a fresh worker compiles the model's code), the later ones warm. */
  runsS: number[];
  /** The median of the runs after the first. */
  warmS: number;
}

/**
 * Run the scenario at `scenarioPath` (a JSON scenario file, as bench/ns3/compare.ts writes them)
 * `copies` times as one study, `chokepoint sweep --jobs 1`, on the CLI `cli` (node's arguments
 * before the command: compare.ts's SOURCE_CLI or BUILT_CLI), in `workDir`. The study adds one
 * variable, `copy: [1 … copies]`, read only by the scenario's name (`<name>-copy-${copy}`,
 * which reaches run.json alone), so every run simulates the same scenario with the same seed
 * (a study gives every point of a repetition the same seed); the runs' flows.csv
 * are checked to be byte-identical, so the walls are walls of one computation.
 * @throws Error if `copies` fails {@link checkCopies}, the scenario already has a
 *   `sweep` block, the sweep fails, or the copies' answers differ.
 */
export function warmWall(scenarioPath: string, copies: number, workDir: string, cli: readonly string[], root = process.cwd()): WarmWall {
  checkCopies(copies);
  const scenario = JSON.parse(readFileSync(scenarioPath, "utf8")) as Record<string, unknown>;
  if ("sweep" in scenario) throw new Error(`${scenarioPath}: already a study (it has a sweep block); give the plain case`);
  scenario.sweep = { vars: { copy: Array.from({ length: copies }, (_, i) => i + 1) } };
  // The copy number labels each run's name (run.json only): a study refuses a variable nothing reads.
  scenario.name = `${String(scenario.name ?? "case").replaceAll("${", "$${")}-copy-\${copy}`;
  const study = join(workDir, "warm-study.json");
  const out = join(workDir, "warm-runs");
  writeFileSync(study, JSON.stringify(scenario));
  rmSync(out, { recursive: true, force: true });
  const r = spawnSync(process.execPath, [...cli, "sweep", study, "--out", out, "--jobs", "1", "--quiet"], { encoding: "utf8", cwd: root });
  if (r.status !== 0) throw new Error(`chokepoint sweep failed on ${scenarioPath} (exit ${r.status}): ${r.stderr.trim()}`);
  // Run ids p<point>-r0 sort in run order (the point number is zero-padded to a common width).
  const runs = readdirSync(join(out, "runs")).sort();
  if (runs.length !== copies) throw new Error(`chokepoint sweep on ${scenarioPath} wrote ${runs.length} runs, expected ${copies}`);
  const first = readFileSync(join(out, "runs", runs[0], "flows.csv"));
  const runsS = runs.map((id) => {
    const dir = join(out, "runs", id);
    if (!readFileSync(join(dir, "flows.csv")).equals(first)) throw new Error(`${scenarioPath}: run ${id}'s flows.csv differs from run ${runs[0]}'s — the copies are not the same computation`);
    return (JSON.parse(readFileSync(join(dir, "run.json"), "utf8")) as { wall_s: number }).wall_s;
  });
  return { runsS, warmS: median(runsS.slice(1))! };
}


/**
 * `copies` (a number, or the text of compare.ts's --warm) as a number of runs.
 * @throws Error unless it is a whole number of at least 2 (one cold run, then warm ones).
 */
export function checkCopies(copies: number | string): number {
  const n = typeof copies === "number" ? copies : /^\d+$/.test(copies) ? Number(copies) : NaN;
  if (!Number.isInteger(n) || n < 2) throw new Error(`--warm takes a whole number of runs of at least 2 (one cold, then warm ones), got ${copies}`);
  return n;
}
