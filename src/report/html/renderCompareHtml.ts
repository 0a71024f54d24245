// renderCompareHtml: a comparison's page — the verdict (targets, key metrics, where each run choked, cost), then the run page's charts with the runs overlaid.
import { htmlPage } from "./htmlPage.js";
import type { CompareData } from "./CompareData.js";
import type { InlineScript } from "./chartLibraryScripts.js";
import { COMPARE_CLIENT_SCRIPT } from "./compareClientScript.js";
import { escapeHtml } from "./escapeHtml.js";
import { formatValue } from "./formatValue.js";
import { htmlFigure as figure } from "./htmlFigure.js";
import { htmlTable } from "./htmlTable.js";
import { metricDirection } from "./metricDirection.js";

/** summary.csv columns in the headline table, when the runs have them (then the cost rows). */
const HEADLINE = ["finished", "makespan_s", "throughput_gbps", "fct_p50_s", "fct_p99_s", "slowdown_p99", "iteration_mean_s", "gpu_utilization", "network_wait_share", "queueing_share", "request_p99_s", "ttft_p50_s", "tpot_p50_s"];

/**
 * The page: the verdict in sentences and a table of the headline metrics (each run's cell
 * as its CSV writes it in `data-value`, its difference to the first run beside it, the best
 * in bold), the targets met, then charts drawn in the browser (COMPARE_CLIENT_SCRIPT and
 * the chart kit, with the inlined `scripts`) and the runs compared. Self-contained like
 * the run page.
 */
export function renderCompareHtml(data: CompareData, scripts: readonly InlineScript[]): string {
  const labels = data.runs.map((r) => r.label);
  const title = `${labels.join(" vs ")}`;
  const reports = data.runs.map((r) => r.report);
  const any = (f: (r: (typeof reports)[number]) => boolean) => reports.some(f);
  const sections: Array<[string, string, string]> = [["verdict", "Verdict: which meets which target, and what it costs", verdict(data)]];
  let flows = "";
  if (any((r) => r.flows.fct.length > 0)) {
    flows += figure("cmp-fct", "Flow completion time (CDF)", "fct_s of finished flows, per run");
    flows += figure("cmp-slowdown", "Slowdown (CDF)", "FCT ÷ ideal FCT, per run");
    flows += figure("cmp-buckets", "p99 slowdown by flow size", "per run and size bucket");
  }
  sections.push(["flows", "Flow completion", flows || `<p class="note">No flow finished in any run.</p>`]);
  sections.push(["links", "Links", figure("cmp-link-tiers", "Utilisation per tier", "mean of the channels' mean_util over each run (links.csv)")]);
  if (any((r) => r.training !== undefined)) sections.push(["training", "Training", figure("cmp-training", "Where an iteration's time went", "mean compute, pipeline bubble and exposed communication per iteration (jobs.csv)")]);
  if (any((r) => (r.requests?.total.length ?? 0) > 0)) {
    let s = figure("cmp-requests", "Request latency (CDF)", "total_s per run and population (requests.csv)");
    if (any((r) => (r.requests?.ttft.length ?? 0) > 0)) s += figure("cmp-ttft", "Time to first token (CDF)", "ttft_s");
    if (any((r) => (r.requests?.tpot.length ?? 0) > 0)) s += figure("cmp-tpot", "Time per output token (CDF)", "tpot_s");
    sections.push(["serving", "Serving and agents", s]);
  }
  sections.push(["runs", "Runs", runsTable(data)]);
  return htmlPage({
    title,
    kind: "comparison",
    extraStyle: `
td.best { font-weight: 700; }
td .delta { display: block; color: var(--muted); font-size: 11px; font-weight: 400; }
td.met { color: #1a7f37; font-weight: 600; }
td.missed { color: var(--accent); font-weight: 600; }
`,
    metaHtml: `${data.runs.length} runs compared against the first, ${escapeHtml(labels[0])} · compare.csv holds every metric`,
    sections,
    nav: true,
    dataId: "compare-data",
    data: { runs: data.runs.map((r) => ({ label: r.label, report: r.report })) },
    clientScript: COMPARE_CLIENT_SCRIPT,
    scripts,
  });
}

function verdict(d: CompareData): string {
  let out = `<ul class="verdict">${d.sentences.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ul>`;
  if (d.targets.length > 0) {
    out += `<h3>Targets</h3><table><thead><tr><th class="text">target</th>${d.runs.map((r) => `<th>${escapeHtml(r.label)}</th>`).join("")}</tr></thead><tbody>
${d.targets
  .map((t) => {
    const cells = d.runs.map((r) => {
      const row = d.rows.find((x) => x.metric === t.metric && x.run === r.label)!;
      return `<td class="${row.meets ? "met" : "missed"}" data-run="${escapeHtml(r.label)}" data-target="${escapeHtml(t.text)}" data-meets="${row.meets ? "yes" : "no"}">${row.meets ? "✓" : "✗"} ${escapeHtml(row.cell || "—")}</td>`;
    });
    return `<tr><td class="text">${escapeHtml(t.text)}</td>${cells.join("")}</tr>`;
  })
  .join("\n")}
</tbody></table>`;
  }
  // The headline metrics: each run's summary.csv cell, its difference to the first run, the best in bold.
  const units = new Map(d.runs.flatMap((r) => r.report.headline.map((h) => [h.column, { label: h.label, unit: h.unit }] as const)));
  const metrics: Array<[string, string, Parameters<typeof formatValue>[1]]> = [
    ...HEADLINE.filter((m) => units.has(m)).map((m): [string, string, Parameters<typeof formatValue>[1]] => [m, units.get(m)!.label, units.get(m)!.unit]),
    ...(["cost_gpu_idle_network_usd", "cost_total_usd"] as const).filter((m) => d.metrics.includes(m)).map((m): [string, string, "usd"] => [m, m === "cost_total_usd" ? "cost (all)" : "GPU idle on the network", "usd"]),
  ];
  const body = metrics
    .map(([metric, label, unit]) => {
      const rows = d.rows.filter((x) => x.metric === metric);
      const finite = rows.filter((x) => Number.isFinite(x.value));
      const dir = metricDirection(metric);
      const best = dir === 0 || finite.length < 2 ? NaN : dir < 0 ? Math.min(...finite.map((x) => x.value)) : Math.max(...finite.map((x) => x.value));
      const allSame = finite.every((x) => x.value === finite[0]?.value);
      const cells = rows.map((x, i) => {
        const delta = i > 0 && Number.isFinite(x.ratio) ? `<span class="delta">${x.ratio >= 1 ? "+" : "−"}${escapeHtml(formatValue(Math.abs(x.ratio - 1), "share"))}</span>` : "";
        return `<td class="${x.value === best && !allSame ? "best" : ""}" data-run="${escapeHtml(x.run)}" data-column="${escapeHtml(metric)}" data-value="${escapeHtml(x.cell)}" title="${escapeHtml(x.cell)}">${escapeHtml(formatValue(x.value, unit))}${delta}</td>`;
      });
      return `<tr><td class="text">${escapeHtml(label)}</td>${cells.join("")}</tr>`;
    })
    .join("\n");
  out += `<h3>Headline numbers</h3><p class="note">Each run's summary.csv and cost.csv; under each, the difference to ${escapeHtml(d.runs[0].label)}; the better value in bold.</p>
<table><thead><tr><th class="text">metric</th>${d.runs.map((r) => `<th>${escapeHtml(r.label)}</th>`).join("")}</tr></thead><tbody>
${body}
</tbody></table>`;
  out += figure("cmp-tiers", "Where each run choked", "share of each run's bottleneck flow-seconds by tier (tiers.csv, workload all)");
  if (d.runs.some((r) => r.report.verdict.cost.some((c) => c.workload === "all" && c.usd > 0 && ["gpu", "egress", "wan", "capex"].includes(c.item)))) {
    out += figure("cmp-cost", "What each run cost", "US dollars by item (cost.csv, all); GPU time idle on the network is part of the GPU spend");
  }
  return out;
}

function runsTable(d: CompareData): string {
  return (
    htmlTable(
      ["run", "directory", "scenario", "file", "sha256", "seed", "paired with the first"],
      d.runs.map((r, i) => [r.label, r.dir, r.report.scenario.name, r.report.scenario.file, r.report.scenario.hash, String(r.seed), i === 0 ? "—" : r.seed === d.runs[0].seed ? "yes (same seed)" : "no"]),
    ) +
    `<p class="note">Runs with the first run's seed draw the same random numbers for workloads of the same name, so compare.csv gives their difference as a paired one (paired_diff).</p>`
  );
}
