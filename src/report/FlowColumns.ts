// FlowColumns: the values of flows.csv's standard columns as numbers in typed arrays and a few string lists, so that another thread can write the file; and the one function that turns a flow's values into its cells.
import { elapsedDigits, elapsedS, roundDigits } from "../core/elapsedS.js";
import { writeWith, type CellSink } from "./CsvWriter.js";
import { CAP_BOUND, NEVER_ACTIVE } from "./flowBottleneck.js";
import { clampSlowdown } from "./roundoff.js";

/** Columns of flows.csv, in order. */
export const FLOW_CSV_HEADERS = [
  "id",
  "src",
  "dst",
  "size_bytes",
  "start_s",
  "finish_s",
  "fct_s",
  "ideal_fct_s",
  "slowdown",
  "mean_rate_gbps",
  "bottleneck",
  "status",
] as const;

/** A flow's `status` in flows.csv, by the code {@link FlowColumns.ints} holds. */
export const FLOW_STATUS = ["done", "failed", "unfinished"] as const;

/** Numbers per flow in {@link FlowColumns.numbers}: size, start, finish, ideal completion time, start delay, route latency (at these offsets). */
export const FLOW_NUMBERS = 6;
export const AT_SIZE = 0;
export const AT_START = 1;
export const AT_FINISH = 2;
export const AT_IDEAL = 3;
export const AT_START_DELAY = 4;
export const AT_LATENCY = 5;
/** Integers per flow in {@link FlowColumns.ints}: source and destination node, longest bottleneck (a resource id, {@link CAP_BOUND} or {@link NEVER_ACTIVE}), status (index into {@link FLOW_STATUS}). */
export const FLOW_INTS = 4;
export const AT_SRC = 0;
export const AT_DST = 1;
export const AT_BOTTLENECK = 2;
export const AT_STATUS = 3;

/**
 * What flows.csv's standard columns ({@link FLOW_CSV_HEADERS}) are written from: per flow its
 * id, endpoints, size, start and finish, ideal completion time, start delay, route latency,
 * longest bottleneck and status, as the simulation's thread knows them after the run, in
 * structured-cloneable form (postMessage copies the two typed arrays and the string lists).
 * The cells are made from these values by {@link flowCells}, the function the simulation's
 * thread writes them with (FlowRows), so the bytes are the same in either thread.
 */
export interface FlowColumns {
  flows: number;
  /** User-facing id of each flow (the flow number where missing). */
  labels: ReadonlyArray<string | undefined>;
  /** The topology's node ids, by node number. */
  nodeIds: readonly string[];
  /** Names of the resources some flow's bottleneck is, by resource id (others absent). */
  resourceNames: Record<number, string>;
  /** {@link FLOW_NUMBERS} numbers per flow. */
  numbers: Float64Array;
  /** {@link FLOW_INTS} integers per flow. */
  ints: Int32Array;
}

/**
 * Write flow `f`'s cells of flows.csv's standard columns into `sink`, from its values: the
 * only place these cells are made (FlowRows in the simulation's thread, {@link writeFlowColumnsCsv}
 * in a worker).
 */
export function flowCells(
  sink: CellSink,
  label: string,
  src: string,
  dst: string,
  size: number,
  start: number,
  finish: number,
  ideal: number,
  startDelayS: number,
  latencyS: number,
  bottleneck: string,
  status: string,
): void {
  const fct = finish - start;
  const slowdown = size > 0 ? fct / ideal : Number.isNaN(fct) ? NaN : 1;
  // Draining starts when the first byte arrives: after a transport's start delay (handshake, queues) and the route's latency.
  const drainS = startDelayS > 0 ? fct - startDelayS - latencyS : fct - latencyS;
  sink.text(label);
  sink.text(src);
  sink.text(dst);
  sink.number(size);
  sink.number(start);
  sink.number(finish);
  // flowFctS: the completion time as every report states it.
  sink.number(elapsedS(start, finish));
  sink.number(ideal);
  sink.number(clampSlowdown(slowdown));
  // The rate to the digits the drain time resolves: it is a difference of instants up to the finish (elapsedDigits).
  if (drainS > 0) sink.number(roundDigits((size * 8) / 1e9 / drainS, elapsedDigits(finish - drainS, finish)));
  else sink.text("");
  sink.text(bottleneck);
  sink.text(status);
}

/** The `bottleneck` cell of a flow bound longest by `b` (a resource id, {@link CAP_BOUND} or {@link NEVER_ACTIVE}), the resource named by `nameOf`. */
export function bottleneckCell(b: number, nameOf: (resource: number) => string): string {
  return b === NEVER_ACTIVE ? "" : b === CAP_BOUND ? "cap" : nameOf(b);
}

/** Write flows.csv (the standard columns only) at `path` from `c`: the same bytes FlowRows writes for a run with no added columns. */
export function writeFlowColumnsCsv(path: string, c: FlowColumns): Promise<void> {
  const { numbers, ints, labels, nodeIds, resourceNames } = c;
  const nameOf = (r: number): string => {
    const name = resourceNames[r];
    if (name === undefined) throw new Error(`FlowColumns: no name for bottleneck resource ${r}`);
    return name;
  };
  return writeWith(path, FLOW_CSV_HEADERS, async (w) => {
    for (let f = 0; f < c.flows; f++) {
      const x = f * FLOW_NUMBERS;
      const i = f * FLOW_INTS;
      flowCells(
        w,
        labels[f] ?? String(f),
        nodeIds[ints[i + AT_SRC]],
        nodeIds[ints[i + AT_DST]],
        numbers[x + AT_SIZE],
        numbers[x + AT_START],
        numbers[x + AT_FINISH],
        numbers[x + AT_IDEAL],
        numbers[x + AT_START_DELAY],
        numbers[x + AT_LATENCY],
        bottleneckCell(ints[i + AT_BOTTLENECK], nameOf),
        FLOW_STATUS[ints[i + AT_STATUS]],
      );
      w.endRow();
      if (w.full) await w.flush();
    }
  });
}
