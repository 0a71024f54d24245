// RunRecord: runs/<run id>/point.json — which point, repetition, seed and run key a run directory's results belong to.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { SweepValue } from "./Study.js";

/** Name of the record in a run's directory. */
export const RUN_RECORD_FILE = "point.json";

/** Contents of point.json, written once a run has finished (ok or failed). */
export interface RunRecord {
  run_id: string;
  point: number;
  repetition: number;
  seed: number;
  /** The point's variable values, as written in the study. */
  values: Record<string, SweepValue>;
  /** {@link runKey} of the run's scenario and seed. */
  key: string;
}

/** The record in `dir`, or undefined if there is none or it cannot be read (then the results there are not trusted). */
export function readRunRecord(dir: string): RunRecord | undefined {
  const path = join(dir, RUN_RECORD_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const record = JSON.parse(readFileSync(path, "utf8")) as RunRecord;
    return typeof record?.key === "string" ? record : undefined;
  } catch {
    return undefined;
  }
}

/** Write `record` into `dir` atomically (a temporary file renamed into place). */
export function writeRunRecord(dir: string, record: RunRecord): void {
  const tmp = join(dir, `.${RUN_RECORD_FILE}.${process.pid}.tmp`);
  writeFileSync(tmp, `${JSON.stringify(record, null, 2)}\n`);
  renameSync(tmp, join(dir, RUN_RECORD_FILE));
}
