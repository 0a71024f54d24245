// readCsvColumns: read chosen columns of one CSV of a run directory, or undefined when the run did not write it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkReportText } from "./checkReportText.js";
import { parseCsvColumns, type CsvColumns } from "./parseCsvColumns.js";

/** The columns `textColumns` and `numberColumns` of `dir/name` (see parseCsvColumns), or undefined when that file does not exist; an empty file or one ending mid-line is refused ({@link checkReportText}). */
export function readCsvColumns(dir: string, name: string, textColumns: readonly string[], numberColumns: readonly string[]): CsvColumns | undefined {
  const path = join(dir, name);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, "utf8");
  checkReportText(path, text);
  return parseCsvColumns(text, textColumns, numberColumns);
}
