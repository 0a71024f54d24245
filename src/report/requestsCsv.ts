// requestsCsv: the rows of requests.csv, one per request served by a service or inference workload.
import type { RequestRecord } from "../workloads/WorkloadResults.js";
import { csvNumber } from "./csvNumber.js";

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
 * requests.csv rows in the order given, made one at a time as they are written (a million
 * requests' rows at once would hold ~400 MB); ttft_s and tpot_s are empty for requests that
 * are not inference.
 */
export function* requestsRows(records: readonly RequestRecord[]): Generator<string[]> {
  for (const r of records) {
    yield [
      r.population,
      r.kind,
      r.id,
      r.target,
      csvNumber(r.startS),
      csvNumber(r.queueS),
      csvNumber(r.networkS),
      csvNumber(r.serviceS),
      csvNumber(r.ttftS),
      csvNumber(r.tpotS),
      csvNumber(r.totalS),
    ];
  }
}
