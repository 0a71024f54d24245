// compareCommand: `chokepoint compare DIR_A DIR_B [DIR_C …] --out OUT [--target T]` — compare.html and compare.csv for two or more runs.
import { InputError } from "../core/InputError.js";
import { writeComparison } from "../report/html/writeComparison.js";
import type { CliIo } from "./cli.js";

/** Options of `chokepoint compare`. */
export interface CompareCommandOptions {
  /** The directory that receives compare.html and compare.csv (required). */
  out?: string;
  /** Targets, comma-separated: "fct_p99_s<=0.01,gpu_utilization>=0.9". */
  target?: string;
  quiet: boolean;
}

/**
 * Compare the runs in `dirs` (run directories; the first is the reference) and write
 * OUT/compare.html and OUT/compare.csv; resolves to the exit code. Prints the verdict's
 * sentences and the files written unless `quiet`.
 */
export async function compareCommand(dirs: readonly string[], options: CompareCommandOptions, io: CliIo): Promise<number> {
  if (options.out === undefined) throw new InputError(`"chokepoint compare" needs --out DIR, the directory for compare.html and compare.csv`);
  const data = await writeComparison(dirs, options.out, options.target);
  if (!options.quiet) {
    io.stdout.write(`${data.sentences.join("\n")}\ncompare: ${options.out}/compare.html (${(data.htmlBytes / 1e6).toFixed(2)} MB), ${options.out}/compare.csv (${data.rows.length} rows)\n`);
  }
  return 0;
}
