// compareClientScript: the script of a comparison page — the run page's charts with the runs overlaid, drawn from the data embedded in the page.

/**
 * Browser code (ES2019, no modules) run after d3, Plot and the chart kit. It reads the
 * JSON of `<script id="compare-data">` (CompareData) and draws each
 * `<figure data-chart="ID">` with the runs overlaid: a series per run (and per workload
 * or population when a run has several), bars grouped by tier with a bar per run.
 *
 * Kept as text (no backquotes, no template placeholders inside) so it is inlined as is; its
 * non-ASCII characters are written as `${"·"}` (the same text), so that the CLI's bundle stays
 * ASCII, which Node reads into a one-byte string (scripts/bundleCli.ts).
 */
export const COMPARE_CLIENT_SCRIPT = String.raw`
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("compare-data").textContent);
  var C = window.chokepointCharts;
  var runs = data.runs;
  var labels = runs.map(function (r) { return r.label; });
  var runColor = { domain: labels, legend: true };

  // Each run's distributions renamed "run" (one series) or "run ${"·"} name" (several).
  function overlaid(pick) {
    var out = [];
    runs.forEach(function (r) {
      var dists = pick(r.report) || [];
      dists.forEach(function (d) { out.push({ name: dists.length === 1 ? r.label : r.label + " ${"·"} " + d.name, count: d.count, values: d.values }); });
    });
    return out;
  }
  function grouped(rows, x, group, options) {
    options = options || {};
    var groups = [];
    rows.forEach(function (r) { if (groups.indexOf(r[group]) < 0) groups.push(r[group]); });
    return Plot.plot({
      width: C.WIDTH, height: Math.max(140, groups.length * (labels.length * 18 + 16) + 60), marginLeft: 120, marginRight: 110,
      x: Object.assign({ grid: true }, options.x || {}),
      y: { label: null, domain: labels, axis: null },
      fy: { label: null, domain: groups },
      color: runColor,
      marks: [
        Plot.barX(rows, { x: x, y: "run", fy: group, fill: "run", tip: true }),
        Plot.text(rows, { x: x, y: "run", fy: group, text: options.text, textAnchor: "start", dx: 4, fontSize: 10 }),
        Plot.ruleX([0])
      ]
    });
  }
  var probabilities = runs[0].report.flows.probabilities;

  var renderers = {
    "cmp-tiers": function () {
      var rows = [];
      runs.forEach(function (r) { r.report.verdict.tiers.forEach(function (t) { if (t.share > 0) rows.push({ run: r.label, tier: t.tier, share: t.share }); }); });
      return grouped(rows, "share", "tier", { x: { label: "share of the run's bottleneck flow-seconds (%)", percent: true }, text: function (d) { return (100 * d.share).toFixed(1) + "%"; } });
    },
    "cmp-cost": function () {
      var rows = [];
      runs.forEach(function (r) {
        var items = {};
        r.report.verdict.cost.forEach(function (c) { if (c.workload === "all") items[c.item] = c.usd; });
        if (items.gpu !== undefined) rows.push({ run: r.label, item: "gpu computing", usd: items.gpu - (items.gpu_idle_network || 0) });
        ["gpu_idle_network", "egress", "wan", "capex"].forEach(function (i) { if (items[i] !== undefined) rows.push({ run: r.label, item: i, usd: items[i] }); });
      });
      return C.hbar(rows.filter(function (r) { return r.usd > 0; }), "usd", "run", { fill: "item", sort: false, x: { label: "US dollars (cost.csv, all)" } });
    },
    "cmp-fct": function () { return C.cdf(overlaid(function (d) { return d.flows.fct; }), probabilities, "flow completion time (s)"); },
    "cmp-slowdown": function () { return C.cdf(overlaid(function (d) { return d.flows.slowdown; }), probabilities, "slowdown (FCT ${"÷"} ideal FCT)"); },
    "cmp-buckets": function () {
      var rows = [];
      var order = [];
      runs.forEach(function (r) {
        var names = {};
        r.report.flows.buckets.forEach(function (b) { names[b.workload] = true; });
        var several = Object.keys(names).length > 1;
        r.report.flows.buckets.forEach(function (b) {
          rows.push({ series: several ? r.label + " ${"·"} " + b.workload : r.label, bucket: b.bucket, lo: b.loBytes, p99: b.p99, p50: b.p50, flows: b.flows });
        });
      });
      rows.slice().sort(function (a, b) { return a.lo - b.lo; }).forEach(function (b) { if (order.indexOf(b.bucket) < 0) order.push(b.bucket); });
      return Plot.plot({
        width: C.WIDTH, height: 300, marginLeft: 50,
        x: { type: "point", domain: order, label: "flow size", padding: 0.3 },
        y: { type: C.positive(rows, "p99") ? "log" : "linear", label: "p99 slowdown", grid: true },
        color: { legend: true },
        marks: [
          Plot.line(rows, { x: "bucket", y: "p99", stroke: "series", z: "series" }),
          Plot.dot(rows, { x: "bucket", y: "p99", fill: "series", r: 4, tip: true })
        ]
      });
    },
    "cmp-link-tiers": function () {
      var rows = [];
      runs.forEach(function (r) { r.report.links.tiers.forEach(function (t) { rows.push({ run: r.label, tier: t.tier, meanUtil: t.meanUtil }); }); });
      return grouped(rows, "meanUtil", "tier", { x: { label: "mean utilisation of the tier's channels (%)", percent: true }, text: function (d) { return (100 * d.meanUtil).toFixed(1) + "%"; } });
    },
    "cmp-training": function () {
      var rows = [];
      runs.forEach(function (r) {
        if (!r.report.training) return;
        r.report.training.jobs.forEach(function (j) {
          var y = r.report.training.jobs.length > 1 ? r.label + " ${"·"} " + j.job : r.label;
          rows.push({ run: y, part: "compute", seconds: j.computeS / j.iterations });
          rows.push({ run: y, part: "pipeline bubble", seconds: j.bubbleS / j.iterations });
          rows.push({ run: y, part: "exposed communication", seconds: j.exposedS / j.iterations });
        });
      });
      return C.hbar(rows, "seconds", "run", {
        fill: "part", sort: false, x: { label: "mean seconds per iteration" },
        color: { domain: ["compute", "pipeline bubble", "exposed communication"], range: ["#59a14f", "#edc948", "#e15759"], legend: true }
      });
    },
    "cmp-requests": function () { return C.cdf(overlaid(function (d) { return d.requests && d.requests.total; }), probabilities, "request latency (s)"); },
    "cmp-ttft": function () { return C.cdf(overlaid(function (d) { return d.requests && d.requests.ttft; }), probabilities, "time to first token (s)"); },
    "cmp-tpot": function () { return C.cdf(overlaid(function (d) { return d.requests && d.requests.tpot; }), probabilities, "time per output token (s)"); }
  };
  C.drawAll(renderers);
})();
`;
