// Tests of renderStudyHtml's verdict: the best point of each metric, a metric equal at every point said to be so, ties counted.
import { describe, expect, it } from "vitest";
import { renderStudyHtml } from "../../../src/report/html/renderStudyHtml.js";
import type { StudyReportData } from "../../../src/report/html/StudyReportData.js";

/** Three points of bw = 10, 25, 40 with the given means of two metrics (interval = the mean). */
function study(cost: number[], fct: number[]): StudyReportData {
  const points = [10, 25, 40].map((bw, i) => ({
    point: String(i),
    values: { bw: String(bw) },
    nOk: 2,
    nFailed: 0,
    stats: { cost_total_usd: { mean: cost[i], low: cost[i], high: cost[i] }, fct_p99_s: { mean: fct[i], low: fct[i], high: fct[i] } },
    cells: { cost_total_usd: String(cost[i]), fct_p99_s: String(fct[i]) },
  }));
  const metrics = ["cost_total_usd", "fct_p99_s"];
  return { name: "s", variables: [{ name: "bw", values: ["10", "25", "40"], numeric: true, tied: [] }], metrics, charted: metrics, points, crossovers: [], runs: 6, ok: 6 };
}

describe("renderStudyHtml's verdict", () => {
  it("says a metric equal at every point is so (a study without prices: $0 everywhere), not that point 0 has the lowest", () => {
    const html = renderStudyHtml(study([0, 0, 0], [0.03, 0.02, 0.01]), []);
    expect(html).toContain("cost_total_usd: $0.00 at every point.");
    expect(html).not.toContain("Lowest cost_total_usd");
    expect(html).toContain("Lowest fct_p99_s: 10 ms at bw=40 (point 2).");
  });

  it("counts the points tied with the best", () => {
    const html = renderStudyHtml(study([5, 3, 3], [0.02, 0.01, 0.01]), []);
    expect(html).toContain("Lowest cost_total_usd: $3.00 at bw=25 (point 1, tied with 1 other point).");
    expect(html).toContain("Lowest fct_p99_s: 10 ms at bw=25 (point 1, tied with 1 other point).");
  });
});
