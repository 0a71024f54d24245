// The run report page in a real browser (Debian's chromium): it opens from disk with no network, draws every chart, and shows summary.csv's numbers.
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingChromium } from "../../../bench/missingPackages.js";
import { cli } from "../../../src/cli/cli.js";
import { runScenario } from "../../../src/run/runScenario.js";
import { prepareScenario } from "../../../src/scenario/prepareScenario.js";
import { skipCrossCheck } from "../../crosscheck/skipCrossCheck.js";
import { parseCsv } from "../networks.js";
import { chartsDrawn } from "./chartsDrawn.js";
import { Chromium } from "./openInChromium.js";

const missing = missingChromium();
const skip = skipCrossCheck("test/report/html/runReportPage.test.ts (browser test of report.html)", missing);

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-report-page-"));
let browser: Chromium | undefined;
beforeAll(async () => {
  if (!skip && missing.length === 0) browser = await Chromium.launch();
});
afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** SHA-256 of every CSV in `dir`, by name. */
function csvHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).filter((x) => x.endsWith(".csv")).sort()) out[f] = createHash("sha256").update(readFileSync(join(dir, f))).digest("hex");
  return out;
}

/** Run `scenario` with --report into a fresh directory; return it. */
async function runWithReport(scenario: string): Promise<string> {
  const dir = join(tmp, scenario.replace(/[/.]/g, "_"));
  await runScenario(prepareScenario(scenario), { outDir: dir, htmlReport: true });
  return dir;
}

const CASES: Array<{ scenario: string; charts: string[] }> = [
  { scenario: "scenarios/default.yaml", charts: ["verdict-tiers", "verdict-workloads", "flows-fct", "flows-slowdown", "flows-buckets", "links-ranked", "links-tiers"] },
  {
    scenario: "scenarios/ai/advanced-network.yaml",
    charts: ["verdict-tiers", "verdict-workloads", "verdict-cost", "flows-fct", "flows-slowdown", "flows-buckets", "links-ranked", "links-tiers", "training-timeline", "training-collectives"],
  },
  {
    scenario: "scenarios/queues-agents-surge.yaml",
    charts: [
      "verdict-tiers", "verdict-workloads", "flows-fct", "flows-slowdown", "flows-buckets", "flows-handshakes", "links-ranked", "links-tiers",
      "links-series", "tiers-series", "workloads-series", "queues-links", "queues-tiers", "queues-series", "requests-total", "requests-breakdown", "tasks-total", "dynamics-timeline",
    ],
  },
  {
    scenario: "scenarios/ai/inference-agents.yaml",
    charts: [
      "verdict-tiers", "verdict-workloads", "verdict-cost", "flows-fct", "flows-slowdown", "flows-buckets", "flows-handshakes", "links-ranked", "links-tiers",
      "requests-total", "requests-breakdown", "requests-ttft", "requests-tpot", "tasks-total",
    ],
  },
];

describe.skipIf(skip)("report.html in headless chromium", () => {
  it("has chromium to drive (Debian's chromium package; .ci/run installs it)", () => {
    expect(missing.map((m) => `${m.name} is not installed: ${m.reason}`)).toEqual([]);
  });

  for (const { scenario, charts } of CASES) {
    it(`${scenario}: opens from file:// with no network and no console error, draws every chart, shows summary.csv's numbers`, async () => {
      const dir = await runWithReport(scenario);
      const { page, errors, remoteRequests } = await browser!.open(join(dir, "report.html"));
      expect(errors).toEqual([]);
      expect(remoteRequests).toEqual([]);
      const drawn = await chartsDrawn(page);
      expect(drawn.map((d) => d.chart)).toEqual(charts);
      for (const d of drawn) {
        expect(d.drawn, d.chart).toBe("yes");
        expect(d.marks, `${d.chart}: marks with geometry`).toBeGreaterThan(0);
      }
      // Every summary.csv cell is on the page as written, in the full table and (for the headline columns) on a card.
      const [summary] = parseCsv(readFileSync(join(dir, "summary.csv"), "utf8"));
      const shown = await page.$$eval("tr[data-column]", (rows) => rows.map((r) => [r.getAttribute("data-column")!, r.querySelector("td.exact")!.textContent!]));
      expect(Object.fromEntries(shown)).toEqual(summary);
      const cards = await page.$$eval(".metric[data-column]", (els) => els.map((e) => [e.getAttribute("data-column")!, e.getAttribute("data-value")!, e.querySelector(".value")!.textContent!]));
      expect(cards.length).toBeGreaterThanOrEqual(5);
      for (const [column, value, text] of cards) {
        expect(value, column).toBe(summary[column]);
        // The card shows the value rounded to 4 significant digits (or as a percentage of a share).
        const scale = /%$/.test(text) ? 100 : /µs$/.test(text) ? 1e6 : / ms$/.test(text) ? 1e3 : / GB$/.test(text) ? 1e-9 : / TB$/.test(text) ? 1e-12 : / Tb\/s$/.test(text) ? 1e-3 : 1;
        const read = Number(text.replace(/[^0-9.eE+-]/g, ""));
        expect(Math.abs(read - Number(value) * scale), `${column}: ${text} for ${value}`).toBeLessThanOrEqual(Math.abs(Number(value) * scale) * 5e-4 + (/%$/.test(text) ? 0.05 : 0));
      }
      await page.close();
    });
  }

  it("chokepoint report rewrites the page of a run directory without changing a byte of its CSVs", async () => {
    const dir = await runWithReport("scenarios/surge.yaml");
    const before = csvHashes(dir);
    const page = readFileSync(join(dir, "report.html"));
    const out: string[] = [];
    const io = { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => out.push(t) } };
    expect(await cli(["report", dir], io)).toBe(0);
    expect(csvHashes(dir)).toEqual(before);
    // Drawn from the same CSVs and run.json: the same bytes.
    expect(readFileSync(join(dir, "report.html")).equals(page)).toBe(true);
    expect(out.join("")).toMatch(new RegExp(`^report: ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/report\\.html \\(0\\.\\d\\d MB\\)\\n$`));
    const { errors, page: p } = await browser!.open(join(dir, "report.html"));
    expect(errors).toEqual([]);
    expect((await chartsDrawn(p)).filter((d) => d.drawn !== "yes" || d.marks === 0)).toEqual([]);
    // The surge's window and the failure are marked on the time axes.
    const marked = await p.$$eval("figure[data-chart='links-series'] svg title", (ts) => ts.map((t) => t.textContent));
    expect(marked).toContain("surge web at 0.4 s until 0.6 s (factor=3)");
    expect(marked).toContain("nodeDown spine1 at 0.5 s");
  });
});
