// readCsvColumns: read chosen columns of one CSV of a run directory, or undefined when the run did not write it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvColumns, type CsvColumns } from "./parseCsvColumns.js";

/** The columns `textColumns` and `numberColumns` of `dir/name` (see parseCsvColumns), or undefined when that file does not exist. */
export function readCsvColumns(dir: string, name: string, textColumns: readonly string[], numberColumns: readonly string[]): CsvColumns | undefined {
  const path = join(dir, name);
  if (!existsSync(path)) return undefined;
  return parseCsvColumns(readFileSync(path, "utf8"), textColumns, numberColumns);
}
