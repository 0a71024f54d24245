// summarizeVerdict: where a run choked (tiers.csv, workload-bottlenecks.csv) and what it cost (cost.csv, summary.csv), in numbers and sentences.
import type { CsvTable } from "./parseCsvText.js";
import type { TierShare, Verdict } from "./RunReportData.js";
import { formatValue } from "./formatValue.js";
import { tableColumns } from "./tableColumns.js";

/** The CSVs the verdict reads (each absent when the run wrote no workload reports). */
export interface VerdictTables {
  tiers?: CsvTable;
  workloadBottlenecks?: CsvTable;
  cost?: CsvTable;
  /** Workload kinds, from workloads.csv. */
  kinds: ReadonlyMap<string, string>;
  /** summary.csv's header and row. */
  summary: ReadonlyMap<string, string>;
}

/**
 * The verdict: tiers.csv rows of `all` and of each workload (largest `bottleneck_share`
 * first, ties in file order), each workload's rank-1 resource from
 * workload-bottlenecks.csv, cost.csv's rows, and sentences naming the tiers that held
 * most of the bottleneck flow-seconds, each workload's first tier and resource, and what
 * the run cost (GPU spend idle on the network, with summary.csv's network_wait_share).
 */
export function summarizeVerdict(t: VerdictTables): Verdict {
  const byWorkload = new Map<string, TierShare[]>();
  if (t.tiers) {
    const c = tableColumns(t.tiers);
    for (const r of t.tiers.rows) {
      const w = c.text(r, "workload");
      const list = byWorkload.get(w) ?? [];
      byWorkload.set(w, list);
      const share: TierShare = {
        tier: c.text(r, "tier"),
        bottleneckFlowS: c.num(r, "bottleneck_flow_s"),
        share: c.num(r, "bottleneck_share"),
        bytes: c.num(r, "bytes"),
        flows: c.num(r, "flows"),
      };
      if (c.has("queueing_flow_s")) share.queueingFlowS = c.num(r, "queueing_flow_s");
      list.push(share);
    }
  }
  const ranked = (xs: TierShare[]) => [...xs].sort((a, b) => (b.share || 0) - (a.share || 0));
  const tops = new Map<string, NonNullable<Verdict["workloads"][number]["top"]>>();
  if (t.workloadBottlenecks) {
    const c = tableColumns(t.workloadBottlenecks);
    for (const r of t.workloadBottlenecks.rows) {
      const w = c.text(r, "workload");
      if (c.text(r, "rank") !== "1" || tops.has(w)) continue;
      tops.set(w, { resource: c.text(r, "resource"), tier: c.text(r, "tier"), share: c.num(r, "bottleneck_share"), bottleneckFlowS: c.num(r, "bottleneck_flow_s") });
    }
  }
  const cost: Verdict["cost"] = [];
  if (t.cost) {
    const c = tableColumns(t.cost);
    for (const r of t.cost.rows) cost.push({ workload: c.text(r, "workload"), item: c.text(r, "item"), usd: c.num(r, "usd") });
  }
  const tiers = ranked(byWorkload.get("all") ?? []);
  const workloads = [...byWorkload.keys()]
    .filter((w) => w !== "all")
    .map((w) => ({ workload: w, kind: t.kinds.get(w) ?? "", tiers: ranked(byWorkload.get(w)!), ...(tops.has(w) && { top: tops.get(w)! }) }));
  return { sentences: sentences(tiers, workloads, cost, t.summary), tiers, workloads, cost };
}

function sentences(tiers: TierShare[], workloads: Verdict["workloads"], cost: Verdict["cost"], summary: ReadonlyMap<string, string>): string[] {
  const pct = (x: number) => formatValue(x, "share");
  const tierName = (tier: string) => (tier === "cap" ? "the flows' own rate caps" : tier);
  const out: string[] = [];
  const bound = tiers.filter((x) => x.share > 0);
  if (bound.length === 0) out.push("No flow was ever bound by a resource: nothing choked.");
  else {
    const [first, ...rest] = bound;
    out.push(
      `The run choked at ${tierName(first.tier)}: ${pct(first.share)} of the bottleneck flow-seconds` +
        (rest.length > 0 ? `, then ${rest.slice(0, 2).map((x) => `${tierName(x.tier)} ${pct(x.share)}`).join(", ")}` : "") +
        " (tiers.csv).",
    );
  }
  for (const w of workloads) {
    const best = w.tiers.find((x) => x.share > 0);
    if (!best) continue;
    out.push(
      `${w.workload}${w.kind ? ` (${w.kind})` : ""}: ${pct(best.share)} at ${tierName(best.tier)}` +
        (w.top && w.top.resource !== "cap" ? `, longest at ${w.top.resource} (${pct(w.top.share)})` : "") +
        ".",
    );
  }
  const usd = (workload: string, item: string) => cost.find((c) => c.workload === workload && c.item === item)?.usd;
  const gpu = usd("all", "gpu");
  const idle = usd("all", "gpu_idle_network");
  const total = usd("all", "total");
  if (gpu !== undefined && gpu > 0) {
    const wait = Number(summary.get("network_wait_share"));
    out.push(
      `GPU time idle on the network cost ${formatValue(idle ?? 0, "usd")} of ${formatValue(gpu, "usd")} spent on GPUs` +
        (Number.isFinite(wait) && summary.get("network_wait_share") !== "" ? ` (${pct(wait)} of GPU time waiting on the network)` : "") +
        (total !== undefined ? `; the run cost ${formatValue(total, "usd")} in all (cost.csv).` : " (cost.csv)."),
    );
  } else if (total !== undefined) {
    const parts = ["egress", "wan", "capex"].map((i) => [i, usd("all", i)] as const).filter(([, v]) => v !== undefined && v > 0);
    out.push(`The run cost ${formatValue(total, "usd")}${parts.length > 0 ? ` (${parts.map(([i, v]) => `${i} ${formatValue(v!, "usd")}`).join(", ")})` : ""}; it held no GPUs (cost.csv).`);
  }
  return out;
}
