// Tests of renderRunReportHtml: one self-contained document, names from user files escaped, numbers of summary.csv as written, same data same bytes.
import { describe, expect, it } from "vitest";
import type { RunReportData } from "../../../src/report/html/RunReportData.js";
import { CHART_KIT_SCRIPT } from "../../../src/report/html/chartKitScript.js";
import { REPORT_CLIENT_SCRIPT } from "../../../src/report/html/reportClientScript.js";
import { renderRunReportHtml } from "../../../src/report/html/renderRunReportHtml.js";
import { scriptJson } from "../../../src/report/html/scriptJson.js";

const EVIL = "</script><script>alert(1)</script><!--";

function data(): RunReportData {
  return {
    scenario: { name: `x${EVIL}`, hash: "ab", seed: 1, version: "0.1.0", file: "/s.yaml", endReason: "idle", endS: 1, wallS: 0.5, topology: { nodes: 2, channels: 2, tiers: [{ tier: "other", channels: 2, capacitiesGbps: [10] }] } },
    headline: [
      { column: "finished", label: "flows finished", value: "2", unit: "count" },
      { column: "fct_p99_s", label: "FCT p99", value: "0.00639602860064", unit: "s" },
      { column: "ttft_p50_s", label: "TTFT p50", value: "", unit: "s" },
    ],
    verdict: { sentences: [`choked at ${EVIL}`], tiers: [{ tier: "other", bottleneckFlowS: 1, share: 1, bytes: 10, flows: 2 }], workloads: [], cost: [] },
    flows: { probabilities: [0, 1], perWorkload: true, fct: [{ name: EVIL, count: 2, values: [1, 2] }], slowdown: [{ name: EVIL, count: 2, values: [1, 1] }], buckets: [], status: [{ status: "done", flows: 2 }] },
    links: { ranked: [], rankedOf: 0, tiers: [] },
    events: [],
    sources: ["summary.csv"],
  };
}

describe("renderRunReportHtml", () => {
  const scripts = [{ name: "lib", source: "window.lib = 1;" }];

  it("inlines every script and style and references nothing outside the page", () => {
    const html = renderRunReportHtml(data(), scripts);
    expect(html.startsWith("<!doctype html>")).toBe(true);
    expect(html).toContain("window.lib = 1;");
    expect(html).not.toMatch(/<script[^>]*\ssrc=|<link\s|@import|url\(\s*["']?https?:/i);
  });

  it("escapes names from user files: no id can close a script or add an element", () => {
    const html = renderRunReportHtml(data(), scripts);
    // Exactly the page's own scripts close: the library, the data, the chart kit and the drawing script.
    expect(html.match(/<\/script/gi)).toHaveLength(4);
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("x&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;!--");
    const json = /<script id="report-data" type="application\/json">(.*?)<\/script>/s.exec(html)![1];
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(data())));
  });

  it("shows summary.csv's cells as written, skipping empty ones on the cards, and is the same bytes for the same data", () => {
    const html = renderRunReportHtml(data(), scripts);
    expect(html).toContain('<div class="metric" data-column="fct_p99_s" data-value="0.00639602860064"');
    expect(html).toContain("<span class=\"value\">6.396 ms</span>");
    expect(html).not.toContain('class="metric" data-column="ttft_p50_s"');
    expect(html).toContain('<tr data-column="ttft_p50_s" data-value="">');
    expect(renderRunReportHtml(data(), scripts)).toBe(html);
  });

  it("draws only the charts the data has: no queues, training, serving or dynamics section without their CSVs", () => {
    const html = renderRunReportHtml(data(), scripts);
    const charts = [...html.matchAll(/data-chart="([a-z-]+)"/g)].map((m) => m[1]);
    expect(charts).toEqual(["verdict-tiers", "flows-fct", "flows-slowdown", "flows-buckets"]);
    expect(html).not.toContain('id="training"');
  });

  it("has a drawing script that parses as a plain script, and JSON that no value can end early", () => {
    expect(() => new Function(REPORT_CLIENT_SCRIPT)).not.toThrow();
    expect(() => new Function(CHART_KIT_SCRIPT)).not.toThrow();
    expect(scriptJson({ a: "</script>\u2028" })).toBe('{"a":"\\u003c/script>\\u2028"}');
    expect(JSON.parse(scriptJson({ a: "</script>\u2028" }))).toEqual({ a: "</script>\u2028" });
  });
});
