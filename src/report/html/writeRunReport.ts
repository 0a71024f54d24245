// writeRunReport: write report.html for a run's report directory, from its CSVs alone.
import { writeFile } from "node:fs/promises";
import { chartLibraryScripts } from "./chartLibraryScripts.js";
import { readRunReport } from "./readRunReport.js";
import { renderRunReportHtml } from "./renderRunReportHtml.js";

/** What {@link writeRunReport} wrote. */
export interface WrittenRunReport {
  path: string;
  sizeBytes: number;
}

/**
 * Read the reports in `dir` (readRunReport) and write the page to `path` (only that
 * file: the CSVs are read, never written). Throws InputError when `dir` holds no run
 * reports.
 */
export async function writeRunReport(dir: string, path: string): Promise<WrittenRunReport> {
  const html = renderRunReportHtml(readRunReport(dir), chartLibraryScripts());
  await writeFile(path, html);
  return { path, sizeBytes: Buffer.byteLength(html) };
}
