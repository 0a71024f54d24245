// renderStudyHtml: a study's page — the verdict (runs, crossovers, best points), then each metric against each swept variable with its confidence band.
import { htmlPage } from "./htmlPage.js";
import type { InlineScript } from "./chartLibraryScripts.js";
import { escapeHtml } from "./escapeHtml.js";
import { formatValue } from "./formatValue.js";
import { htmlFigure as figure } from "./htmlFigure.js";
import { metricDirection } from "./metricDirection.js";
import { chartedVariables } from "./readStudyReport.js";
import type { StudyReportData } from "./StudyReportData.js";
import { STUDY_CLIENT_SCRIPT } from "./studyClientScript.js";

/** Lines drawn per chart; the others are in its table. */
export const STUDY_MAX_LINES = 12;

/**
 * The page: sentences (runs ok, where lines cross, the best point of each charted metric),
 * then for each charted metric one chart per swept variable with more than one value,
 * each with its numbers (every point's mean, as sweep-summary.csv writes it in
 * `data-value`, and its 95 % interval) in a table under it. Self-contained like the run page.
 */
export function renderStudyHtml(data: StudyReportData, scripts: readonly InlineScript[]): string {
  const swept = chartedVariables(data.variables);
  const sentences: string[] = [
    `${data.points.length} points over ${data.variables.map((v) => `${v.name} (${v.values.length} value${v.values.length === 1 ? "" : "s"})`).join(", ")}; ${data.ok} of ${data.runs} runs ok (sweep.csv).`,
  ];
  for (const c of data.crossovers) {
    sentences.push(
      `${c.metric} against ${c.variable}: ${c.lines[0]} and ${c.lines[1]} cross between ${c.variable}=${c.between[0]} and ${c.between[1]}` +
        (c.at !== null ? ` (at ${c.variable} ≈ ${Number(c.at.toPrecision(3))})` : "") +
        ".",
    );
  }
  for (const m of data.charted) {
    const dir = metricDirection(m);
    if (dir === 0) continue;
    const finite = data.points.filter((p) => Number.isFinite(p.stats[m].mean));
    if (finite.length < 2) continue;
    const best = finite.reduce((b, p) => (dir * (p.stats[m].mean - b.stats[m].mean) > 0 ? p : b));
    // Equal means are not a best: a metric no variable moves ($0 of cost everywhere) is said to be the same at every point, and ties are counted.
    const tied = finite.filter((p) => p.stats[m].mean === best.stats[m].mean).length;
    if (tied === finite.length) {
      sentences.push(`${m}: ${formatMetric(m, best.stats[m].mean)} at every point${finite.length < data.points.length ? ` with a value (${finite.length} of ${data.points.length})` : ""}.`);
      continue;
    }
    const others = tied > 1 ? `, tied with ${tied - 1} other point${tied === 2 ? "" : "s"}` : "";
    sentences.push(`${dir < 0 ? "Lowest" : "Highest"} ${m}: ${formatMetric(m, best.stats[m].mean)} at ${data.variables.map((v) => `${v.name}=${best.values[v.name]}`).join(", ")} (point ${best.point}${others}).`);
  }
  const charts = data.charted
    .map((m) => {
      const figures = swept.map((v) => {
        const others = data.variables.filter((o) => o.name !== v.name && !v.tied.includes(o.name)).map((o) => o.name);
        const lines = new Set(data.points.map((p) => others.map((o) => `${o}=${p.values[o]}`).join(", ")));
        const note = `mean over the repetitions; band: 95% confidence interval${lines.size > STUDY_MAX_LINES ? `; the first ${STUDY_MAX_LINES} of ${lines.size} lines drawn, all in the table` : ""}`;
        const table = `<table><thead><tr><th class="text">point</th>${data.variables.map((o) => `<th class="text">${escapeHtml(o.name)}</th>`).join("")}<th>runs ok</th><th>mean</th><th>95% CI</th></tr></thead><tbody>
${data.points
  .map((p) => {
    const s = p.stats[m];
    return `<tr><td class="text">${escapeHtml(p.point)}</td>${data.variables.map((o) => `<td class="text">${escapeHtml(p.values[o.name])}</td>`).join("")}<td>${p.nOk}</td><td data-point="${escapeHtml(p.point)}" data-metric="${escapeHtml(m)}" data-value="${escapeHtml(p.cells[m])}" title="${escapeHtml(p.cells[m])}">${escapeHtml(formatMetric(m, s.mean))}</td><td>${Number.isFinite(s.low) ? `${escapeHtml(formatMetric(m, s.low))} – ${escapeHtml(formatMetric(m, s.high))}` : "—"}</td></tr>`;
  })
  .join("\n")}
</tbody></table>`;
        return figure(`study:${m}:${v.name}`, `${m} against ${v.name}${v.tied.length > 0 ? ` (with ${v.tied.join(", ")})` : ""}`, note, table).replace("<figure ", `<figure data-lines="${STUDY_MAX_LINES}" `);
      });
      return `<h3>${escapeHtml(m)}</h3>\n${figures.join("\n")}`;
    })
    .join("\n");
  const metrics =
    swept.length === 0 ? `<p class="note">No variable takes more than one value: nothing to draw against.</p>` : charts || `<p class="note">No metric has a mean at any point (every run failed?).</p>`;
  return htmlPage({
    title: data.name,
    kind: "study",
    metaHtml: "a study: sweep-summary.csv (means and 95% intervals over each point's repetitions) and sweep.csv",
    sections: [
      ["verdict", "Verdict", `<ul class="verdict">${sentences.map((x) => `<li>${escapeHtml(x)}</li>`).join("")}</ul>`],
      ["metrics", "Metrics against the swept variables", metrics],
    ],
    nav: false,
    dataId: "study-data",
    data,
    clientScript: STUDY_CLIENT_SCRIPT,
    scripts,
  });
}

/** A metric's value for reading, in the unit its name gives. */
function formatMetric(metric: string, x: number): string {
  if (/(_s|_s_mean|_s_p50|_s_p99)$/.test(metric)) return formatValue(x, "s");
  if (/_usd$/.test(metric)) return formatValue(x, "usd");
  if (/_gbps$/.test(metric)) return formatValue(x, "gbps");
  if (/(_share|_utilization)$/.test(metric) || metric.startsWith("tier_share:")) return formatValue(x, "share");
  if (metric === "bytes") return formatValue(x, "bytes");
  return formatValue(x, "ratio");
}
