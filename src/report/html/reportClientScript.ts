// reportClientScript: the script of a report page — draws every chart with Observable Plot from the data embedded in the page.

/**
 * Browser code (ES2019, no modules) run after d3 and Plot are defined. It reads the JSON
 * of `<script id="report-data">`, draws into each `<figure data-chart="ID">` the chart
 * named ID, marks the figure `data-drawn="yes"` (or `"error"` with the message, also
 * logged with console.error), and finally sets `data-rendered="yes"` on `<body>`. Charts
 * whose x axis is run time mark the scenario's events (events.csv): a dashed rule per
 * event, a shaded band over a surge's window.
 *
 * Kept as text (no backquotes, no template placeholders inside) so it is inlined as is.
 */
export const REPORT_CLIENT_SCRIPT = String.raw`
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("report-data").textContent);
  var WIDTH = 980;
  var tierOrder = ["nvlink", "pcie", "host-nic", "leaf-spine", "spine-core", "dc-border", "wan", "edge-access", "storage", "appliance", "other", "cap"];
  var tierColors = ["#4e79a7", "#76b7b2", "#e15759", "#f28e2b", "#edc948", "#59a14f", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#8cd17d", "#555555"];
  // Tiers keep one colour on every chart; a legend lists only the tiers this run has.
  var present = {};
  data.scenario.topology.tiers.forEach(function (t) { present[t.tier] = true; });
  data.verdict.tiers.forEach(function (t) { present[t.tier] = true; });
  data.links.ranked.forEach(function (r) { present[r.tier] = true; });
  var tierDomain = tierOrder.filter(function (t) { return present[t]; });
  Object.keys(present).forEach(function (t) { if (tierDomain.indexOf(t) < 0) tierDomain.push(t); });
  var tierColor = { domain: tierDomain, range: tierDomain.map(function (t) { var i = tierOrder.indexOf(t); return i < 0 ? "#999999" : tierColors[i]; }), legend: true };
  var events = data.events || [];
  var moments = events.filter(function (e) { return e.untilS === undefined; });
  var windows = events.filter(function (e) { return e.untilS !== undefined; });

  function cdfRows(dists, probabilities) {
    var rows = [];
    dists.forEach(function (d) {
      d.values.forEach(function (v, i) { rows.push({ series: d.name, value: v, p: probabilities[i] }); });
    });
    return rows;
  }
  function positive(rows, key) { return rows.length > 0 && rows.every(function (r) { return r[key] > 0; }); }
  function cdf(dists, probabilities, label) {
    var rows = cdfRows(dists, probabilities);
    return Plot.plot({
      width: WIDTH, height: 300, marginLeft: 50,
      x: { type: positive(rows, "value") ? "log" : "linear", label: label, grid: true },
      y: { label: "fraction ≤ x", domain: [0, 1], grid: true },
      color: { legend: true },
      marks: [
        Plot.line(rows, { x: "value", y: "p", stroke: "series", curve: "step-after", tip: true }),
        Plot.ruleY([0])
      ]
    });
  }
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
  // A step series holds its last value to the end of its last interval.
  function closed(points) {
    var last = {};
    points.forEach(function (p) { last[p.name] = p; });
    return points.concat(Object.keys(last).map(function (n) { return { t0: last[n].t1, t1: last[n].t1, name: n, value: last[n].value }; }));
  }
  function series(points, yLabel, percent, colorOptions) {
    return Plot.plot({
      width: WIDTH, height: 280, marginLeft: 55,
      x: { label: "time (s)", grid: true },
      y: { label: yLabel, percent: percent, grid: true },
      color: colorOptions || { legend: true },
      marks: eventMarks().concat([
        Plot.line(closed(points), { x: "t0", y: "value", stroke: "name", curve: "step-after", tip: true }),
        Plot.ruleY([0])
      ])
    });
  }
  function hbar(rows, x, y, options) {
    options = options || {};
    var order = [];
    rows.forEach(function (r) { var v = typeof y === "function" ? y(r) : r[y]; if (order.indexOf(v) < 0) order.push(v); });
    var height = Math.max(120, 26 * order.length + 60);
    return Plot.plot({
      width: WIDTH, height: height, marginLeft: options.marginLeft || 140,
      x: Object.assign({ grid: true }, options.x || {}),
      // Unsorted bars keep the data's order (collectives, workloads, populations as the CSVs list them).
      y: options.sort === false ? { label: null, domain: order } : { label: null },
      color: options.color || { legend: true },
      marks: [
        Plot.barX(rows, { x: x, y: y, fill: options.fill, sort: options.sort === false ? undefined : { y: "-x" }, tip: true }),
        Plot.ruleX([0])
      ].concat(options.extra || [])
    });
  }

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
    "flows-slowdown": function () { return cdf(data.flows.slowdown, data.flows.probabilities, "slowdown (FCT ÷ ideal FCT)"); },
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
          Plot.line(p50, { x: "bucket", y: "slowdown", stroke: "workload", strokeDasharray: "4,3" }),
          Plot.line(p99, { x: "bucket", y: "slowdown", stroke: "workload" }),
          Plot.dot(rows, { x: "bucket", y: "slowdown", fill: "workload", symbol: "percentile", r: 4, tip: true })
        ]
      });
    },
    "flows-handshakes": function () { return cdf(data.flows.handshakes, data.flows.probabilities, "connection set-up time (s)"); },
    "links-ranked": function () {
      var rows = data.links.ranked.slice(0, 15);
      return hbar(rows, "bottleneckFlowS", "resource", { fill: "tier", color: tierColor, marginLeft: 170, x: { label: "bottleneck flow-seconds" } });
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
        fill: "tier", color: tierColor, marginLeft: 170, x: { label: "queueing delay p99 (s); tick: mean" },
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
        var label = it.first === it.last ? "iteration " + it.first : "iterations " + it.first + "–" + it.last;
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
      var rows = data.training.collectives.map(function (c) { return Object.assign({ label: c.job + " · " + c.name }, c); });
      return hbar(rows, "busbwP50", "label", {
        fill: "kind", sort: false, marginLeft: 200, x: { label: "busbw (Gb/s): bar median, line lowest–highest; dot: algbw median" },
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

  document.querySelectorAll("figure[data-chart]").forEach(function (figure) {
    var id = figure.getAttribute("data-chart");
    var target = figure.querySelector(".plot");
    try {
      if (!renderers[id]) throw new Error("no chart named " + id);
      target.appendChild(renderers[id]());
      figure.setAttribute("data-drawn", "yes");
    } catch (err) {
      figure.setAttribute("data-drawn", "error");
      var p = document.createElement("p");
      p.className = "error";
      p.textContent = "This chart could not be drawn: " + (err && err.message ? err.message : err);
      target.appendChild(p);
      console.error("chart " + id + ": " + (err && err.stack ? err.stack : err));
    }
  });
  document.body.setAttribute("data-rendered", "yes");
})();
`;
