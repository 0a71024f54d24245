// sweepCommand: `chokepoint sweep <study>` and `chokepoint merge` — options, sharding from the environment, progress.
import { availableParallelism } from "node:os";
import { basename, join } from "node:path";
import { rmdir } from "node:fs/promises";
import { InputError } from "../core/InputError.js";
import { Interruption } from "../core/Interruption.js";
import { ensureWritableDirectory } from "../report/ensureWritableDirectory.js";
import { refuseRunDirectory } from "./refuseRunDirectory.js";
import { listRunIds } from "../sweep/listRunIds.js";
import { mergeStudies } from "../sweep/mergeStudies.js";
import { runStudy } from "../sweep/runStudy.js";
import type { CliIo } from "./cli.js";

/** Options of `chokepoint sweep` as given on the command line. */
export interface SweepFlags {
  out?: string;
  jobs?: string;
  dryRun: boolean;
  filter?: string;
  shard?: string;
  shards?: string;
  quiet: boolean;
  /** --retry-failed: run again the runs a previous invocation recorded as failed. */
  retryFailed: boolean;
  version: string;
}

/** Options of `chokepoint merge` as given on the command line. */
export interface MergeFlags {
  out?: string;
  /** --allow-partial: merge even when runs of the study are missing. */
  allowPartial: boolean;
}

/**
 * Run a study; resolves to the exit code (0 even when some runs failed: they are data in
 * sweep.csv). A first SIGINT or SIGTERM stops it cleanly (see runStudy's `interruption`):
 * one line says how many runs were kept, and the code is 128 + the signal's number.
 */
export async function sweepCommand(file: string, flags: SweepFlags, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const jobs = flags.jobs === undefined ? availableParallelism() : wholeNumber("--jobs", flags.jobs, 1);
  const heap = env.CHOKEPOINT_WORKER_MEMORY_MB;
  const workerHeapMb = heap === undefined ? undefined : wholeNumber("CHOKEPOINT_WORKER_MEMORY_MB", heap, 16);
  const shard = shardOf(flags, env);
  const outDir = flags.out ?? join("results", basename(file).replace(/\.(ya?ml|json)$/i, ""));
  if (!flags.dryRun) refuseRunDirectory(outDir, "the study");
  const created = flags.dryRun ? undefined : await ensureWritableDirectory(outDir, "the study");
  const started = Date.now();
  const tty = !flags.quiet && io.stderr.isTTY === true;
  const interruption = flags.dryRun ? undefined : Interruption.watch();
  const result = await runStudy(file, {
    outDir,
    jobs,
    dryRun: flags.dryRun,
    filter: flags.filter,
    shard,
    retryFailed: flags.retryFailed ?? false,
    ...(workerHeapMb !== undefined && { workerHeapMb }),
    version: flags.version,
    print: (text) => io.stdout.write(text),
    warn: (text) => io.stderr.write(`chokepoint: ${text}`),
    onProgress: tty ? (done, total, reused) => (io.progress ?? io.stderr).write(`\r${progressBar(done, total, reused, Date.now() - started)}\x1b[K`) : undefined,
    ...(interruption && { interruption }),
  })
    .catch(async (err: unknown) => {
      if (err instanceof InputError) await created?.undo(); // a refused study writes nothing
      throw err;
    })
    .finally(() => interruption?.dispose());
  if (tty) (io.progress ?? io.stderr).write("\r\x1b[K");
  if (result.interrupted) {
    const kept = result.kept ?? 0;
    if (kept === 0 && created) {
      // A study directory this sweep made and that holds no run: take it back.
      await rmdir(join(outDir, "runs")).catch(() => {});
      await created.undo();
    }
    io.stderr.write(
      `chokepoint: ${result.interrupted.message} — ${kept} of ${result.selected} runs kept` +
        (kept > 0 ? ` in ${join(outDir, "runs")}; rerun the same command to resume` : "") +
        "\n",
    );
    return result.interrupted.exitCode;
  }
  if (!flags.dryRun && !flags.quiet) {
    const total = result.ok + result.failed;
    io.stdout.write(
      `${total} runs${shard ? ` (shard ${shard.index}/${shard.count})` : ""}: ${result.ok} ok, ${result.failed} failed` +
        (result.reused > 0 ? ` (reused ${result.reused} of ${total} runs from an earlier sweep, ran ${total - result.reused})` : "") +
        ` in ${((Date.now() - started) / 1000).toFixed(1)} s → ${join(outDir, "sweep.csv")}, sweep-summary.csv\n`,
    );
  }
  return 0;
}

/**
 * Merge shard directories; resolves to the exit code. Runs of the study missing from every
 * directory are bad input (exit 2, naming them) unless `allowPartial`, which merges what is
 * there and names the missing runs on stderr.
 */
export async function mergeCommand(dirs: string[], flags: MergeFlags, io: CliIo): Promise<number> {
  const out = flags.out;
  if (!out) throw new InputError("merge needs --out DIR, the directory that receives the merged sweep.csv");
  refuseRunDirectory(out, "the merged study");
  const created = await ensureWritableDirectory(out, "the merged study");
  const { merged, expected, missing } = await mergeStudies(dirs, out, flags.allowPartial ?? false).catch(async (err: unknown) => {
    if (err instanceof InputError) await created.undo();
    throw err;
  });
  if (missing.length > 0) {
    io.stderr.write(`chokepoint: merge: --allow-partial: ${missing.length} of the study's ${expected} runs are missing: ${listRunIds(missing)}\n`);
  }
  const of = expected !== undefined && expected !== merged ? ` of ${expected}` : "";
  io.stdout.write(`merged ${merged}${of} runs from ${dirs.length} director${dirs.length === 1 ? "y" : "ies"} → ${join(out, "sweep.csv")}\n`);
  return 0;
}

/**
 * "[#####.....] 12/40 30% ETA 1m20s", and " — reused 8 of 40 runs" when an earlier sweep
 * had done some: the ETA is from the runs this sweep ran (reused ones took no time).
 */
export function progressBar(done: number, total: number, reused: number, elapsedMs: number): string {
  const width = 24;
  const filled = total > 0 ? Math.round((done / total) * width) : width;
  const ran = done - reused;
  const eta = ran > 0 && done < total ? ` ETA ${duration(((total - done) * elapsedMs) / ran)}` : "";
  const kept = reused > 0 ? ` — reused ${reused} of ${total} runs` : "";
  return `  [${"#".repeat(filled)}${".".repeat(width - filled)}] ${done}/${total} ${total > 0 ? Math.floor((100 * done) / total) : 100}%${eta}${kept}`;
}

function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/** --shard i/n, else SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT, else JOB_COMPLETION_INDEX with --shards N or CHOKEPOINT_SHARDS. */
function shardOf(flags: SweepFlags, env: NodeJS.ProcessEnv): { index: number; count: number } | undefined {
  let index: number;
  let count: number;
  let source: string; // where i/n came from, for the message
  if (flags.shard !== undefined) {
    source = `--shard ${flags.shard}`;
    const m = /^(\d+)\/(\d+)$/.exec(flags.shard);
    if (!m) throw new InputError(`--shard must look like i/n (e.g. 0/4), found "${flags.shard}"`);
    [index, count] = [Number(m[1]), Number(m[2])];
  } else if (env.SLURM_ARRAY_TASK_ID !== undefined && env.SLURM_ARRAY_TASK_COUNT !== undefined) {
    // Slurm numbers array tasks from SLURM_ARRAY_TASK_MIN (usually 0; the example script uses --array=0-N).
    const min = Number(env.SLURM_ARRAY_TASK_MIN ?? 0);
    source = `SLURM_ARRAY_TASK_ID=${env.SLURM_ARRAY_TASK_ID} (SLURM_ARRAY_TASK_MIN=${min}), SLURM_ARRAY_TASK_COUNT=${env.SLURM_ARRAY_TASK_COUNT}`;
    index = wholeNumber("SLURM_ARRAY_TASK_ID", env.SLURM_ARRAY_TASK_ID, 0) - min;
    count = wholeNumber("SLURM_ARRAY_TASK_COUNT", env.SLURM_ARRAY_TASK_COUNT, 1);
  } else if (env.JOB_COMPLETION_INDEX !== undefined) {
    const shards = flags.shards ?? env.CHOKEPOINT_SHARDS;
    if (shards === undefined) {
      throw new InputError("JOB_COMPLETION_INDEX is set but not the number of shards: give --shards N (the Job's completions) or CHOKEPOINT_SHARDS");
    }
    source = `JOB_COMPLETION_INDEX=${env.JOB_COMPLETION_INDEX} of ${shards} shards`;
    index = wholeNumber("JOB_COMPLETION_INDEX", env.JOB_COMPLETION_INDEX, 0);
    count = wholeNumber("--shards", shards, 1);
  } else return undefined;
  if (count < 1) throw new InputError(`${source}: the number of shards n must be ≥ 1, found ${count}`);
  if (!(index >= 0 && index < count)) throw new InputError(`${source}: shard ${index} of ${count} — i must be from 0 to ${count - 1}`);
  return { index, count };
}

/** `text` as a whole number ≥ `min`, or an InputError naming `name`. */
export function wholeNumber(name: string, text: string, min: number): number {
  if (!/^\d+$/.test(text.trim()) || Number(text) < min) throw new InputError(`${name} must be a whole number ≥ ${min}, found "${text}"`);
  return Number(text);
}
