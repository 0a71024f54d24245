// eventsCsv: the rows of events.csv, one per scenario event applied and per routing convergence, in the order they happened.
import { csvNumber } from "./csvNumber.js";

/** Columns of events.csv, in order. */
export const EVENTS_CSV_HEADERS = ["at_s", "until_s", "kind", "target", "detail", "rerouted_flows", "failed_flows"] as const;

/** One thing that changed the network or a workload during the run. */
export interface EventRecord {
  /** When it applied, seconds. */
  atS: number;
  /** A surge's end. */
  untilS?: number;
  /** The scenario's event key (`linkDown`, `linkUp`, `nodeDown`, `nodeUp`, `capacity`, `latency`, `surge`), or `converge` when routes were recomputed. */
  kind: string;
  /** A link `a<->b` (both directions), `node:<id>`, a node id, a workload, or the links a convergence learnt about (space-separated). */
  target: string;
  /** What it set, as `name=value` in report units (`capacity_gbps=50`, `latency_s=0.02`, `factor=3`), or empty. */
  detail: string;
  /** converge only: live flows moved to a new route, and flows failed for want of one. */
  reroutedFlows?: number;
  failedFlows?: number;
}

/** events.csv rows in the order given (the order events applied: by time, then as scheduled). */
export function eventsRows(records: readonly EventRecord[]): string[][] {
  const count = (x: number | undefined) => (x === undefined ? "" : String(x));
  return records.map((r) => [csvNumber(r.atS), r.untilS === undefined ? "" : csvNumber(r.untilS), r.kind, r.target, r.detail, count(r.reroutedFlows), count(r.failedFlows)]);
}
