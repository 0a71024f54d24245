// summarizeFlows: flows.csv as CDFs of FCT and slowdown per workload, slowdown by flow-size bucket, handshakes and statuses.
import { ascending, quantileSorted } from "d3-array";
import type { CsvTable } from "./parseCsvText.js";
import type { FlowSummary } from "./RunReportData.js";
import { CDF_PROBABILITIES, distribution } from "./distribution.js";
import { tableColumns } from "./tableColumns.js";
import { workloadOfFlowId } from "./workloadOfFlowId.js";

/** The standard datacenter size buckets (bytes): < 10 KB, 10–100 KB, 100 KB–1 MB, 1–10 MB, 10–100 MB, 100 MB–1 GB, ≥ 1 GB. */
export const SIZE_BUCKET_EDGES: readonly number[] = [0, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, Infinity];

/** The workloads of a run and the count of finished flows workloads.csv gives each (its `fct_s` row). */
export interface FlowWorkload {
  name: string;
  finished: number;
}

/**
 * Summarise `flows` (flows.csv). Finished flows (status `done`) are assigned to workloads
 * by id (workloadOfFlowId); when every workload then holds exactly the finished flows
 * workloads.csv counts for it, the CDFs and buckets are per workload, else one series,
 * "all flows", is given (and `perWorkload` is false) rather than a wrong split.
 */
export function summarizeFlows(flows: CsvTable, workloads: readonly FlowWorkload[]): FlowSummary {
  const col = tableColumns(flows);
  const ofId = workloadOfFlowId(workloads.map((w) => w.name));
  const n = workloads.length;
  const fct: number[][] = Array.from({ length: n + 1 }, () => []);
  const slow: number[][] = Array.from({ length: n + 1 }, () => []);
  const size: number[][] = Array.from({ length: n + 1 }, () => []);
  const shake: number[][] = Array.from({ length: n + 1 }, () => []);
  const status = new Map<string, number>();
  const hasHandshake = col.has("handshake_s");
  let unassigned = 0;
  for (const row of flows.rows) {
    const st = col.text(row, "status");
    status.set(st, (status.get(st) ?? 0) + 1);
    let w = ofId(col.text(row, "id"));
    if (w < 0) w = n;
    if (hasHandshake) {
      const h = col.num(row, "handshake_s");
      if (h > 0) shake[w].push(h);
    }
    if (st !== "done") continue;
    if (w === n) unassigned++;
    fct[w].push(col.num(row, "fct_s"));
    slow[w].push(col.num(row, "slowdown"));
    size[w].push(col.num(row, "size_bytes"));
  }
  const perWorkload = n > 0 && unassigned === 0 && workloads.every((w, i) => fct[i].length === w.finished);
  const groups: Array<{ name: string; fct: number[]; slow: number[]; size: number[]; shake: number[] }> = perWorkload
    ? workloads.map((w, i) => ({ name: w.name, fct: fct[i], slow: slow[i], size: size[i], shake: shake[i] })).filter((g) => g.fct.length > 0 || g.shake.length > 0)
    : [{ name: "all flows", fct: fct.flat(), slow: slow.flat(), size: size.flat(), shake: shake.flat() }];
  const buckets: FlowSummary["buckets"] = [];
  for (const g of groups) {
    for (let b = 0; b + 1 < SIZE_BUCKET_EDGES.length; b++) {
      const lo = SIZE_BUCKET_EDGES[b];
      const hi = SIZE_BUCKET_EDGES[b + 1];
      const xs: number[] = [];
      for (let i = 0; i < g.size.length; i++) if (g.size[i] >= lo && g.size[i] < hi && !Number.isNaN(g.slow[i])) xs.push(g.slow[i]);
      if (xs.length === 0) continue;
      xs.sort(ascending);
      buckets.push({ workload: g.name, bucket: bucketLabel(lo, hi), loBytes: lo, hiBytes: hi, flows: xs.length, p50: quantileSorted(xs, 0.5)!, p95: quantileSorted(xs, 0.95)!, p99: quantileSorted(xs, 0.99)! });
    }
  }
  const summary: FlowSummary = {
    probabilities: [...CDF_PROBABILITIES],
    perWorkload,
    fct: groups.filter((g) => g.fct.length > 0).map((g) => distribution(g.name, g.fct)),
    slowdown: groups.filter((g) => g.slow.length > 0).map((g) => distribution(g.name, g.slow)),
    buckets,
    status: [...status].map(([s, count]) => ({ status: s, flows: count })),
  };
  if (groups.some((g) => g.shake.length > 0)) summary.handshakes = groups.filter((g) => g.shake.length > 0).map((g) => distribution(g.name, g.shake));
  return summary;
}

function bucketLabel(lo: number, hi: number): string {
  const b = (x: number) => (x >= 1e9 ? `${x / 1e9} GB` : x >= 1e6 ? `${x / 1e6} MB` : `${x / 1e3} KB`);
  if (lo === 0) return `< ${b(hi)}`;
  if (hi === Infinity) return `≥ ${b(lo)}`;
  return `${b(lo)}–${b(hi)}`;
}
