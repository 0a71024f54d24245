// writeAtomically: write a set of files into a staging directory and move them into an existing directory only if all succeed.
import { mkdtemp, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import { makeDirectories } from "./ensureWritableDirectory.js";
import { PARTIAL_ENTRY } from "./stagingTarget.js";

/** A file of a report set: its name in the output directory and how to write it at a path. */
export interface ReportFile {
  /** File name (no directory), e.g. "flows.csv". */
  name: string;
  /** Write the complete file at `path`; reject on failure. */
  write(path: string): Promise<void>;
}

/**
 * Write every file into a fresh staging directory `<outDir>/.partial-<pid>-XXXXXX` and,
 * once all of them are complete, rename each into `outDir` (replacing files of the same
 * name, leaving every other entry of `outDir` alone) and remove the staging directory. If
 * any writer fails, the staging directory is removed, nothing in `outDir` is touched
 * (previous complete results stay), and the error is rethrown. Files are written one
 * after the other, in the given order. Staging directories that killed processes left
 * (pid not alive, or this process's own) are removed first.
 *
 * Each file appears atomically, not the set: for a report set that must appear whole
 * (a run's reports), use `replaceDirectory` (StagedDirectory.ts) instead.
 */
export async function writeAtomically(outDir: string, files: readonly ReportFile[]): Promise<void> {
  const names = new Set<string>();
  for (const f of files) {
    if (names.has(f.name)) throw new Error(`writeAtomically: two files named "${f.name}"`);
    names.add(f.name);
  }
  await makeDirectories(outDir);
  for (const entry of await readdir(outDir)) {
    const m = PARTIAL_ENTRY.exec(entry);
    if (m && !aliveOtherProcess(Number(m[1]))) await rm(join(outDir, entry), { recursive: true, force: true });
  }
  const staging = await mkdtemp(join(outDir, `.partial-${process.pid}-`));
  try {
    for (const f of files) await f.write(join(staging, f.name));
    for (const f of files) await rename(join(staging, f.name), join(outDir, f.name));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/**
 * True when `pid` is a live process other than this one. A leftover carrying this
 * process's own pid came from an earlier process that had the same pid (containers reuse
 * small pids): one process never stages two writes of one directory at once.
 */
export function aliveOtherProcess(pid: number): boolean {
  if (pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}
