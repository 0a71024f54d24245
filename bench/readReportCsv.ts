// readReportCsv: read one of chokepoint's own CSV reports synchronously into rows keyed by column.
import { readFileSync } from "node:fs";

/**
 * Rows of a report CSV as objects keyed by its header. For chokepoint's numeric reports
 * (flows.csv, links.csv, summary.csv, …) whose ids contain no commas or quotes: no quoting
 * is handled. The engine's reader of arbitrary CSV is src/report/readCsv.ts (fast-csv, async).
 */
export function readReportCsv(path: string): Array<Record<string, string>> {
  const [header, ...rows] = readFileSync(path, "utf8").split("\n").filter((l) => l !== "");
  const keys = header.split(",");
  return rows.map((row) => {
    const cells = row.split(",");
    return Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? ""]));
  });
}
