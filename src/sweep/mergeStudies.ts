// mergeStudies: combine the sweep.csv of shard directories into one study table, as a single-machine run writes it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../core/InputError.js";
import { readCsv } from "../report/readCsv.js";
import { writeStudyCsvs } from "./runStudy.js";

/**
 * Read `<dir>/sweep.csv` of every shard directory, check they come from one study (same
 * columns), and write the union, in run order (point, then repetition), with its
 * sweep-summary.csv into `outDir` — byte-identical to what one machine running the whole
 * study writes. A run present in two shards must have identical rows.
 */
export async function mergeStudies(dirs: readonly string[], outDir: string): Promise<number> {
  if (dirs.length === 0) throw new InputError("merge: give at least one study directory");
  let header: string[] | undefined;
  const byId = new Map<string, string[]>();
  for (const dir of dirs) {
    const path = join(dir, "sweep.csv");
    if (!existsSync(path)) throw new InputError(`merge: ${path} does not exist (is ${dir} a study directory?)`);
    const rows = await readCsv(path);
    const cols = rows.length > 0 ? Object.keys(rows[0]) : undefined;
    if (!cols) continue;
    if (!header) header = cols;
    else if (cols.join(",") !== header.join(",")) {
      throw new InputError(`merge: ${path} has other columns than the first directory's sweep.csv (another study?)`);
    }
    for (const row of rows) {
      const cells = header.map((h) => row[h]);
      const seen = byId.get(row.run_id);
      if (seen && seen.join("\u0000") !== cells.join("\u0000")) {
        throw new InputError(`merge: run ${row.run_id} differs between two directories`);
      }
      byId.set(row.run_id, cells);
    }
  }
  if (!header) throw new InputError("merge: every sweep.csv is empty");
  const point = header.indexOf("point");
  const rep = header.indexOf("repetition");
  const rows = [...byId.values()].sort((a, b) => Number(a[point]) - Number(b[point]) || Number(a[rep]) - Number(b[rep]));
  const names = header.slice(2, header.indexOf("repetition"));
  await writeStudyCsvs(outDir, header, rows, names, header.slice(header.indexOf("message") + 1));
  return rows.length;
}
