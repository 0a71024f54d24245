// summarizeFlows: flows.csv as CDFs of FCT and slowdown per workload, slowdown by flow-size bucket, handshakes and statuses.
import { quantileOfSorted } from "./quantileOfSorted.js";
import type { CsvColumns } from "./parseCsvColumns.js";
import type { FlowSummary } from "./RunReportData.js";
import { CDF_PROBABILITIES, distribution } from "./distribution.js";
import { workloadOfFlowId } from "./workloadOfFlowId.js";

/** The standard datacenter size buckets (bytes): < 10 KB, 10–100 KB, 100 KB–1 MB, 1–10 MB, 10–100 MB, 100 MB–1 GB, ≥ 1 GB. */
export const SIZE_BUCKET_EDGES: readonly number[] = [0, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, Infinity];

/** The columns of flows.csv summarizeFlows reads. */
export const FLOW_TEXT_COLUMNS = ["id", "status"] as const;
export const FLOW_NUMBER_COLUMNS = ["size_bytes", "fct_s", "slowdown", "handshake_s"] as const;

/** The workloads of a run and the count of finished flows workloads.csv gives each (its `fct_s` row). */
export interface FlowWorkload {
  name: string;
  finished: number;
}

/**
 * Summarise flows.csv (its {@link FLOW_TEXT_COLUMNS} and {@link FLOW_NUMBER_COLUMNS}).
 * Finished flows (status `done`) are assigned to workloads by id (workloadOfFlowId); when
 * every workload then holds exactly the finished flows workloads.csv counts for it, the
 * CDFs and buckets are per workload, else one series, "all flows", is given (and
 * `perWorkload` is false) rather than a wrong split.
 */
export function summarizeFlows(flows: CsvColumns, workloads: readonly FlowWorkload[]): FlowSummary {
  const ofId = workloadOfFlowId(workloads.map((w) => w.name));
  const n = workloads.length;
  const ids = flows.text("id");
  const statuses = flows.text("status");
  const sizes = flows.num("size_bytes");
  const fcts = flows.num("fct_s");
  const slowdowns = flows.num("slowdown");
  const handshakes = flows.num("handshake_s");
  // Group n holds what no workload claims.
  const group = new Int32Array(flows.rows);
  const finished = new Int32Array(n + 1);
  const shaken = new Int32Array(n + 1);
  const status = new Map<string, number>();
  for (let f = 0; f < flows.rows; f++) {
    const st = statuses[f];
    status.set(st, (status.get(st) ?? 0) + 1);
    let w = ofId(ids[f]);
    if (w < 0) w = n;
    group[f] = st === "done" ? w : -1;
    if (st === "done") finished[w]++;
    if (handshakes[f] > 0) shaken[w]++;
  }
  const perWorkload = n > 0 && finished[n] === 0 && workloads.every((w, i) => finished[i] === w.finished);
  // Each output series is a set of groups: one per workload, or all of them.
  const series: Array<{ name: string; groups: number[] }> = perWorkload
    ? workloads.map((w, i) => ({ name: w.name, groups: [i] })).filter((s) => finished[s.groups[0]] > 0 || shaken[s.groups[0]] > 0)
    : [{ name: "all flows", groups: Array.from({ length: n + 1 }, (_, i) => i) }];
  const seriesOf = new Int32Array(n + 1).fill(-1);
  series.forEach((s, k) => s.groups.forEach((g) => (seriesOf[g] = k)));
  const fct = series.map(() => [] as number[]);
  const slow = series.map(() => [] as number[]);
  const shake = series.map(() => [] as number[]);
  const buckets = series.map(() => SIZE_BUCKET_EDGES.slice(1).map(() => [] as number[]));
  for (let f = 0; f < flows.rows; f++) {
    if (handshakes[f] > 0) {
      const w = ofId(ids[f]);
      const k = seriesOf[w < 0 ? n : w];
      if (k >= 0) shake[k].push(handshakes[f]);
    }
    if (group[f] < 0) continue;
    const k = seriesOf[group[f]];
    if (k < 0) continue;
    fct[k].push(fcts[f]);
    slow[k].push(slowdowns[f]);
    if (!Number.isNaN(slowdowns[f])) {
      let b = 0;
      while (sizes[f] >= SIZE_BUCKET_EDGES[b + 1]) b++;
      buckets[k][b].push(slowdowns[f]);
    }
  }
  const summary: FlowSummary = {
    probabilities: [...CDF_PROBABILITIES],
    perWorkload,
    fct: series.map((s, k) => distribution(s.name, fct[k])).filter((d) => d.count > 0),
    slowdown: series.map((s, k) => distribution(s.name, slow[k])).filter((d) => d.count > 0),
    buckets: [],
    status: [...status].map(([s, count]) => ({ status: s, flows: count })),
  };
  series.forEach((s, k) => {
    buckets[k].forEach((xs, b) => {
      if (xs.length === 0) return;
      const sorted = Float64Array.from(xs).sort();
      const lo = SIZE_BUCKET_EDGES[b];
      const hi = SIZE_BUCKET_EDGES[b + 1];
      summary.buckets.push({ workload: s.name, bucket: bucketLabel(lo, hi), loBytes: lo, hiBytes: hi, flows: xs.length, p50: quantileOfSorted(sorted, 0.5), p95: quantileOfSorted(sorted, 0.95), p99: quantileOfSorted(sorted, 0.99) });
    });
  });
  if (shake.some((xs) => xs.length > 0)) summary.handshakes = series.map((s, k) => distribution(s.name, shake[k])).filter((d) => d.count > 0);
  return summary;
}

function bucketLabel(lo: number, hi: number): string {
  const b = (x: number) => (x >= 1e9 ? `${x / 1e9} GB` : x >= 1e6 ? `${x / 1e6} MB` : `${x / 1e3} KB`);
  if (lo === 0) return `< ${b(hi)}`;
  if (hi === Infinity) return `≥ ${b(lo)}`;
  return `${b(lo)}–${b(hi)}`;
}
