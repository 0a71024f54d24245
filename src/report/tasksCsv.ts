// tasksCsv: the rows of tasks.csv, one per agent task (a call, a parallel fan-out or a chain of calls).
import type { TaskRecord } from "../workloads/WorkloadResults.js";
import { csvNumber } from "./csvNumber.js";

/** Columns of tasks.csv, in order. */
export const TASKS_CSV_HEADERS = ["population", "kind", "id", "requests", "start_s", "total_s"] as const;

/** tasks.csv rows in the order given, made one at a time as they are written (a million tasks' rows at once would hold ~300 MB). */
export function* tasksRows(records: readonly TaskRecord[]): Generator<string[]> {
  for (const r of records) yield [r.population, r.kind, r.id, String(r.requests), csvNumber(r.startS), csvNumber(r.totalS)];
}
