// isStudyDirectory: whether a directory holds a study's results rather than one run's.
import { existsSync } from "node:fs";
import { join } from "node:path";

/** Whether `dir` holds a study (sweep-summary.csv) rather than one run. */
export function isStudyDirectory(dir: string): boolean {
  return existsSync(join(dir, "sweep-summary.csv"));
}
