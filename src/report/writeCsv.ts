// writeCsv: stream rows to a CSV file with fast-csv, with backpressure, resolving once the file is closed.
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { csvSafeCell, isFormulaLike } from "./csvSafeCell.js";

/**
 * Write `headers` then every row of `rows` (already formatted cells) to `path`. Rows are
 * pulled lazily, so a million-row report never sits in memory; cells containing commas,
 * quotes or newlines are quoted by fast-csv. Lines end with "\n", including the last one.
 * Every report goes through here, so this is where text cells that a spreadsheet would
 * evaluate as a formula (an id such as `=1+2` or `@SUM(A1)`) are neutralised with a leading
 * `'` ({@link csvSafeCell}); numbers such as `-1.5` are written as they are.
 * Rejects (and leaves a partial file behind) if the iterable throws or the disk fails:
 * callers that need all-or-nothing write into a staging directory (see writeAtomically).
 */
export async function writeCsv(path: string, headers: readonly string[], rows: Iterable<readonly string[]>): Promise<void> {
  // Imported here: a run writes its reports with CsvWriter and so never loads fast-csv.
  const { format } = await import("fast-csv");
  await pipeline(
    Readable.from(safeRows(rows), { objectMode: true }),
    format({ headers: headers.map(csvSafeCell), alwaysWriteHeaders: true, includeEndRowDelimiter: true, rowDelimiter: "\n" }),
    createWriteStream(path),
  );
}

/** The rows with formula-like cells neutralised; a row with none is passed on as it is (no copy). */
function* safeRows(rows: Iterable<readonly string[]>): Generator<readonly string[]> {
  for (const row of rows) yield row.some(isFormulaLike) ? row.map(csvSafeCell) : row;
}
