// readComparison: read several runs' directories and set their metrics side by side against the first, with targets.
import { basename, resolve } from "node:path";
import { InputError } from "../../core/InputError.js";
import type { CompareData, CompareRow, ComparedRun } from "./CompareData.js";
import { formatValue } from "./formatValue.js";
import { meetsTarget } from "./meetsTarget.js";
import { metricDirection } from "./metricDirection.js";
import { parseTargets } from "./parseTargets.js";
import { readRunReport } from "./readRunReport.js";
import { refuseStagingDirectory } from "../stagingTarget.js";
import { runMetrics } from "./runMetrics.js";

/** Metrics the verdict sentences compare, when the runs have them. */
export const VERDICT_METRICS: ReadonlyArray<[metric: string, label: string, unit: Parameters<typeof formatValue>[1]]> = [
  ["fct_p99_s", "FCT p99", "s"],
  ["slowdown_p99", "slowdown p99", "ratio"],
  ["iteration_mean_s", "iteration", "s"],
  ["gpu_utilization", "GPU utilisation", "share"],
  ["request_p99_s", "request p99", "s"],
  ["ttft_p99_s", "TTFT p99", "s"],
  ["queueing_share", "flow time in queues", "share"],
  ["cost_gpu_idle_network_usd", "GPU idle on the network", "usd"],
  ["cost_total_usd", "cost", "usd"],
];

/**
 * Read each of `dirs` (run directories, readRunReport) and compare every metric
 * (runMetrics) with the first run's: difference, ratio and, for a run with the first
 * run's seed, the paired difference. `targetsText` (`--target`) lists targets each run is
 * checked against. Throws InputError for fewer than two directories, a directory that
 * holds no run reports, or a bad target.
 */
export function readComparison(dirs: readonly string[], targetsText?: string): CompareData {
  if (dirs.length < 2) throw new InputError(`"chokepoint compare" takes two or more run directories, found ${dirs.length}`);
  const seen = new Set<string>();
  for (const d of dirs) {
    if (seen.has(resolve(d))) throw new InputError(`${d} is given twice — compare distinct run directories`);
    seen.add(resolve(d));
  }
  for (const d of dirs) refuseStagingDirectory(d);
  const reports = dirs.map((d) => readRunReport(d));
  const labels = uniqueLabels(dirs, reports.map((r) => r.scenario.name));
  const runs: ComparedRun[] = reports.map((report, i) => ({ label: labels[i], dir: dirs[i], seed: report.scenario.seed, report }));
  const metricsOf = dirs.map((d) => new Map(runMetrics(d)));
  const metrics: string[] = [];
  for (const m of metricsOf) for (const k of m.keys()) if (!metrics.includes(k)) metrics.push(k);
  const targets = targetsText ? parseTargets(targetsText, new Set(metrics)) : [];
  const rows: CompareRow[] = [];
  for (const metric of metrics) {
    const target = targets.find((t) => t.metric === metric);
    const cellOf = (i: number) => metricsOf[i].get(metric) ?? "";
    const valueOf = (i: number) => (cellOf(i) === "" ? NaN : Number(cellOf(i)));
    const first = valueOf(0);
    runs.forEach((r, i) => {
      const value = valueOf(i);
      const diff = value - first;
      const row: CompareRow = {
        metric,
        run: r.label,
        dir: r.dir,
        seed: r.seed,
        cell: cellOf(i),
        value,
        diff,
        ratio: first !== 0 ? value / first : NaN,
        pairedDiff: r.seed === runs[0].seed ? diff : NaN,
      };
      if (target) {
        row.target = target.text;
        row.meets = meetsTarget(value, target);
      }
      rows.push(row);
    });
  }
  return { runs, metrics, rows, targets, sentences: verdict(runs, rows, targets) };
}

/** Scenario names, or the directories' names where names repeat, or numbered where those repeat too. */
function uniqueLabels(dirs: readonly string[], names: readonly string[]): string[] {
  const repeated = (xs: readonly string[], x: string) => xs.filter((y) => y === x).length > 1;
  const first = names.map((n, i) => (n === "" || repeated(names, n) ? basename(resolve(dirs[i])) : n));
  return first.map((l, i) => (repeated(first, l) ? `${l} (${i + 1})` : l));
}

function verdict(runs: ComparedRun[], rows: CompareRow[], targets: CompareData["targets"]): string[] {
  const out: string[] = [];
  if (targets.length > 0) {
    const met = runs.map((r) => rows.filter((x) => x.run === r.label && x.meets === true).length);
    const best = Math.max(...met);
    out.push(
      runs.map((r, i) => `${r.label} meets ${met[i] === targets.length ? "every target" : `${met[i]} of ${targets.length} targets`}`).join("; ") +
        (best > 0 ? ` (${targets.map((t) => t.text).join(", ")}).` : "."),
    );
    for (const t of targets) {
      const yes = rows.filter((x) => x.metric === t.metric && x.meets).map((x) => x.run);
      const no = rows.filter((x) => x.metric === t.metric && !x.meets).map((x) => x.run);
      out.push(`${t.text}: ${yes.length > 0 ? `met by ${yes.join(", ")}` : "met by none"}${no.length > 0 ? `; not by ${no.join(", ")}` : ""}.`);
    }
  }
  for (const [metric, label, unit] of VERDICT_METRICS) {
    const xs = rows.filter((x) => x.metric === metric);
    // Nothing to compare where fewer than two runs have the metric, or every run has 0 (no GPU idle time, no cost).
    if (xs.filter((x) => Number.isFinite(x.value)).length < 2 || xs.every((x) => x.value === 0)) continue;
    const dir = metricDirection(metric);
    const ranked = xs.filter((x) => Number.isFinite(x.value)).sort((a, b) => dir * (b.value - a.value));
    const parts = xs.map((x, i) => `${x.run} ${formatValue(x.value, unit)}${i > 0 && Number.isFinite(x.ratio) ? ` (${x.ratio >= 1 ? "+" : "−"}${formatValue(Math.abs(x.ratio - 1), "share")})` : ""}`);
    const same = ranked[0].value === ranked[ranked.length - 1].value;
    // Every run tied at the best value is named, not the first of them alone.
    const best = ranked.filter((x) => x.value === ranked[0].value).map((x) => x.run);
    const bestText = best.length === 1 ? best[0] : `${best.slice(0, -1).join(", ")} and ${best[best.length - 1]} (tied)`;
    out.push(`${label}: ${parts.join(", ")}${dir !== 0 && !same ? ` — best ${bestText}` : same ? " — the same" : ""}.`);
  }
  const choked = runs.map((r) => {
    const t = r.report.verdict.tiers.find((x) => x.share > 0);
    return t ? `${r.label} at ${t.tier === "cap" ? "its flows' own rate caps" : t.tier} (${formatValue(t.share, "share")})` : `${r.label} nowhere`;
  });
  out.push(`Where they choked: ${choked.join(", ")} (tiers.csv).`);
  return out;
}
