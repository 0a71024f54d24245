// readCsvTable: read one CSV of a run directory, or undefined when the run did not write it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCsvText, type CsvTable } from "./parseCsvText.js";

/** The table of `dir/name`, or undefined when that file does not exist. */
export function readCsvTable(dir: string, name: string): CsvTable | undefined {
  const path = join(dir, name);
  if (!existsSync(path)) return undefined;
  return parseCsvText(readFileSync(path, "utf8"));
}
