// readCsv: read a CSV file with a header row into objects, with fast-csv.
import { createReadStream } from "node:fs";
import { parse } from "fast-csv";

/** The rows of the CSV file at `path` as objects keyed by its header, values as written. */
export function readCsv(path: string): Promise<Array<Record<string, string>>> {
  return new Promise((resolve, reject) => {
    const rows: Array<Record<string, string>> = [];
    createReadStream(path)
      .on("error", reject)
      .pipe(parse({ headers: true }))
      .on("error", reject)
      .on("data", (row: Record<string, string>) => rows.push(row))
      .on("end", () => resolve(rows));
  });
}
