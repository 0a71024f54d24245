// reportClientScript: the script of a report page — draws every chart with Observable Plot from the data embedded in the page.

/**
 * Browser code (ES2019, no modules) run after d3, Plot and the chart kit (chartKitScript)
 * are defined. It reads the JSON of `<script id="report-data">` and draws into each
 * `<figure data-chart="ID">` the chart named ID (chokepointCharts.drawAll). Charts
 * whose x axis is run time mark the scenario's events (events.csv): a dashed rule per
 * event, a shaded band over a surge's window.
 *
 * Kept as text (no backquotes, no template placeholders inside) so it is inlined as is; its
 * non-ASCII characters are written as `${"·"}` (the same text), so that the CLI's bundle stays
 * ASCII, which Node reads into a one-byte string (scripts/bundleCli.ts).
 */
export const REPORT_CLIENT_SCRIPT = String.raw`
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var WIDTH = 980;
  var C = window.chokepointCharts;
  var WIDTH = C.WIDTH, cdf = C.cdf, hbar = C.hbar, positive = C.positive;
  var present = [];
  data.scenario.topology.tiers.forEach(function (t) { present.push(t.tier); });
  data.verdict.tiers.forEach(function (t) { present.push(t.tier); });
  data.links.ranked.forEach(function (r) { present.push(r.tier); });
  var tierColor = C.tierColor(present);
  var events = data.events || [];
  var moments = events.filter(function (e) { return e.untilS === undefined; });
  var windows = events.filter(function (e) { return e.untilS !== undefined; });

  // Scenario events in red (a surge's window shaded), routing convergences in grey without a label.
  var changes = moments.filter(function (e) { return e.kind !== "converge"; });
  var converges = moments.filter(function (e) { return e.kind === "converge"; });
  function eventLabel(e) { return e.target.length <= 24 ? e.kind + " " + e.target : e.kind; }
  function eventTitle(e) {
    return e.kind + " " + e.target + " at " + e.atS + " s" + (e.untilS !== undefined ? " until " + e.untilS + " s" : "") + (e.detail ? " (" + e.detail + ")" : "");
  }
  function eventMarks() {
    return [
      Plot.rectX(windows, { x1: "atS", x2: "untilS", fill: "#b42318", fillOpacity: 0.08, title: eventTitle }),
      Plot.ruleX(converges, { x: "atS", stroke: "#8a8f98", strokeDasharray: "2,3", title: eventTitle }),
      Plot.ruleX(changes, { x: "atS", stroke: "#b42318", strokeDasharray: "4,3", title: eventTitle }),
      Plot.text(changes.concat(windows), { x: "atS", text: eventLabel, frameAnchor: "top", textAnchor: "start", dx: 3, dy: 4, fill: "#b42318", fontSize: 10 })
    ];
  }
  function series(points, yLabel, percent, colorOptions) { return C.series(points, yLabel, percent, colorOptions, eventMarks()); }

  var renderers = {
    "verdict-tiers": function () {
      var rows = data.verdict.tiers.filter(function (t) { return t.share > 0; });
      return hbar(rows, "share", "tier", { fill: "tier", color: tierColor, x: { label: "share of the run's bottleneck flow-seconds (%)", percent: true } });
    },
    "verdict-workloads": function () {
      var rows = [];
      data.verdict.workloads.forEach(function (w) {
        w.tiers.forEach(function (t) { if (t.share > 0) rows.push({ workload: w.workload, tier: t.tier, share: t.share, bottleneckFlowS: t.bottleneckFlowS }); });
      });
      return hbar(rows, "share", "workload", { fill: "tier", color: tierColor, sort: false, x: { label: "share of the workload's bottleneck flow-seconds (%)", percent: true } });
    },
    "verdict-cost": function () {
      var rows = [];
      var parts = ["gpu_idle_network", "egress", "wan", "capex"];
      var byWorkload = {};
      data.verdict.cost.forEach(function (c) {
        byWorkload[c.workload] = byWorkload[c.workload] || {};
        byWorkload[c.workload][c.item] = c.usd;
      });
      Object.keys(byWorkload).forEach(function (w) {
        var items = byWorkload[w];
        if (items.gpu !== undefined) rows.push({ workload: w, item: "gpu computing", usd: items.gpu - (items.gpu_idle_network || 0) });
        parts.forEach(function (p) { if (items[p] !== undefined) rows.push({ workload: w, item: p, usd: items[p] }); });
      });
      return hbar(rows.filter(function (r) { return r.usd > 0; }), "usd", "workload", { fill: "item", sort: false, x: { label: "US dollars" } });
    },
    "flows-fct": function () { return cdf(data.flows.fct, data.flows.probabilities, "flow completion time (s)"); },
    "flows-slowdown": function () { return cdf(data.flows.slowdown, data.flows.probabilities, "slowdown (FCT ${"÷"} ideal FCT)"); },
    "flows-buckets": function () {
      var rows = [];
      data.flows.buckets.forEach(function (b) {
        rows.push({ workload: b.workload, bucket: b.bucket, percentile: "p50", slowdown: b.p50, flows: b.flows });
        rows.push({ workload: b.workload, bucket: b.bucket, percentile: "p99", slowdown: b.p99, flows: b.flows });
      });
      var order = [];
      data.flows.buckets.slice().sort(function (a, b) { return a.loBytes - b.loBytes; }).forEach(function (b) { if (order.indexOf(b.bucket) < 0) order.push(b.bucket); });
      var p50 = rows.filter(function (r) { return r.percentile === "p50"; });
      var p99 = rows.filter(function (r) { return r.percentile === "p99"; });
      return Plot.plot({
        width: WIDTH, height: 300, marginLeft: 50,
        x: { type: "point", domain: order, label: "flow size", padding: 0.3 },
        y: { type: positive(rows, "slowdown") ? "log" : "linear", label: "slowdown (p50 dashed, p99 solid)", grid: true },
        color: { legend: true },
        marks: [
          Plot.line(p50, { x: "bucket", y: "slowdown", stroke: "workload", z: "workload", strokeDasharray: "4,3" }),
          Plot.line(p99, { x: "bucket", y: "slowdown", stroke: "workload", z: "workload" }),
          Plot.dot(rows, { x: "bucket", y: "slowdown", fill: "workload", symbol: "percentile", r: 4, tip: true })
        ]
      });
    },
    "flows-handshakes": function () { return cdf(data.flows.handshakes, data.flows.probabilities, "connection set-up time (s)"); },
    "links-ranked": function () {
      var rows = data.links.ranked.slice(0, 15);
      return hbar(rows, "bottleneckFlowS", "resource", { fill: "tier", color: tierColor, x: { label: "bottleneck flow-seconds" } });
    },
    "links-tiers": function () {
      return hbar(data.links.tiers, "meanUtil", "tier", {
        fill: "tier", color: tierColor, x: { label: "mean utilisation of the tier's channels (%); tick: the busiest channel", percent: true },
        extra: [Plot.tickX(data.links.tiers, { x: "maxMeanUtil", y: "tier", stroke: "#1b1f24", strokeWidth: 2 })]
      });
    },
    "links-series": function () { return series(data.links.series.links, "utilisation (%)", true); },
    "tiers-series": function () { return series(data.links.series.tiers, "tier utilisation (%)", true, tierColor); },
    "workloads-series": function () { return series(data.links.series.workloads, "throughput (Gb/s)", false); },
    "queues-links": function () {
      var rows = data.links.queues.links;
      return hbar(rows, "delayP99S", "link", {
        fill: "tier", color: tierColor, x: { label: "queueing delay p99 (s); tick: mean" },
        extra: [Plot.tickX(rows, { x: "delayMeanS", y: "link", stroke: "#1b1f24", strokeWidth: 2 })]
      });
    },
    "queues-tiers": function () {
      var rows = data.verdict.tiers.filter(function (t) { return t.queueingFlowS > 0; });
      return hbar(rows, "queueingFlowS", "tier", { fill: "tier", color: tierColor, x: { label: "flow-seconds waiting in the tier's queues" } });
    },
    "queues-series": function () { return series(data.links.queues.series, "mean queueing delay (s)", false); },
    "training-timeline": function () {
      var rows = [];
      data.training.iterations.forEach(function (it) {
        var a = it.startS, b = a + it.computeS, c = b + it.bubbleS, d = c + it.exposedS;
        var label = it.first === it.last ? "iteration " + it.first : "iterations " + it.first + "${"–"}" + it.last;
        rows.push({ job: it.job, part: "compute", x1: a, x2: b, seconds: it.computeS, iteration: label });
        if (it.bubbleS > 0) rows.push({ job: it.job, part: "pipeline bubble", x1: b, x2: c, seconds: it.bubbleS, iteration: label });
        if (it.exposedS > 0) rows.push({ job: it.job, part: "exposed communication", x1: c, x2: d, seconds: it.exposedS, iteration: label });
      });
      var jobs = data.training.jobs.length;
      return Plot.plot({
        width: WIDTH, height: Math.max(140, 50 * jobs + 70), marginLeft: 90,
        x: { label: "time (s)", grid: true },
        y: { label: null },
        color: { domain: ["compute", "pipeline bubble", "exposed communication"], range: ["#59a14f", "#edc948", "#e15759"], legend: true },
        marks: eventMarks().concat([
          Plot.barX(rows, { x1: "x1", x2: "x2", y: "job", fill: "part", inset: 0, tip: true })
        ])
      });
    },
    "training-collectives": function () {
      var rows = data.training.collectives.map(function (c) { return Object.assign({ label: c.job + " ${"·"} " + c.name }, c); });
      return hbar(rows, "busbwP50", "label", {
        fill: "kind", sort: false, x: { label: "busbw (Gb/s): bar median, line lowest${"–"}highest; dot: algbw median" },
        extra: [
          Plot.ruleY(rows, { y: "label", x1: "busbwMin", x2: "busbwMax", stroke: "#1b1f24" }),
          Plot.dot(rows, { y: "label", x: "algbwP50", fill: "#1b1f24", r: 3 })
        ]
      });
    },
    "requests-total": function () { return cdf(data.requests.total, data.requests.probabilities, "request latency (s)"); },
    "requests-ttft": function () { return cdf(data.requests.ttft, data.requests.probabilities, "time to first token (s)"); },
    "requests-tpot": function () { return cdf(data.requests.tpot, data.requests.probabilities, "time per output token (s)"); },
    "requests-breakdown": function () {
      var rows = [];
      data.requests.populations.forEach(function (p) {
        rows.push({ population: p.population, part: "queue", seconds: p.meanQueueS });
        rows.push({ population: p.population, part: "network", seconds: p.meanNetworkS });
        rows.push({ population: p.population, part: "service", seconds: p.meanServiceS });
      });
      return hbar(rows, "seconds", "population", { fill: "part", sort: false, x: { label: "mean seconds per request" } });
    },
    "tasks-total": function () { return cdf(data.requests.tasks, data.requests.probabilities, "task time (s)"); },
    "dynamics-timeline": function () {
      return Plot.plot({
        width: WIDTH, height: Math.max(120, 28 * new Set(events.map(function (e) { return e.kind; })).size + 60), marginLeft: 90,
        x: { label: "time (s)", grid: true, domain: [0, Math.max(data.scenario.endS || 0, d3.max(events, function (e) { return e.untilS === undefined ? e.atS : e.untilS; }))] },
        y: { label: null },
        marks: [
          Plot.barX(windows, { x1: "atS", x2: "untilS", y: "kind", fill: "#b42318", fillOpacity: 0.3, tip: true }),
          Plot.dot(events, { x: "atS", y: "kind", fill: "#b42318", r: 5, tip: true })
        ]
      });
    }
  };

  C.drawAll(renderers);
})();
`;
