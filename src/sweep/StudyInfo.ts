// StudyInfo: <study dir>/study.json — which study and which runs a directory's sweep.csv stands for, so merge can name the missing ones.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../core/InputError.js";
import { runIdOf } from "./expandStudy.js";

/** Name of the file in a study directory. */
export const STUDY_INFO_FILE = "study.json";

/** Contents of study.json, written with sweep.csv. */
export interface StudyInfo {
  /** `sha256:<hex>` of the study document (scenario and sweep block): shards of one study agree on it. */
  study: string;
  /** Points kept by `where`, and repetitions of each. */
  points: number;
  repeat: number;
  /** The `--filter` of the run, or null. */
  filter: string | null;
  /** With a filter: the run ids it selects, in run order (without one every run is selected). */
  selected?: string[];
  /** The shard this directory ran (`--shard i/n`), or null when it holds the whole selection. */
  shard: { index: number; count: number } | null;
}

/** The runs a study selects before sharding, in run order. */
export function selectedRunIds(info: StudyInfo): string[] {
  if (info.selected) return info.selected;
  const ids: string[] = [];
  for (let p = 0; p < info.points; p++) for (let r = 0; r < info.repeat; r++) ids.push(runIdOf(p, r, info.points, info.repeat));
  return ids;
}

/** study.json of `dir`, or undefined when there is none (a directory written before chokepoint kept one). */
export function readStudyInfo(dir: string): StudyInfo | undefined {
  const path = join(dir, STUDY_INFO_FILE);
  if (!existsSync(path)) return undefined;
  let info: StudyInfo;
  try {
    info = JSON.parse(readFileSync(path, "utf8")) as StudyInfo;
  } catch (err) {
    throw new InputError(`${path}: is not valid JSON (${(err as Error).message})`);
  }
  const whole = (v: unknown, min: number) => typeof v === "number" && Number.isInteger(v) && v >= min;
  const ok =
    typeof info === "object" &&
    info !== null &&
    typeof info.study === "string" &&
    whole(info.points, 1) &&
    whole(info.repeat, 1) &&
    (info.filter === null || typeof info.filter === "string") &&
    (info.selected === undefined || (Array.isArray(info.selected) && info.selected.every((id) => typeof id === "string"))) &&
    (info.shard === null || (typeof info.shard === "object" && whole(info.shard.index, 0) && whole(info.shard.count, 1)));
  if (!ok) throw new InputError(`${path}: is not a study.json written by chokepoint sweep`);
  return info;
}
