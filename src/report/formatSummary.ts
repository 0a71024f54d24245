// formatSummary: a short human-readable summary of a run for stdout, leading with where it choked by tier and by workload.
import { formatSeconds } from "./formatSeconds.js";
import type { RunSummary } from "./summarizeRun.js";

/** Shares of bottleneck flow-seconds by tier, for the run (`all`) and per workload, largest first: tiers.csv's `bottleneck_share`. */
export interface TierShares {
  all: Array<[tier: string, share: number]>;
  workloads: Array<[workload: string, tiers: Array<[tier: string, share: number]>]>;
}

/** Options of {@link formatSummary}. */
export interface FormatSummaryOptions {
  /** tiers.csv's shares; without them the tiers come from the resources of bottlenecks.csv. */
  tiers?: TierShares;
  /** Resources listed after the tiers (default 3). */
  top?: number;
  /** Workloads listed (default 8; the rest are counted). */
  workloads?: number;
}

/**
 * A few lines for people, leading with the verdict: the tiers that held the run's
 * bottleneck flow-seconds and each workload's tiers (tiers.csv), then flows finished,
 * makespan, throughput, FCT and slowdown percentiles, and the `top` resources that
 * bound flows longest. Numbers are rounded for reading; the CSVs keep full precision.
 */
export function formatSummary(summary: RunSummary, options: FormatSummaryOptions = {}): string {
  const s = summary;
  const top = options.top ?? 3;
  const lines: string[] = [];
  const all = options.tiers?.all ?? tiersOfResources(s);
  const bound = all.filter(([, x], i) => x >= 5e-4 || (i === 0 && x > 0));
  if (bound.length === 0) lines.push("where it choked: nowhere — no flow was ever bound by a resource");
  else lines.push(`where it choked (share of bottleneck flow-seconds${options.tiers ? ", tiers.csv" : ""}): ${shares(bound, 4)}`);
  const workloads = (options.tiers?.workloads ?? []).filter(([, t]) => t.some(([, x]) => x > 0));
  const shown = options.workloads ?? 8;
  // A tier under 0.05 % would print as 0.0 %: left out, unless it is all the workload has.
  for (const [w, t] of workloads.slice(0, shown)) lines.push(`  ${w}: ${shares(t.filter(([, x], i) => x >= 5e-4 || (i === 0 && x > 0)), 3)}`);
  if (workloads.length > shown) lines.push(`  … and ${workloads.length - shown} more workloads (tiers.csv)`);
  lines.push(
    `flows: ${s.finished.toLocaleString("en-US")}/${s.flows.toLocaleString("en-US")} finished, ${bytes(s.bytes)} delivered`,
    `makespan: ${seconds(s.makespanS)}, throughput: ${num(s.throughputGbps)} Gb/s`,
    `FCT p50/p95/p99: ${seconds(s.fctP50S)} / ${seconds(s.fctP95S)} / ${seconds(s.fctP99S)}`,
    `slowdown p50/p95/p99: ${num(s.slowdownP50)} / ${num(s.slowdownP95)} / ${num(s.slowdownP99)}`,
  );
  if (s.bottlenecks.length > 0 && top > 0) {
    lines.push(`longest-binding resources (bottlenecks.csv): ${s.bottlenecks.slice(0, top).map((b) => `${b.name} [${b.tier}] ${pct(b.share)}`).join(", ")}`);
  }
  return lines.join("\n");
}

/** Tier shares from the resources' bottleneck flow-seconds (time at a flow's own cap is not in them). */
function tiersOfResources(s: RunSummary): Array<[string, number]> {
  const byTier = new Map<string, number>();
  let total = 0;
  for (const b of s.bottlenecks) {
    byTier.set(b.tier, (byTier.get(b.tier) ?? 0) + b.bottleneckFlowS);
    total += b.bottleneckFlowS;
  }
  return [...byTier].map(([t, x]): [string, number] => [t, total > 0 ? x / total : 0]).sort((a, b) => b[1] - a[1]);
}

function shares(list: Array<[string, number]>, most: number): string {
  const named = (t: string) => (t === "cap" ? "own rate cap" : t);
  return list.slice(0, most).map(([t, x]) => `${named(t)} ${pct(x)}`).join(", ") + (list.length > most ? `, … (${list.length - most} more)` : "");
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

function num(x: number): string {
  return Number.isFinite(x) ? String(Number(x.toPrecision(4))) : "-";
}

function seconds(s: number): string {
  return Number.isFinite(s) ? formatSeconds(s) : "-";
}

function bytes(b: number): string {
  const units = ["B", "KB", "MB", "GB", "TB", "PB"];
  let i = 0;
  while (b >= 1000 && i < units.length - 1) {
    b /= 1000;
    i++;
  }
  return `${num(b)} ${units[i]}`;
}
