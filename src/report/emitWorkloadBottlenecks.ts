// emitWorkloadBottlenecks: workload-bottlenecks.csv's rows from the table's numbers and names alone (no topology), so either thread can write them.
import { spannedS } from "../core/elapsedS.js";
import type { RowSink } from "./CsvWriter.js";

/**
 * What workload-bottlenecks.csv is written from: a {@link WorkloadBottleneckTable}'s entries
 * (one per workload and bottleneck, in the order they were made) and the names of the
 * resources they name. Plain strings and typed arrays, so that it can be posted to a worker
 * thread (see OffloadedResourceRecorder's report jobs).
 */
export interface WorkloadBottleneckData {
  /** The workloads' names, in scenario order. */
  names: readonly string[];
  /** The run's makespan (`bottleneck_flow_s` is rounded to the digits it resolves; 0: as summed). */
  horizonS: number;
  /** Entries `[0, entries)` of the arrays below. */
  entries: number;
  workload: Int32Array;
  /** The bottleneck's resource id (CAP_BOUND, −1, for a flow's own cap). */
  bottleneck: Int32Array;
  flows: Float64Array;
  bytes: Float64Array;
  seconds: Float64Array;
  /** By resource id + 1: the name and the tier of every resource an entry names ("cap" at 0); "" elsewhere. */
  resourceNames: readonly string[];
  resourceTiers: readonly string[];
}

/**
 * Write workload-bottlenecks.csv's rows into `sink`, yielding when the sink is full (see
 * CsvWriter's streamTable). A workload's entries are ranked by seconds, most first, ties by
 * resource id: one or two entries (a transfer's) in place, more through a sort of their slice.
 */
export function* emitWorkloadBottlenecks(d: WorkloadBottleneckData, sink: RowSink): Generator<void> {
  const W = d.names.length;
  const { start, order } = byWorkload(d);
  const { seconds, bottleneck, flows, bytes, resourceNames, resourceTiers, horizonS } = d;
  const byRank = (a: number, b: number) => seconds[b] - seconds[a] || bottleneck[a] - bottleneck[b];
  for (let w = 0; w < W; w++) {
    const from = start[w];
    const to = start[w + 1];
    let total = 0;
    for (let i = from; i < to; i++) total += seconds[order[i]];
    if (to - from === 2) {
      // The comparator's order of two entries, without a sort.
      const a = order[from];
      const b = order[from + 1];
      if (byRank(a, b) > 0) {
        order[from] = b;
        order[from + 1] = a;
      }
    } else if (to - from > 2) order.subarray(from, to).sort(byRank);
    const workload = d.names[w];
    for (let i = from; i < to; i++) {
      const e = order[i];
      const b = bottleneck[e] + 1;
      sink.text(workload);
      sink.number(i - from + 1);
      sink.text(resourceNames[b]);
      sink.text(resourceTiers[b]);
      sink.number(flows[e]);
      sink.number(bytes[e]);
      sink.number(spannedS(seconds[e], horizonS));
      sink.number(seconds[e] / total);
      sink.endRow();
      if (sink.full) yield;
    }
  }
}

/**
 * The entries by workload, each workload's in the order they were made (which its total's
 * sum follows): workload w's are `order[start[w] … start[w + 1])`. Its own function, not
 * loops at the head of the emit: V8 compiles a long loop of a function run once where
 * the loop is hot (on-stack replacement), and these loops, hot first, had the emit compiled for
 * them and then deoptimized at its first row (no feedback yet for the rows' code), twice.
 */
function byWorkload(d: WorkloadBottleneckData): { start: Int32Array; order: Int32Array } {
  const W = d.names.length;
  const start = new Int32Array(W + 1);
  for (let e = 0; e < d.entries; e++) start[d.workload[e] + 1]++;
  for (let w = 0; w < W; w++) start[w + 1] += start[w];
  const order = new Int32Array(d.entries);
  const next = start.slice(0, W);
  for (let e = 0; e < d.entries; e++) order[next[d.workload[e]]++] = e;
  return { start, order };
}
