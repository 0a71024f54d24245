// studyClientScript: the script of a study's page — each metric against a swept variable, its 95 % band, a line per value of the other variables, crossovers marked.

/**
 * Browser code (ES2019, no modules) run after d3, Plot and the chart kit. It reads the
 * JSON of `<script id="study-data">` (StudyReportData) and draws each
 * `<figure data-chart="study:METRIC:VARIABLE">`: the metric's mean at each value of the
 * variable, one line per combination of the other variables (at most `data-lines` of
 * them), the 95 % confidence interval as a band (numeric variables) or bars (others), and
 * the crossovers as open circles.
 *
 * Kept as text (no backquotes, no template placeholders inside) so it is inlined as is.
 */
export const STUDY_CLIENT_SCRIPT = String.raw`
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("study-data").textContent);
  var C = window.chokepointCharts;

  function chart(metric, variable, maxLines) {
    var v = data.variables.filter(function (x) { return x.name === variable; })[0];
    var others = data.variables.filter(function (x) { return x.name !== variable && v.tied.indexOf(x.name) < 0; }).map(function (x) { return x.name; });
    var rows = [];
    var labels = [];
    data.points.forEach(function (p) {
      var label = others.length === 0 ? metric : others.map(function (o) { return o + "=" + p.values[o]; }).join(", ");
      if (labels.indexOf(label) < 0) labels.push(label);
      var s = p.stats[metric];
      if (s === undefined || !isFinite(s.mean)) return;
      rows.push({ line: label, x: v.numeric ? Number(p.values[variable]) : p.values[variable], mean: s.mean, low: s.low, high: s.high, point: p.point });
    });
    var kept = labels.slice(0, maxLines);
    rows = rows.filter(function (r) { return kept.indexOf(r.line) >= 0; });
    var banded = rows.filter(function (r) { return isFinite(r.low) && isFinite(r.high); });
    var crossings = data.crossovers.filter(function (c) { return c.metric === metric && c.variable === variable && kept.indexOf(c.lines[0]) >= 0 && kept.indexOf(c.lines[1]) >= 0; });
    var marks = [];
    if (v.numeric) {
      marks.push(Plot.areaY(banded, { x: "x", y1: "low", y2: "high", fill: "line", z: "line", fillOpacity: 0.15 }));
    } else {
      marks.push(Plot.ruleX(banded, { x: "x", y1: "low", y2: "high", stroke: "line", strokeOpacity: 0.5, strokeWidth: 3 }));
    }
    marks.push(Plot.line(rows, { x: "x", y: "mean", stroke: "line", z: "line", marker: "circle", tip: true }));
    if (v.numeric) {
      marks.push(Plot.dot(crossings, { x: "at", y: "mean", r: 7, stroke: "#b42318", strokeWidth: 2, fill: "none", title: function (c) { return c.lines[0] + " and " + c.lines[1] + " cross between " + c.between[0] + " and " + c.between[1]; } }));
    }
    return Plot.plot({
      width: C.WIDTH, height: 320, marginLeft: 60,
      x: v.numeric ? { label: variable, grid: true } : { type: "point", domain: v.values, label: variable, padding: 0.3 },
      y: { label: metric + " (mean; band: 95% CI)", grid: true },
      color: { domain: kept, legend: true },
      marks: marks
    });
  }

  var renderers = {};
  document.querySelectorAll("figure[data-chart]").forEach(function (figure) {
    var id = figure.getAttribute("data-chart");
    var parts = id.split(":");
    var maxLines = Number(figure.getAttribute("data-lines")) || 12;
    if (parts[0] === "study") renderers[id] = function () { return chart(parts.slice(1, -1).join(":"), parts[parts.length - 1], maxLines); };
  });
  C.drawAll(renderers);
})();
`;
