// mergeStudies: combine the sweep.csv of shard directories into one study table, as a single-machine run writes it, refusing gaps.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../core/InputError.js";
import { readCsv } from "../report/readCsv.js";
import { listRunIds } from "./listRunIds.js";
import { writeStudyCsvs } from "./runStudy.js";
import { readStudyInfo, selectedRunIds, STUDY_INFO_FILE, type StudyInfo } from "./StudyInfo.js";


/** What {@link mergeStudies} merged. */
export interface MergeOutcome {
  /** Runs written to the merged sweep.csv. */
  merged: number;
  /** Runs the study selects (unknown when a directory has no study.json and `allowPartial`). */
  expected?: number;
  /** Run ids of the study absent from every directory (only with `allowPartial`). */
  missing: string[];
}

/**
 * Read `<dir>/sweep.csv` and `<dir>/study.json` of every shard directory, check they come
 * from one study (same study.json apart from the shard, same columns), and write the
 * union, in run order (point, then repetition), with its sweep-summary.csv and study.json
 * into `outDir` — byte-identical to what one machine running the whole study writes. A
 * run present in two shards must have identical rows. Every run the study selects must be
 * present: otherwise an {@link InputError} names the missing runs (and the shards not
 * given), unless `allowPartial`, which merges what is there and returns the missing ids.
 */
export async function mergeStudies(dirs: readonly string[], outDir: string, allowPartial = false): Promise<MergeOutcome> {
  if (dirs.length === 0) throw new InputError("merge: give at least one study directory");
  let header: string[] | undefined;
  let info: StudyInfo | undefined;
  let infoDir = "";
  let unknownSelection = false;
  const shardsGiven = new Set<number>();
  let shardCount: number | undefined;
  const byId = new Map<string, string[]>();
  for (const dir of dirs) {
    const path = join(dir, "sweep.csv");
    if (!existsSync(path)) throw new InputError(`merge: ${path} does not exist (is ${dir} a study directory?)`);
    const own = readStudyInfo(dir);
    if (!own) {
      if (!allowPartial) {
        throw new InputError(
          `merge: ${join(dir, STUDY_INFO_FILE)} does not exist, so the runs the study should hold cannot be checked — ` +
            `rerun that shard with this version of chokepoint, or give --allow-partial`,
        );
      }
      unknownSelection = true;
    } else if (!info) {
      info = own;
      infoDir = dir;
    } else if (!sameSelection(info, own)) {
      throw new InputError(`merge: ${dir} holds another study, or another selection of runs, than ${infoDir} (compare their ${STUDY_INFO_FILE})`);
    }
    if (own?.shard) {
      shardsGiven.add(own.shard.index);
      shardCount = own.shard.count;
    }
    if (own && !own.shard) shardsGiven.add(-1);
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

  let missing: string[] = [];
  let expected: number | undefined;
  if (info && !unknownSelection) {
    const ids = selectedRunIds(info);
    expected = ids.length;
    const wanted = new Set(ids);
    const stray = [...byId.keys()].find((id) => !wanted.has(id));
    if (stray !== undefined) throw new InputError(`merge: run ${stray} is not one of the runs the study selects (a directory of another study?)`);
    missing = ids.filter((id) => !byId.has(id));
    if (missing.length > 0 && !allowPartial) {
      const count = shardCount;
      const absent = count !== undefined && !shardsGiven.has(-1) ? [...Array(count).keys()].filter((i) => !shardsGiven.has(i)) : [];
      const shards = absent.length > 0 ? ` (shard${absent.length === 1 ? "" : "s"} ${absent.map((i) => `${i}/${count}`).join(", ")} not given)` : "";
      throw new InputError(
        `merge: ${missing.length.toLocaleString("en-US")} of the study's ${ids.length.toLocaleString("en-US")} runs are missing${shards}: ` +
          `${listRunIds(missing)} — give every shard's directory, or --allow-partial to merge the runs present`,
      );
    }
  }
  if (!header) throw new InputError("merge: every sweep.csv is empty");
  const point = header.indexOf("point");
  const rep = header.indexOf("repetition");
  const rows = [...byId.values()].sort((a, b) => Number(a[point]) - Number(b[point]) || Number(a[rep]) - Number(b[rep]));
  const names = header.slice(2, header.indexOf("repetition"));
  const merged = info && !unknownSelection ? { ...info, shard: null } : undefined;
  await writeStudyCsvs(outDir, header, rows, names, header.slice(header.indexOf("message") + 1), merged);
  return { merged: rows.length, ...(expected !== undefined && { expected }), missing };
}

/** Two study.json describe the same study and the same selection of runs (shards aside). */
function sameSelection(a: StudyInfo, b: StudyInfo): boolean {
  const shardCount = (i: StudyInfo) => i.shard?.count;
  return (
    a.study === b.study &&
    a.points === b.points &&
    a.repeat === b.repeat &&
    a.filter === b.filter &&
    (a.selected ?? []).join(",") === (b.selected ?? []).join(",") &&
    (a.shard === null || b.shard === null || shardCount(a) === shardCount(b))
  );
}

