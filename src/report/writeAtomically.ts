// writeAtomically: write a set of files into a staging directory and move them into place only if all succeed.
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import { join } from "node:path";

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
 * name) and remove the staging directory. If any writer fails, the staging directory is
 * removed, nothing in `outDir` is touched (previous complete results stay), and the
 * error is rethrown. Files are written one after the other, in the given order.
 */
export async function writeAtomically(outDir: string, files: readonly ReportFile[]): Promise<void> {
  const names = new Set<string>();
  for (const f of files) {
    if (names.has(f.name)) throw new Error(`writeAtomically: two files named "${f.name}"`);
    names.add(f.name);
  }
  await mkdir(outDir, { recursive: true });
  const staging = await mkdtemp(join(outDir, `.partial-${process.pid}-`));
  try {
    for (const f of files) await f.write(join(staging, f.name));
    for (const f of files) await rename(join(staging, f.name), join(outDir, f.name));
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
