// StagedDirectory: build a directory's new contents beside it and swap them in with renames, recovering what a killed run left.
import { phaseMark } from "../core/phaseMark.js";
import { renameSync, rmdirSync, rmSync, writeSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { access, chmod, constants, lstat, mkdir, readdir, realpath, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { InputError } from "../core/InputError.js";
import { fileSystemReason, makeDirectories } from "./ensureWritableDirectory.js";
import { STAGED_ENTRY } from "./stagingTarget.js";
import { aliveOtherProcess, type ReportFile } from "./writeAtomically.js";

/** Options of {@link StagedDirectory.open}. */
export interface StagedDirectoryOptions {
  /**
   * Names of the files the target may already hold: the directory is replaced as a
   * whole, so an existing target holding anything else (a user's file, a folder) is
   * refused rather than deleted.
   */
  replaceable: Iterable<string>;
}

/**
 * What killed chokepoint processes leave inside a report directory, never the user's: the
 * staging directories of older versions (`.partial-<pid>-XXXXXX`) and a study's
 * half-written failure note (`.failed.<pid>.tmp`, renamed to failed.txt when complete).
 */
const LEFTOVERS = /^(\.partial-\d+-[A-Za-z0-9]{6}|\.failed\.\d+\.tmp)$/;

/**
 * The new contents of a directory, staged next to it and swapped in whole, so that
 * whenever the process is killed the directory holds either its earlier complete
 * contents or the new complete contents.
 *
 * For a target `P/out`, everything happens in `P/.out.staging/`:
 * 1. {@link open} makes `partial-<pid>-XXXXXX` there (XXXXXX random) (which proves that the target can
 *    be written, before any long work) and the caller's files are written into it;
 * 2. {@link commit} renames it to `ready-<pid>-XXXXXX` (the new set is complete), renames
 *    `P/out` to `old-<pid>-XXXXXX`, renames the ready directory to `P/out`, then deletes
 *    the old one and the staging folder.
 *
 * POSIX cannot exchange two non-empty directories in one rename, so between the two
 * renames of step 2 (a few microseconds) `P/out` does not exist. A process killed right
 * there leaves the complete new set as `ready-…`; the next {@link open} of the same
 * target moves it into place before anything else. Every `open` first removes what killed
 * processes left (entries whose pid is not alive, or is this process's own pid, since
 * one process never writes one target twice at once), so nothing stays behind for long.
 */
export class StagedDirectory {
  private done = false;

  private constructor(
    /** The directory replaced on commit (absolute; a symbolic link's target). */
    readonly target: string,
    /** The staging directory the files go to. */
    readonly path: string,
    private readonly stagingRoot: string,
    private readonly stepHook: TestStepHook | undefined,
  ) {}

  /**
   * Finish or clear what killed processes left next to `outDir`, check that `outDir` can
   * be replaced (absent, or a directory holding only `replaceable` names, on the same file
   * system as its parent, writable) and create a fresh staging directory. Every problem
   * with the path (a file in the way, no permission, a read-only or virtual file system)
   * is an InputError naming `outDir`.
   */
  static async open(outDir: string, options: StagedDirectoryOptions): Promise<StagedDirectory> {
    const fail = (reason: string): never => {
      throw new InputError(`cannot write reports to ${outDir}: ${reason}`);
    };
    try {
      let target = resolve(outDir);
      const link = await lstatOrUndefined(target);
      if (link?.isSymbolicLink()) target = await realpath(target).catch(() => fail("it is a symbolic link to nothing"));
      const parent = dirname(target);
      if (parent === target) fail("the root directory cannot be replaced");
      await makeDirectories(parent);
      const stagingRoot = join(parent, `.${basename(target)}.staging`);
      await recover(stagingRoot, target);
      const existing = await lstatOrUndefined(target);
      if (existing) {
        if (!existing.isDirectory()) fail("it is a file, not a directory");
        if (existing.dev !== (await stat(parent)).dev) {
          fail("it is a mount point, and reports replace their directory as a whole — give a directory inside it");
        }
        const known = new Set(options.replaceable);
        for (const entry of await readdir(target, { withFileTypes: true })) {
          if (LEFTOVERS.test(entry.name)) continue;
          if (!known.has(entry.name) || !entry.isFile()) {
            fail(
              `it holds "${entry.name}", which is not a chokepoint report, and a run replaces its whole directory` +
                " — give a new or empty directory",
            );
          }
        }
        await access(target, constants.W_OK | constants.X_OK);
      }
      const path = await makeStaging(stagingRoot, existing ? existing.mode & 0o7777 : undefined);
      const staged = new StagedDirectory(target, path, stagingRoot, TestStepHook.fromEnvironment());
      await staged.step("opened");
      return staged;
    } catch (err) {
      if (err instanceof InputError) throw err;
      const reason = fileSystemReason(err);
      if (reason !== undefined) fail(reason);
      throw err;
    }
  }

  /** Write `files` into the staging directory, one after the other, in order; `interruption.check()` before each (it throws to stop). */
  async write(files: readonly ReportFile[], interruption?: { check(): void }): Promise<void> {
    const names = new Set<string>();
    for (const f of files) {
      if (names.has(f.name)) throw new Error(`StagedDirectory: two files named "${f.name}"`);
      names.add(f.name);
    }
    for (const f of files) {
      interruption?.check();
      await f.write(join(this.path, f.name));
      phaseMark(f.name);
      await this.step(`wrote ${f.name}`);
    }
  }

  /**
   * Swap the staged contents in place of the target (see the class comment), then remove the
   * earlier contents. Synchronous calls (awaited only for the tests' step hook): an awaited
   * rename waits for a libuv worker thread and an event-loop turn, and the first turn after a
   * large run's reports runs the old-generation collection V8 has posted as a task (a
   * mark-compact of ~25 ms after the k=16 20,000-transfer run), which a process about to
   * exit need not make (see src/cli/commandSettled.ts).
   */
  async commit(): Promise<void> {
    if (this.done) throw new Error("StagedDirectory: already committed or discarded");
    this.done = true;
    const ready = join(this.stagingRoot, basename(this.path).replace(/^partial-/, "ready-"));
    renameSync(this.path, ready);
    await this.step("ready");
    const old = join(this.stagingRoot, basename(this.path).replace(/^partial-/, "old-"));
    let hadOld = true;
    try {
      renameSync(this.target, old);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      hadOld = false;
    }
    await this.step("moved the earlier contents aside");
    renameSync(ready, this.target);
    await this.step("moved the new contents in");
    // Synchronous: an awaited recursive rm waits for a worker thread per file it unlinks.
    if (hadOld) rmSync(old, { recursive: true, force: true });
    removeIfEmpty(this.stagingRoot);
    await this.step("removed the earlier contents");
  }

  /**
   * Write `files` into the staging directory and swap it in; on failure, or when
   * `interruption.check()` throws (before each file and before the swap, never during it),
   * discard it (the target keeps its earlier contents) and rethrow. `settle` (which must not
   * throw) is called before the discard: it waits for files written by another thread.
   */
  async writeAndCommit(files: readonly ReportFile[], interruption?: { check(): void }, settle?: () => void): Promise<void> {
    try {
      await this.write(files, interruption);
      interruption?.check();
    } catch (err) {
      // A file another thread is writing into the staging directory must be finished before it is removed.
      settle?.();
      await this.discard();
      throw err;
    }
    await this.commit();
  }

  /** Remove the staging directory, leaving the target as it was. */
  async discard(): Promise<void> {
    if (this.done) return;
    this.done = true;
    await rm(this.path, { recursive: true, force: true });
    removeIfEmpty(this.stagingRoot);
  }

  private async step(label: string): Promise<void> {
    if (this.stepHook) await this.stepHook.at(label);
  }
}

/** Replace `outDir` with exactly `files` (see {@link StagedDirectory}); on failure `outDir` keeps its earlier contents and the error is rethrown. */
export async function replaceDirectory(outDir: string, files: readonly ReportFile[], options: StagedDirectoryOptions): Promise<void> {
  await (await StagedDirectory.open(outDir, options)).writeAndCommit(files);
}

/** Finish or clear the staging folder that killed processes left for `target` (see {@link StagedDirectory}). */
export async function recoverDirectory(outDir: string): Promise<void> {
  const target = resolve(outDir);
  await recover(join(dirname(target), `.${basename(target)}.staging`), target);
}

async function recover(stagingRoot: string, target: string): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(stagingRoot);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return;
    throw err;
  }
  const stale = entries.filter((e) => {
    const m = STAGED_ENTRY.exec(e);
    return m !== null && !aliveOtherProcess(Number(m[2]));
  });
  if (!(await lstatOrUndefined(target))) {
    // Killed between the two renames of a commit: the new set is complete, put it in place.
    const ready = stale.filter((e) => e.startsWith("ready-")).sort();
    const earlier = stale.filter((e) => e.startsWith("old-")).sort();
    const put = ready.at(-1) ?? earlier.at(-1);
    if (put !== undefined) {
      await rename(join(stagingRoot, put), target);
      stale.splice(stale.indexOf(put), 1);
    }
  }
  for (const e of stale) await rm(join(stagingRoot, e), { recursive: true, force: true });
  removeIfEmpty(stagingRoot);
}

/**
 * Make `<stagingRoot>/partial-<pid>-XXXXXX`. Not with mkdtemp, whose mode 0700 would
 * become the output directory's: a plain mkdir follows the umask like any directory the
 * user makes (and `mode`, the earlier directory's, is kept when there was one).
 */
async function makeStaging(stagingRoot: string, mode: number | undefined): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    try {
      await mkdir(stagingRoot);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    const path = join(stagingRoot, `partial-${process.pid}-${randomSuffix()}`);
    try {
      await mkdir(path);
      if (mode !== undefined) await chmod(path, mode);
      return path;
    } catch (err) {
      // EEXIST: the random suffix is taken; ENOENT: a concurrent writer's commit removed the empty staging folder.
      const code = (err as NodeJS.ErrnoException).code;
      if (!(code === "EEXIST" || code === "ENOENT") || attempt >= 8) throw err;
    }
  }
}

/** Six characters from [A-Za-z0-9], as mkdtemp uses. */
function randomSuffix(): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  return Array.from(randomBytes(6), (b) => alphabet[b % alphabet.length]).join("");
}

async function lstatOrUndefined(path: string) {
  try {
    return await lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

/** Remove `dir` if it is empty (a synchronous call: one directory entry, and the commit's last step waits for no worker thread). */
function removeIfEmpty(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {
    // Not empty (another writer is staging there) or already gone.
  }
}

/**
 * For tests that kill a run at each step of the swap (never set outside tests): when
 * CHOKEPOINT_TEST_STEP_DELAY_MS or CHOKEPOINT_TEST_STEP_PAUSE_AT is set, every step prints
 * "chokepoint-test-step <label>" on stderr, then waits that many milliseconds, or, at the
 * PAUSE_AT-th step (from 1), waits until the process is killed.
 */
class TestStepHook {
  private count = 0;

  private constructor(
    private readonly delayMs: number,
    private readonly pauseAt: number,
  ) {}

  static fromEnvironment(): TestStepHook | undefined {
    const delay = process.env.CHOKEPOINT_TEST_STEP_DELAY_MS;
    const pause = process.env.CHOKEPOINT_TEST_STEP_PAUSE_AT;
    if (delay === undefined && pause === undefined) return undefined;
    return new TestStepHook(Number(delay ?? 0) || 0, Number(pause ?? 0) || 0);
  }

  async at(label: string): Promise<void> {
    writeSync(2, `chokepoint-test-step ${label}\n`);
    if (++this.count === this.pauseAt) await new Promise(() => setInterval(() => {}, 1000));
    if (this.delayMs > 0) await sleep(this.delayMs);
  }
}
