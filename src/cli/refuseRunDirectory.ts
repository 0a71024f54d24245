// refuseRunDirectory: a study, a search or a merge is not written into one run's report directory (its run.json), which report and compare would then no longer read as a run.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../core/InputError.js";

/**
 * Throw an InputError when `dir` holds one run's reports (a run.json at its top, as
 * `chokepoint run` writes it). A study's files (runs/, sweep.csv, sweep-summary.csv, study.json)
 * written beside them would make a directory that `report` and `compare` refuse as a study's
 * while it still holds the run, as `run` refuses to write into a study's directory.
 *
 * @param dir the --out directory given (or defaulted)
 * @param what what would be written, for the sentence: "the study", "the search", "the merged study"
 */
export function refuseRunDirectory(dir: string, what: string): void {
  if (existsSync(join(dir, "run.json"))) {
    throw new InputError(`cannot write ${what} to ${dir}: it holds one run's reports (run.json), which ${what}'s files beside them would hide from report and compare — give a new or empty directory`);
  }
}
