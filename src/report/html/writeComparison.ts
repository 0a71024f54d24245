// writeComparison: write compare.html and compare.csv for two or more runs' directories into OUT.
import { writeFile } from "node:fs/promises";
import { writeAtomically } from "../writeAtomically.js";
import { writeCsv } from "../writeCsv.js";
import { chartLibraryScripts } from "./chartLibraryScripts.js";
import type { CompareData } from "./CompareData.js";
import { COMPARE_CSV_HEADERS, compareCsvRows } from "./compareCsvRows.js";
import { readComparison } from "./readComparison.js";
import { renderCompareHtml } from "./renderCompareHtml.js";

/**
 * Compare the runs in `dirs` (readComparison, with `targets` as `--target` gives them) and
 * write `outDir/compare.csv` and `outDir/compare.html` (each by a rename; other files of
 * `outDir` are left alone; the run directories are only read). Returns the comparison.
 */
export async function writeComparison(dirs: readonly string[], outDir: string, targets?: string): Promise<CompareData & { htmlBytes: number }> {
  const data = readComparison(dirs, targets);
  const html = renderCompareHtml(data, chartLibraryScripts());
  await writeAtomically(outDir, [
    { name: "compare.csv", write: (p) => writeCsv(p, COMPARE_CSV_HEADERS, compareCsvRows(data.rows)) },
    { name: "compare.html", write: (p) => writeFile(p, html) },
  ]);
  return { ...data, htmlBytes: Buffer.byteLength(html) };
}
