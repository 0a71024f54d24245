// renderRunReportHtml: a run's report page — verdict, flows, links, queues, training, serving, dynamics, scenario — as one self-contained HTML document.
import { htmlPage } from "./htmlPage.js";
import type { Distribution, HeadlineNumber, RunReportData } from "./RunReportData.js";
import type { InlineScript } from "./chartLibraryScripts.js";
import { escapeHtml } from "./escapeHtml.js";
import { formatValue, type ValueUnit } from "./formatValue.js";
import { htmlFigure as figure } from "./htmlFigure.js";
import { htmlTable, type TableCell } from "./htmlTable.js";
import { REPORT_CLIENT_SCRIPT } from "./reportClientScript.js";

/** summary.csv columns shown as cards at the top of the page, when the run has them. */
const CARDS = ["finished", "makespan_s", "throughput_gbps", "fct_p99_s", "slowdown_p99", "gpu_utilization", "network_wait_share", "iteration_mean_s", "queueing_share", "request_p99_s", "ttft_p50_s"];

/**
 * The page: tables and sentences are written here (readable without scripts), charts are
 * drawn in the browser by {@link REPORT_CLIENT_SCRIPT} and the chart kit with the inlined
 * `scripts` (d3 and Plot) from `data`, embedded as JSON. Nothing is fetched: styles, scripts and data are all
 * inline. Every summary.csv number on the page carries `data-column` and `data-value` (the
 * cell as written). The same data gives the same bytes.
 */
export function renderRunReportHtml(data: RunReportData, scripts: readonly InlineScript[]): string {
  const s = data.scenario;
  const title = s.name || "chokepoint run";
  const sections: Array<[id: string, heading: string, body: string]> = [
    ["verdict", "Verdict: where it choked and what it cost", verdict(data)],
    ["flows", "Flow completion", flows(data)],
    ["links", "Links", links(data)],
  ];
  if (data.links.queues) sections.push(["queues", "Queues", queues(data)]);
  if (data.training) sections.push(["training", "Training", training(data)]);
  if (data.requests) sections.push(["serving", "Serving and agents", serving(data)]);
  if (data.events.length > 0) sections.push(["dynamics", "Dynamics", dynamics(data)]);
  sections.push(["scenario", "Scenario", scenario(data)]);
  return htmlPage({
    title,
    kind: "report",
    generator: s.version,
    metaHtml: `seed ${escapeHtml(String(s.seed))} · scenario sha256 ${escapeHtml(s.hash || "unknown")} · ${escapeHtml(s.endReason === "until" ? "stopped at the time limit" : "ran to completion")} at ${escapeHtml(formatValue(s.endS, "s"))} simulated · chokepoint ${escapeHtml(s.version || "unknown")}`,
    sections,
    nav: true,
    dataId: "report-data",
    data,
    clientScript: REPORT_CLIENT_SCRIPT,
    scripts,
  });
}

const num = (x: number, unit: ValueUnit, exact = true): TableCell => ({ value: formatValue(x, unit), ...(exact && Number.isFinite(x) && { title: String(x) }) });

function metric(h: HeadlineNumber): string {
  const x = h.value === "" ? NaN : Number(h.value);
  return `<div class="metric" data-column="${escapeHtml(h.column)}" data-value="${escapeHtml(h.value)}" title="summary.csv ${escapeHtml(h.column)} = ${escapeHtml(h.value || "(empty)")}"><span class="label">${escapeHtml(h.label)}</span><span class="value">${escapeHtml(formatValue(x, h.unit))}</span></div>`;
}

function verdict(d: RunReportData): string {
  const v = d.verdict;
  const cards = CARDS.map((c) => d.headline.find((h) => h.column === c)).filter((h): h is HeadlineNumber => h !== undefined && h.value !== "");
  let out = `<ul class="verdict">${v.sentences.map((x) => `<li>${escapeHtml(x)}</li>`).join("")}</ul>
<div class="headline">${cards.map(metric).join("")}</div>`;
  const tierRow = (w: string) => (t: RunReportData["verdict"]["tiers"][number]): TableCell[] => [w, t.tier, num(t.bottleneckFlowS, "flow_s"), num(t.share, "share"), num(t.bytes, "bytes"), num(t.flows, "count")];
  if (v.tiers.some((t) => t.share > 0)) {
    out += figure("verdict-tiers", "By tier", "share of the run's bottleneck flow-seconds (tiers.csv, workload all)", htmlTable(["workload", "tier", "bottleneck flow-s", "share", "bytes", "flows"], v.tiers.map(tierRow("all"))));
  }
  if (v.workloads.some((w) => w.tiers.some((t) => t.share > 0))) {
    out += figure(
      "verdict-workloads",
      "By workload",
      "each workload's bottleneck flow-seconds by tier (tiers.csv); its longest-binding resource from workload-bottlenecks.csv",
      htmlTable(
        ["workload", "kind", "first tier", "share", "bytes", "longest at", "its share"],
        v.workloads.map((w) => {
          const t = w.tiers[0];
          return [w.workload, w.kind, t?.tier ?? "", num(t?.share ?? NaN, "share"), num(t?.bytes ?? NaN, "bytes"), w.top?.resource ?? "", num(w.top?.share ?? NaN, "share")];
        }),
      ),
    );
  }
  if (v.cost.length > 0) {
    const table = htmlTable(["workload", "item", "usd"], v.cost.map((c) => [c.workload, c.item, num(c.usd, "usd")]));
    const drawn = v.cost.some((c) => c.usd > 0 && ["gpu", "egress", "wan", "capex"].includes(c.item));
    out += drawn
      ? figure("verdict-cost", "What it cost", "US dollars by workload and item (cost.csv); GPU time idle on the network is part of the GPU spend", table)
      : `<h3>What it cost</h3><p class="note">Nothing was billed (cost.csv: every item $0).</p><details><summary>numbers</summary>${table}</details>`;
  }
  return out;
}

/** Table rows of distributions at p50, p90, p99, p99.9 and the maximum. */
function quantileTable(dists: readonly Distribution[], probabilities: readonly number[], unit: ValueUnit): string {
  const at = (d: Distribution, p: number) => d.values[probabilities.indexOf(p)] ?? NaN;
  return htmlTable(
    ["series", "count", "p50", "p90", "p99", "p99.9", "max"],
    dists.map((d) => [d.name, num(d.count, "count"), num(at(d, 0.5), unit), num(at(d, 0.9), unit), num(at(d, 0.99), unit), num(at(d, 0.999), unit), num(at(d, 1), unit)]),
  );
}

function flows(d: RunReportData): string {
  const f = d.flows;
  let out = `<p class="note">flows.csv: ${f.status.map((x) => `${x.flows.toLocaleString("en-US")} ${x.status}`).join(", ")}.${f.perWorkload ? " Each finished flow is counted in its workload (by its id, checked against workloads.csv)." : " The flows could not be told apart by workload from their ids, so every chart shows all flows together."}</p>`;
  if (f.fct.length === 0) return out + `<p class="note">No flow finished.</p>`;
  out += figure("flows-fct", "Flow completion time (CDF)", "fct_s of finished flows, log scale", quantileTable(f.fct, f.probabilities, "s"));
  out += figure("flows-slowdown", "Slowdown (CDF)", "FCT ÷ ideal FCT of finished flows", quantileTable(f.slowdown, f.probabilities, "ratio"));
  out += figure(
    "flows-buckets",
    "Slowdown by flow size",
    "p50 and p99 slowdown of the flows in each size bucket (the standard datacenter view)",
    htmlTable(["series", "size", "flows", "p50", "p95", "p99"], f.buckets.map((b) => [b.workload, b.bucket, num(b.flows, "count"), num(b.p50, "ratio"), num(b.p95, "ratio"), num(b.p99, "ratio")])),
  );
  if (f.handshakes) out += figure("flows-handshakes", "Connection set-up (CDF)", "handshake_s of the flows that opened a connection (count: new connections)", quantileTable(f.handshakes, f.probabilities, "s"));
  return out;
}

function links(d: RunReportData): string {
  const l = d.links;
  let out = "";
  if (l.ranked.length > 0) {
    out += figure(
      "links-ranked",
      "Ranked bottlenecks",
      `the resources that bound flows longest (bottlenecks.csv: ${l.ranked.length} of ${l.rankedOf} shown)`,
      htmlTable(
        ["rank", "resource", "tier", "capacity", "bottleneck flow-s", "share", "saturated", "mean util", "peak util", "bytes"],
        l.ranked.map((r) => [num(r.rank, "count", false), r.resource, r.tier, num(r.capacityGbps, "gbps"), num(r.bottleneckFlowS, "flow_s"), num(r.share, "share"), num(r.saturatedFrac, "share"), num(r.meanUtil, "share"), num(r.peakUtil ?? NaN, "share"), num(r.bytes ?? NaN, "bytes")]),
      ),
    );
  } else out += `<p class="note">No resource bound any flow (bottlenecks.csv is empty).</p>`;
  if (l.tiers.length > 0) {
    out += figure(
      "links-tiers",
      "Utilisation per tier",
      "mean of the channels' mean_util over the run (links.csv)",
      htmlTable(["tier", "channels", "mean util", "busiest channel", "bytes"], l.tiers.map((t) => [t.tier, num(t.channels, "count"), num(t.meanUtil, "share"), num(t.maxMeanUtil, "share"), num(t.bytes, "bytes")])),
    );
  }
  if (l.series) {
    const every = `timeseries.csv, every ${formatValue(l.series.intervalS, "s")}${l.series.links.length > 0 && new Set(l.series.links.map((p) => p.t0)).size < Math.ceil((l.series.links.at(-1)?.t1 ?? 0) / l.series.intervalS - 1e-9) ? ", intervals merged to keep the page small" : ""}; hover for values`;
    if (l.series.links.length > 0) out += figure("links-series", "Busiest links over time", `mean_util of the links of highest mean utilisation (${every})`);
    if (l.series.tiers.length > 0) out += figure("tiers-series", "Tiers over time", `bits the tier's channels moved ÷ their nominal capacity (${every})`);
    if (l.series.workloads.length > 0) out += figure("workloads-series", "Workloads over time", `throughput_gbps of each workload (${every})`);
  } else out += `<p class="note">Add <code>report: { interval: 10ms }</code> to the scenario for utilisation over time (timeseries.csv).</p>`;
  return out;
}

function queues(d: RunReportData): string {
  const q = d.links.queues!;
  let out = "";
  if (q.links.length > 0) {
    out += figure(
      "queues-links",
      "Longest queues",
      "links of highest p99 queueing delay (links.csv queue_* columns)",
      htmlTable(["link", "tier", "mean queue", "p99 queue", "mean delay", "p99 delay", "drops", "marks"], q.links.map((x) => [x.link, x.tier, num(x.meanBytes, "bytes"), num(x.p99Bytes, "bytes"), num(x.delayMeanS, "s"), num(x.delayP99S, "s"), num(x.drops, "count"), num(x.marks, "count")])),
    );
  } else out += `<p class="note">No queue built up at any port (links.csv queue columns are all 0).</p>`;
  const tiers = d.verdict.tiers.filter((t) => (t.queueingFlowS ?? 0) > 0);
  if (tiers.length > 0) {
    out += figure("queues-tiers", "Where flows waited", "tiers.csv queueing_flow_s, workload all", htmlTable(["tier", "queueing flow-s"], tiers.map((t) => [t.tier, num(t.queueingFlowS!, "flow_s")])));
  }
  if (q.series && q.series.length > 0) out += figure("queues-series", "Queueing delay over time", "timeseries.csv queue_delay_mean_s of the links with the longest queues");
  return out;
}

function training(d: RunReportData): string {
  const t = d.training!;
  let out = figure(
    "training-timeline",
    "Iteration timeline",
    "each iteration from its start_s: compute, pipeline bubble, exposed communication (jobs.csv)",
    htmlTable(
      ["job", "iterations", "mean iteration", "compute", "bubble", "exposed comm", "network wait"],
      t.jobs.map((j) => [j.job, num(j.iterations, "count"), num(j.iterationMeanS, "s"), num(j.computeS, "s"), num(j.bubbleS, "s"), num(j.exposedS, "s"), num(j.networkWaitShare, "share")]),
    ),
  );
  if (t.collectives.length > 0) {
    out += figure(
      "training-collectives",
      "Collectives: algbw and busbw",
      `per job and collective (collectives.csv)${t.collectivesLeftOut > 0 ? `; ${t.collectivesLeftOut} shorter ones left out` : ""}`,
      htmlTable(
        ["job", "collective", "kind", "algorithm", "count", "size", "median duration", "median algbw", "median busbw", "lowest busbw", "highest busbw", "bound at"],
        t.collectives.map((c) => [c.job, c.name, c.kind, c.algorithm, num(c.count, "count"), num(c.sizeBytes, "bytes"), num(c.durationP50S, "s"), num(c.algbwP50, "gbps"), num(c.busbwP50, "gbps"), num(c.busbwMin, "gbps"), num(c.busbwMax, "gbps"), c.bottleneckTier]),
      ),
    );
  }
  return out;
}

function serving(d: RunReportData): string {
  const r = d.requests!;
  let out = "";
  if (r.total.length > 0) {
    out += figure("requests-total", "Request latency (CDF)", "total_s per population (requests.csv)", quantileTable(r.total, r.probabilities, "s"));
    out += figure(
      "requests-breakdown",
      "Where a request's time went",
      "mean queue_s, network_s and service_s per population",
      htmlTable(["population", "kind", "target", "requests", "queue", "network", "service", "total"], r.populations.map((p) => [p.population, p.kind, p.target, num(p.count, "count"), num(p.meanQueueS, "s"), num(p.meanNetworkS, "s"), num(p.meanServiceS, "s"), num(p.meanTotalS, "s")])),
    );
  }
  if (r.ttft.length > 0) out += figure("requests-ttft", "Time to first token (CDF)", "ttft_s (requests.csv)", quantileTable(r.ttft, r.probabilities, "s"));
  if (r.tpot.length > 0) out += figure("requests-tpot", "Time per output token (CDF)", "tpot_s (requests.csv)", quantileTable(r.tpot, r.probabilities, "s"));
  if (r.tasks.length > 0) out += figure("tasks-total", "Agent tasks (CDF)", "total_s per population (tasks.csv)", quantileTable(r.tasks, r.probabilities, "s"));
  return out;
}

function dynamics(d: RunReportData): string {
  return figure(
    "dynamics-timeline",
    "Events",
    "the scenario's events (events.csv); the time charts above mark them too",
    htmlTable(["at", "until", "kind", "target", "detail"], d.events.map((e) => [num(e.atS, "s"), num(e.untilS ?? NaN, "s"), e.kind, e.target, e.detail])),
  );
}

function scenario(d: RunReportData): string {
  const s = d.scenario;
  const facts = htmlTable(
    ["run", ""],
    [
      ["scenario", s.name],
      ["file", s.file],
      ["sha256", s.hash],
      ["seed", String(s.seed)],
      ["end", `${s.endReason} at ${formatValue(s.endS, "s")}`],
      ["wall time", formatValue(s.wallS, "s")],
      ["nodes", s.topology.nodes.toLocaleString("en-US")],
      ["directed channels", s.topology.channels.toLocaleString("en-US")],
    ],
  );
  const tiers = htmlTable(["tier", "channels", "capacities"], s.topology.tiers.map((t) => [t.tier, num(t.channels, "count"), { value: t.capacitiesGbps.map((c) => formatValue(c, "gbps")).join(", "), numeric: false }]));
  const summary = `<table><thead><tr><th class="text">summary.csv column</th><th>value</th><th>as written</th></tr></thead><tbody>
${d.headline.map((h) => `<tr data-column="${escapeHtml(h.column)}" data-value="${escapeHtml(h.value)}"><td class="text">${escapeHtml(h.column)}</td><td>${escapeHtml(formatValue(h.value === "" ? NaN : Number(h.value), h.unit))}</td><td class="exact">${escapeHtml(h.value)}</td></tr>`).join("\n")}
</tbody></table>`;
  return `${facts}<h3>Topology</h3><p class="note">Nodes and channels of links.csv (nodes that no link joins are not counted).</p>${tiers}<h3>Every number of summary.csv</h3>${summary}<p class="note">Drawn from ${d.sources.join(", ")} and run.json.</p>`;
}
