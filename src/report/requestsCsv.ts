// requestsCsv: the rows of requests.csv, one per request served by a service or inference workload.
import type { RequestTable } from "../workloads/RequestTable.js";
import { tableRows, type RowSink } from "./CsvWriter.js";

/** Columns of requests.csv, in order. */
export const REQUESTS_CSV_HEADERS = [
  "population",
  "kind",
  "id",
  "target",
  "start_s",
  "queue_s",
  "network_s",
  "service_s",
  "ttft_s",
  "tpot_s",
  "total_s",
] as const;

/**
 * Write requests.csv's rows of `tables` (in order, each table's rows in order) into `sink`,
 * each id made as it is written and each number formatted straight into the file (a
 * million requests' rows at once would hold ~400 MB), yielding when the sink is full (see
 * CsvWriter's streamTable); ttft_s and tpot_s are empty for requests that are not inference.
 */
export function* emitRequests(tables: readonly RequestTable[], sink: RowSink): Generator<void> {
  for (const t of tables) {
    const { population, kind, target, startS, queueS, networkS, serviceS, ttftS, tpotS, totalS } = t;
    for (let i = 0; i < t.length; i++) {
      sink.text(population.nameOf(i));
      sink.text(kind.nameOf(i));
      sink.text(t.idOf(i));
      sink.text(target.nameOf(i));
      sink.number(startS[i]);
      sink.number(queueS[i]);
      sink.number(networkS[i]);
      sink.number(serviceS[i]);
      sink.number(ttftS[i]);
      sink.number(tpotS[i]);
      sink.number(totalS[i]);
      sink.endRow();
      if (sink.full) yield;
    }
  }
}

/** requests.csv's rows of `tables` as text cells (for tests). */
export function requestsRows(tables: readonly RequestTable[]): string[][] {
  return tableRows((sink) => emitRequests(tables, sink));
}
