// writeCsv: stream rows to a CSV file with fast-csv, with backpressure, resolving once the file is closed.
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { format } from "fast-csv";

/**
 * Write `headers` then every row of `rows` (already formatted cells) to `path`. Rows are
 * pulled lazily, so a million-row report never sits in memory; cells containing commas,
 * quotes or newlines are quoted by fast-csv. Lines end with "\n", including the last one.
 * Rejects (and leaves a partial file behind) if the iterable throws or the disk fails:
 * callers that need all-or-nothing write into a staging directory (see writeAtomically).
 */
export async function writeCsv(path: string, headers: readonly string[], rows: Iterable<readonly string[]>): Promise<void> {
  await pipeline(
    Readable.from(rows, { objectMode: true }),
    format({ headers: [...headers], alwaysWriteHeaders: true, includeEndRowDelimiter: true, rowDelimiter: "\n" }),
    createWriteStream(path),
  );
}
