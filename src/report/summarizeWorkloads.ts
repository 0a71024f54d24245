// summarizeWorkloads: per-workload statistics (workloads.csv) and the AI columns added to summary.csv.
import type { RequestTable, RequestTime } from "../workloads/RequestTable.js";
import type { IterationRecord, WorkloadResults } from "../workloads/WorkloadResults.js";
import { tableRows, type RowSink } from "./CsvWriter.js";
import { quantiles, quantilesOfRange, type Quantiles } from "./quantiles.js";
import { clampFraction } from "./roundoff.js";

/** Columns of workloads.csv, in order. */
export const WORKLOADS_CSV_HEADERS = ["workload", "kind", "group", "metric", "count", "mean", "p50", "p95", "p99"] as const;

/** The columns summary.csv gains when some workload kept training iterations, in order. */
export const ITERATION_SUMMARY_COLUMNS = ["iterations", "iteration_mean_s", "iteration_p99_s", "gpu_utilization", "network_wait_share"] as const;

/** The columns summary.csv gains when some workload kept requests, in order. */
export const REQUEST_SUMMARY_COLUMNS = ["requests", "request_p50_s", "request_p95_s", "request_p99_s", "ttft_p50_s", "ttft_p99_s", "tpot_p50_s"] as const;

/** What {@link summarizeWorkloads} reads. */
export interface WorkloadsInput {
  /** Workload names and kinds ("transfer", "training", …), in scenario order. */
  names: readonly string[];
  kinds: readonly string[];
  /** Each workload's records (an empty object for workloads that keep none). */
  results: readonly WorkloadResults[];
  /** Completion time of every finished flow, NaN for unfinished ones, by flow number. */
  fctOf(flow: number): number;
  flowCount: number;
  /** Workload index of every flow, by flow number. */
  workloadOfFlow: ArrayLike<number>;
  /** The completion times of each workload's flows ({@link workloadFcts}), when the caller gathered them already (writeReports); then `fctOf` is not called. */
  fctsByWorkload?: WorkloadFcts;
}

/** The completion times of each workload's flows, in flow order: workload w's are `fcts[start[w] … start[w + 1])`. */
export interface WorkloadFcts {
  start: Int32Array;
  fcts: Float64Array;
}

/**
 * {@link WorkloadFcts} of `workloads` workloads: flow f's completion time `fctOf(f)` under its
 * workload `workloadOfFlow[f]` (a flow of no workload in range is left out). Two arrays, not a
 * list per workload: 20,000 transfers are 20,000 workloads of one flow each.
 */
export function workloadFcts(workloads: number, flowCount: number, workloadOfFlow: ArrayLike<number>, fctOf: (flow: number) => number): WorkloadFcts {
  const start = new Int32Array(workloads + 1);
  for (let f = 0; f < flowCount; f++) {
    const w = workloadOfFlow[f];
    if (w >= 0 && w < workloads) start[w + 1]++;
  }
  for (let w = 0; w < workloads; w++) start[w + 1] += start[w];
  const fcts = new Float64Array(start[workloads]);
  const next = start.slice(0, workloads);
  for (let f = 0; f < flowCount; f++) {
    const w = workloadOfFlow[f];
    if (w >= 0 && w < workloads) fcts[next[w]++] = fctOf(f);
  }
  return { start, fcts };
}

/** workloads.csv rows and the extra summary.csv columns. */
export interface WorkloadsSummary {
  /** workloads.csv's rows as text cells (made when read: a run writes them with {@link emit}). */
  readonly rows: string[][];
  /** Write workloads.csv's rows into `sink`, yielding when the sink is full (see CsvWriter's streamTable). */
  emit(sink: RowSink): Generator<void>;
  /** Extra summary.csv columns in order (present only when a workload produced the records they summarise). */
  summaryColumns: Array<[string, number]>;
}

/**
 * Statistics per workload: `fct_s` of its flows (group "all"); for training jobs
 * iteration_s, compute_s, exposed_comm_s and network_wait_share per iteration and
 * duration_s and busbw_gbps per collective kind (group "collective:<kind>"); for
 * requests total_s, queue_s, network_s, service_s, ttft_s and tpot_s over all requests and
 * per population, kind and target (groups "population:<p>", "kind:<k>", "target:<t>");
 * for agent tasks task_s.
 * Rows with no values are left out. The summary.csv columns: iterations, iteration_mean_s,
 * iteration_p99_s, gpu_utilization (Σ compute_s ÷ Σ iteration_s over every job and
 * iteration) and network_wait_share (Σ exposed_comm_s ÷ Σ iteration_s) when any job ran an
 * iteration; requests and request/ttft/tpot percentiles when any request was served.
 */
export function summarizeWorkloads(input: WorkloadsInput): WorkloadsSummary {
  // A row is kept as its workload, group, metric and statistics, and written as text only into the file.
  const rows = new StatRows();
  const { start, fcts } = input.fctsByWorkload ?? workloadFcts(input.names.length, input.flowCount, input.workloadOfFlow, input.fctOf);
  const add = (w: number, group: string, metric: string, values: Iterable<number>) => {
    const q = quantiles(values);
    if (q.count > 0) rows.push(w, group, metric, q);
  };
  /** {@link add} of `values[0 … n)` (the same numbers as `quantiles` of them as a list). */
  const addRange = (w: number, group: string, metric: string, values: Float64Array, n: number) => {
    const q = quantilesOfRange(values, 0, n);
    if (q.count > 0) rows.push(w, group, metric, q);
  };
  const allIterations: IterationRecord[] = [];
  const requestTables: RequestTable[] = [];
  for (let w = 0; w < input.names.length; w++) {
    const fct = quantilesOfRange(fcts, start[w], start[w + 1]);
    if (fct.count > 0) rows.push(w, "all", "fct_s", fct);
    const records = input.results[w];
    // Most workloads keep no records (20,000 transfers are 20,000 workloads): nothing more to add, and no empty lists made.
    if (!records.iterations?.length && !records.collectives?.length && !records.requests?.length && !records.tasks?.length) continue;
    const { iterations = [], collectives = [] } = records;
    const tasks = records.tasks;
    if (tasks) addRange(w, "all", "task_s", tasks.totalS, tasks.length);
    // A loop, not push(...records): spreading 10⁵+ records into one call overflows the stack.
    for (const r of iterations) allIterations.push(r);
    add(w, "all", "iteration_s", iterations.map((r) => r.iterationS));
    add(w, "all", "compute_s", iterations.map((r) => r.computeS));
    add(w, "all", "exposed_comm_s", iterations.map((r) => r.exposedCommS));
    add(w, "all", "network_wait_share", iterations.map((r) => r.networkWaitShare));
    for (const kind of [...new Set(collectives.map((c) => c.kind))].sort()) {
      const of = collectives.filter((c) => c.kind === kind);
      add(w, `collective:${kind}`, "duration_s", of.map((c) => c.durationS));
      add(w, `collective:${kind}`, "busbw_gbps", of.map((c) => (c.busBwBps * 8) / 1e9));
    }
    const requests = records.requests;
    if (!requests || requests.length === 0) continue;
    requestTables.push(requests);
    const n = requests.length;
    // The rows of each group, in row order: all of them, then per population, kind and target (values sorted).
    const groups: Array<[string, Int32Array | undefined]> = [["all", undefined]];
    for (const key of ["population", "kind", "target"] as const) {
      const column = requests[key];
      for (const [name, rowsOf] of rowsByName(column.names, column.index, n)) groups.push([`${key}:${name}`, rowsOf]);
    }
    const scratch = new Float64Array(n);
    for (const [group, of] of groups) {
      for (const metric of REQUEST_METRICS) {
        const values = requests[metric[1]];
        if (!of) addRange(w, group, metric[0], values, n);
        else {
          for (let j = 0; j < of.length; j++) scratch[j] = values[of[j]];
          addRange(w, group, metric[0], scratch, of.length);
        }
      }
    }
  }
  const summaryColumns: Array<[string, number]> = [];
  if (allIterations.length > 0) {
    const it = quantiles(allIterations.map((r) => r.iterationS));
    const total = allIterations.reduce((s, r) => s + r.iterationS, 0);
    const compute = allIterations.reduce((s, r) => s + r.computeS, 0);
    const exposed = allIterations.reduce((s, r) => s + r.exposedCommS, 0);
    const values = [allIterations.length, it.mean, it.p99, total > 0 ? clampFraction(compute / total) : NaN, total > 0 ? clampFraction(exposed / total) : NaN];
    ITERATION_SUMMARY_COLUMNS.forEach((name, i) => summaryColumns.push([name, values[i]]));
  }
  const allRequests = requestTables.reduce((sum, t) => sum + t.length, 0);
  if (allRequests > 0) {
    // Every workload's requests in workload order, one column at a time.
    const all = (metric: "totalS" | "ttftS" | "tpotS"): Quantiles => {
      const values = new Float64Array(allRequests);
      let at = 0;
      for (const t of requestTables) {
        values.set(t[metric].subarray(0, t.length), at);
        at += t.length;
      }
      return quantilesOfRange(values, 0, allRequests);
    };
    const total = all("totalS");
    const ttft = all("ttftS");
    const tpot = all("tpotS");
    const values = [allRequests, total.p50, total.p95, total.p99, ttft.p50, ttft.p99, tpot.p50];
    REQUEST_SUMMARY_COLUMNS.forEach((name, i) => summaryColumns.push([name, values[i]]));
  }
  function* emit(sink: RowSink): Generator<void> {
    const { workload, group, metric, stats } = rows;
    for (let i = 0; i < workload.length; i++) {
      const w = workload[i];
      sink.text(input.names[w]);
      sink.text(input.kinds[w]);
      sink.text(group[i]);
      sink.text(metric[i]);
      for (let j = 5 * i; j < 5 * i + 5; j++) sink.number(stats[j]);
      sink.endRow();
      if (sink.full) yield;
    }
  }
  return {
    get rows() {
      return tableRows(emit);
    },
    emit,
    summaryColumns,
  };
}

/** The request metrics of workloads.csv, in order, and the column of a {@link RequestTable} each summarises. */
const REQUEST_METRICS: ReadonlyArray<readonly [string, RequestTime]> = [
  ["total_s", "totalS"],
  ["queue_s", "queueS"],
  ["network_s", "networkS"],
  ["service_s", "serviceS"],
  ["ttft_s", "ttftS"],
  ["tpot_s", "tpotS"],
];

/**
 * The rows of `index[0 … n)` under each name of `names` (`index` holding indexes into it), by
 * name in sorted order, each list in row order: one pass over the rows.
 */
function rowsByName(names: readonly string[], index: Int32Array, n: number): Array<[string, Int32Array]> {
  const counts = new Int32Array(names.length);
  for (let i = 0; i < n; i++) counts[index[i]]++;
  const lists = Array.from(counts, (c) => new Int32Array(c));
  const at = new Int32Array(names.length);
  for (let i = 0; i < n; i++) {
    const k = index[i];
    lists[k][at[k]++] = i;
  }
  return names
    .map((name, k): [string, Int32Array] => [name, lists[k]])
    .filter(([, rows]) => rows.length > 0)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/**
 * workloads.csv's rows as columns: each row's workload, group and metric, and its five
 * statistics (count, mean, p50, p95, p99) in one list of numbers, which V8 keeps unboxed. No
 * object per row: 20,000 transfers make 20,000 rows, all kept until the file is written.
 */
class StatRows {
  readonly workload: number[] = [];
  readonly group: string[] = [];
  readonly metric: string[] = [];
  readonly stats: number[] = [];

  push(w: number, group: string, metric: string, q: Quantiles): void {
    this.workload.push(w);
    this.group.push(group);
    this.metric.push(metric);
    this.stats.push(q.count, q.mean, q.p50, q.p95, q.p99);
  }
}
