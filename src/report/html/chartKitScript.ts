// chartKitScript: the browser helpers every report page shares — CDFs, bars, time series, tier colours, drawing each figure — on Observable Plot.

/**
 * Browser code (ES2019, no modules) defining `window.chokepointCharts` after d3 and Plot:
 * `cdf`, `hbar`, `series`, `tierColor` and `drawAll(renderers)`, which draws into each
 * `<figure data-chart="ID">` the chart `renderers[ID]()` returns, marks the figure
 * `data-drawn="yes"` (or `"error"`, with the message shown and logged by console.error)
 * and finally sets `data-rendered="yes"` on `<body>`. A page's own script (the run's, the
 * comparison's) holds only its renderers.
 *
 * Kept as text (no backquotes, no template placeholders inside) so it is inlined as is; its
 * non-ASCII characters are written as `${"·"}` (the same text), so that the CLI's bundle stays
 * ASCII, which Node reads into a one-byte string (scripts/bundleCli.ts).
 */
export const CHART_KIT_SCRIPT = String.raw`
(function () {
  "use strict";
  var WIDTH = 980;
  var tierOrder = ["nvlink", "pcie", "host-nic", "leaf-spine", "spine-core", "direct", "global", "dc-border", "wan", "edge-access", "storage", "appliance", "other", "cap"];
  var tierColors = ["#4e79a7", "#76b7b2", "#e15759", "#f28e2b", "#edc948", "#59a14f", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac", "#8cd17d", "#555555"];
  // Tiers keep one colour on every chart; a legend lists only the tiers given.
  function tierColor(tiers) {
    var present = {};
    tiers.forEach(function (t) { present[t] = true; });
    var domain = tierOrder.filter(function (t) { return present[t]; });
    Object.keys(present).forEach(function (t) { if (domain.indexOf(t) < 0) domain.push(t); });
    return { domain: domain, range: domain.map(function (t) { var i = tierOrder.indexOf(t); return i < 0 ? "#999999" : tierColors[i]; }), legend: true };
  }
  function cdfRows(dists, probabilities) {
    var rows = [];
    dists.forEach(function (d) {
      d.values.forEach(function (v, i) { rows.push({ series: d.name, value: v, p: probabilities[i] }); });
    });
    return rows;
  }
  function positive(rows, key) { return rows.length > 0 && rows.every(function (r) { return r[key] > 0; }); }
  // Series keep the order of the data (a comparison's runs first to last) for their colours.
  function ordered(values) {
    var out = [];
    values.forEach(function (v) { if (out.indexOf(v) < 0) out.push(v); });
    return { domain: out, legend: true };
  }
  function cdf(dists, probabilities, label) {
    var rows = cdfRows(dists, probabilities);
    return Plot.plot({
      width: WIDTH, height: 300, marginLeft: 50,
      x: { type: positive(rows, "value") ? "log" : "linear", label: label, grid: true },
      y: { label: "fraction ${"≤"} x", domain: [0, 1], grid: true },
      color: ordered(dists.map(function (d) { return d.name; })),
      marks: [
        Plot.line(rows, { x: "value", y: "p", stroke: "series", z: "series", curve: "step-after", tip: true }),
        Plot.ruleY([0])
      ]
    });
  }
  // A step series holds its last value to the end of its last interval.
  function closed(points) {
    var last = {};
    points.forEach(function (p) { last[p.name] = p; });
    return points.concat(Object.keys(last).map(function (n) { return { t0: last[n].t1, t1: last[n].t1, name: n, value: last[n].value }; }));
  }
  function series(points, yLabel, percent, colorOptions, extraMarks) {
    return Plot.plot({
      width: WIDTH, height: 280, marginLeft: 55,
      x: { label: "time (s)", grid: true },
      y: { label: yLabel, percent: percent, grid: true },
      color: colorOptions || ordered(points.map(function (p) { return p.name; })),
      marks: (extraMarks || []).concat([
        Plot.line(closed(points), { x: "t0", y: "value", stroke: "name", z: "name", curve: "step-after", tip: true }),
        Plot.ruleY([0])
      ])
    });
  }
  function hbar(rows, x, y, options) {
    options = options || {};
    var order = [];
    rows.forEach(function (r) { var v = typeof y === "function" ? y(r) : r[y]; if (order.indexOf(v) < 0) order.push(v); });
    var height = Math.max(120, 26 * order.length + 60);
    // Room for the longest label (about 6.5 px a character at the axis' font size).
    var longest = order.reduce(function (n, v) { return Math.max(n, String(v).length); }, 0);
    return Plot.plot({
      width: WIDTH, height: height, marginLeft: options.marginLeft || Math.min(320, Math.max(80, Math.ceil(6.5 * longest) + 14)),
      x: Object.assign({ grid: true }, options.x || {}),
      // Unsorted bars keep the data's order (collectives, workloads, populations as the CSVs list them).
      y: options.sort === false ? { label: null, domain: order } : { label: null },
      color: options.color || (options.fill && typeof options.fill === "string" && options.fill.charAt(0) !== "#" ? ordered(rows.map(function (r) { return r[options.fill]; })) : { legend: true }),
      marks: [
        Plot.barX(rows, { x: x, y: y, fill: options.fill, sort: options.sort === false ? undefined : { y: "-x" }, tip: true }),
        Plot.ruleX([0])
      ].concat(options.extra || [])
    });
  }

  function drawAll(renderers) {
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
  }
  window.chokepointCharts = { WIDTH: WIDTH, tierColor: tierColor, positive: positive, cdf: cdf, hbar: hbar, series: series, closed: closed, drawAll: drawAll };
})();
`;
