// benchTable: print benchmark rows as an aligned table and write them to a CSV file atomically.
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/** One row of a benchmark table: a value per column name. */
export type BenchRow = Readonly<Record<string, string | number>>;

/**
 * Print `rows` to stdout as a table with the given `columns` (in order), then write the
 * same rows to `csvPath` as CSV with exactly those columns.
 *
 * The CSV is written to a temporary file in the same directory and renamed over the
 * target, so a reader never sees a half-written file; the directory is created if
 * missing. Values are written as given (round numbers before passing them in).
 */
export function benchTable(columns: readonly string[], rows: readonly BenchRow[], csvPath: string): void {
  const cells = rows.map((row) => columns.map((c) => cellText(row[c], c)));
  const widths = columns.map((c, j) => cells.reduce((w, r) => Math.max(w, r[j].length), c.length));
  const line = (values: readonly string[]) => values.map((v, j) => v.padStart(widths[j])).join("  ");
  process.stdout.write(`${line(columns)}\n${cells.map(line).join("\n")}\n`);

  const dir = dirname(csvPath);
  mkdirSync(dir, { recursive: true });
  const csv = [columns.join(","), ...cells.map((r) => r.map(csvField).join(","))].join("\n") + "\n";
  const tmpPath = join(dir, `.${basename(csvPath)}.${process.pid}.tmp`);
  writeFileSync(tmpPath, csv);
  renameSync(tmpPath, csvPath);
}

function cellText(value: string | number | undefined, column: string): string {
  if (value === undefined) throw new Error(`benchTable: row has no value for column "${column}"`);
  return String(value);
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
