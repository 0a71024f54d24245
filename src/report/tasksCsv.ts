// tasksCsv: the rows of tasks.csv, one per agent task (a call, a parallel fan-out or a chain of calls).
import type { TaskTable } from "../workloads/TaskTable.js";
import { tableRows, type RowSink } from "./CsvWriter.js";

/** Columns of tasks.csv, in order. */
export const TASKS_CSV_HEADERS = ["population", "kind", "id", "requests", "start_s", "total_s"] as const;

/**
 * Write tasks.csv's rows of `tables` (in order, each table's rows in order) into `sink`, each
 * id made as it is written (a million tasks' rows at once would hold ~300 MB), yielding when
 * the sink is full (see CsvWriter's streamTable).
 */
export function* emitTasks(tables: readonly TaskTable[], sink: RowSink): Generator<void> {
  for (const t of tables) {
    const { population, kind, requests, startS, totalS } = t;
    for (let i = 0; i < t.length; i++) {
      sink.text(population.nameOf(i));
      sink.text(kind.nameOf(i));
      sink.text(t.idOf(i));
      sink.text(String(requests[i]));
      sink.number(startS[i]);
      sink.number(totalS[i]);
      sink.endRow();
      if (sink.full) yield;
    }
  }
}

/** tasks.csv's rows of `tables` as text cells (for tests). */
export function tasksRows(tables: readonly TaskTable[]): string[][] {
  return tableRows((sink) => emitTasks(tables, sink));
}
