// reportCommand: `chokepoint report DIR [--out FILE]` — write a run's or a study's HTML report from its CSVs.
import { existsSync, statSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../core/InputError.js";
import { isStudyDirectory } from "../report/html/isStudyDirectory.js";
import { readRunReport } from "../report/html/readRunReport.js";
import { readStudyReport } from "../report/html/readStudyReport.js";
import { renderStudyHtml } from "../report/html/renderStudyHtml.js";
import { renderRunReportHtml } from "../report/html/renderRunReportHtml.js";
import { chartLibraryScripts } from "../report/html/chartLibraryScripts.js";
import { refuseStagingDirectory } from "../report/stagingTarget.js";
import { writeAtomically } from "../report/writeAtomically.js";
import type { CliIo } from "./cli.js";

/** Options of `chokepoint report`. */
export interface ReportCommandOptions {
  /** The page's path; default `<dir>/report.html`. */
  out?: string;
  /** A study's page: the metrics to chart, comma-separated (default: every headline metric the study has). */
  metric?: string;
  quiet: boolean;
}

/**
 * Read the run directory `dir` — or the study directory, when it holds sweep-summary.csv —
 * and write its report page (one self-contained HTML file) to `options.out` or
 * `dir/report.html`; resolves to the exit code. Only that file is
 * written (atomically: a reader sees the earlier page or the new one); the CSVs are read,
 * never changed. A directory that holds no run reports, or an output path in a missing
 * directory or naming a directory, is an InputError.
 */
export async function reportCommand(dir: string, options: ReportCommandOptions, io: CliIo): Promise<number> {
  refuseStagingDirectory(dir);
  const study = existsSync(dir) && isStudyDirectory(dir);
  if (options.metric !== undefined && !study) throw new InputError(`--metric chooses the charts of a study's page, and ${dir} holds a run's reports, not a study's (no sweep-summary.csv)`);
  const metrics = options.metric?.split(",").map((m) => m.trim());
  const html = study ? renderStudyHtml(readStudyReport(dir, metrics), chartLibraryScripts()) : renderRunReportHtml(readRunReport(dir), chartLibraryScripts());
  const out = options.out ?? join(dir, "report.html");
  if (existsSync(out) && statSync(out).isDirectory()) throw new InputError(`--out ${out} is a directory — give the path of the HTML file to write`);
  if (!existsSync(dirname(resolve(out)))) throw new InputError(`cannot write ${out}: the directory ${dirname(out)} does not exist`);
  await writeAtomically(dirname(resolve(out)), [{ name: basename(out), write: (p) => writeFile(p, html) }]);
  if (!options.quiet) io.stdout.write(`report: ${out} (${(Buffer.byteLength(html) / 1e6).toFixed(2)} MB)\n`);
  return 0;
}
