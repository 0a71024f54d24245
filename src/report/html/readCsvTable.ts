// readCsvTable: read one CSV of a run directory, or undefined when the run did not write it.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../core/InputError.js";
import { checkReportText } from "./checkReportText.js";
import { parseCsvText, type CsvTable } from "./parseCsvText.js";

/**
 * The table of `dir/name`, or undefined when that file does not exist. A file a run cannot
 * have written — empty, ending mid-line ({@link checkReportText}), or with a row whose cells
 * are not as many as the header's — is refused with an InputError naming it.
 */
export function readCsvTable(dir: string, name: string): CsvTable | undefined {
  const path = join(dir, name);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, "utf8");
  checkReportText(path, text);
  const table = parseCsvText(text);
  const bad = table.rows.findIndex((r) => r.length !== table.header.length);
  if (bad >= 0) {
    throw new InputError(
      `${path}: row ${bad + 1} has ${table.rows[bad].length} cells where the header has ${table.header.length} — the file was edited or is not a report; rerun the scenario to write it again`,
    );
  }
  return table;
}
