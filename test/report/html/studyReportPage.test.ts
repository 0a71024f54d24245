// The study page: read from sweep-summary.csv (variables, zip groups, charted metrics) and, in Debian's chromium, every chart drawn with each point's mean as written.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingChromium } from "../../../bench/missingPackages.js";
import { readStudyReport } from "../../../src/report/html/readStudyReport.js";
import { skipCrossCheck } from "../../crosscheck/skipCrossCheck.js";
import { runCli } from "../../cli/runCli.js";
import { parseCsv } from "../networks.js";
import { chartsDrawn } from "./chartsDrawn.js";
import { Chromium } from "./openInChromium.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-study-page-"));
const study = join(tmp, "study");
// Two hosts' worth of uniform traffic on a 4-leaf fabric: load × link speed, speed zipped with its price, 2 repetitions.
const STUDY = `name: load-vs-speed
seed: 3
sweep:
  vars:
    load: [0.2, 0.5, 0.8]
    gbps: [10, 40]
    price: [100, 300]
  zip: [[gbps, price]]
  repeat: 2
  metrics: [tier_share:host-nic, "web:fct_s_p99", cost_total_usd]
topology:
  leafSpine: { leaves: 2, spines: 2, hostsPerLeaf: 4, hostBandwidth: "\${gbps}Gbps", uplinkBandwidth: 40Gbps, latency: 1us }
workloads:
  - traffic: { name: web, pattern: uniform, load: "\${load}", size: { cdf: websearch }, flows: 60 }
`;
beforeAll(async () => {
  writeFileSync(join(tmp, "study.yaml"), STUDY);
  const r = await runCli("sweep", join(tmp, "study.yaml"), "--out", study, "-q", "-j", "1");
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("readStudyReport", () => {
  it("reads the variables, ties zipped ones, and charts the headline metrics against each free variable", () => {
    const d = readStudyReport(study);
    expect(d.variables.map((v) => [v.name, v.values, v.numeric, v.tied])).toEqual([
      ["load", ["0.2", "0.5", "0.8"], true, []],
      ["gbps", ["10", "40"], true, ["price"]],
      ["price", ["100", "300"], true, ["gbps"]],
    ]);
    expect(d.points).toHaveLength(6);
    expect([d.runs, d.ok]).toEqual([12, 12]);
    // The headline metrics, then the study's own (sweep.metrics), recorded at the end of sweep.csv.
    expect(d.charted).toEqual(["fct_p50_s", "fct_p99_s", "slowdown_p99", "throughput_gbps", "makespan_s", "tier_share:host-nic", "web:fct_s_p99", "cost_total_usd"]);
    expect(readFileSync(join(study, "sweep.csv"), "utf8").split("\n")[0]).toMatch(/,events,tier_share:host-nic,web:fct_s_p99,cost_total_usd$/);
    // Each run's value is its own CSVs' cell: web's p99 FCT from workloads.csv.
    const run = parseCsv(readFileSync(join(study, "sweep.csv"), "utf8"))[0];
    const wl = parseCsv(readFileSync(join(study, "runs", run.run_id, "workloads.csv"), "utf8")).find((r) => r.workload === "web" && r.group === "all" && r.metric === "fct_s")!;
    expect(run["web:fct_s_p99"]).toBe(wl.p99);
    const summary = parseCsv(readFileSync(join(study, "sweep-summary.csv"), "utf8"));
    expect(d.points.map((p) => p.cells.fct_p99_s)).toEqual(summary.map((r) => r.fct_p99_s_mean));
  });

  it("charts only the metrics asked for, in that order, and finds crossovers of those alone (report --metric)", async () => {
    const d = readStudyReport(study, ["web:fct_s_p99", "fct_p50_s"]);
    expect(d.charted).toEqual(["web:fct_s_p99", "fct_p50_s"]);
    expect(new Set(d.crossovers.map((c) => c.metric))).toEqual(new Set(readStudyReport(study).crossovers.map((c) => c.metric).filter((m) => m === "web:fct_s_p99" || m === "fct_p50_s")));
    const r = await runCli("report", study, "--metric", "fct_p50_s,nonsense_s", "--out", join(tmp, "m.html"));
    expect(r).toEqual({
      code: 2,
      stdout: "",
      stderr: expect.stringMatching(/^chokepoint: --metric nonsense_s: .*sweep-summary\.csv has no nonsense_s_mean with a value — its metrics are flows, finished, .*web:fct_s_p99, cost_total_usd\n$/),
    });
    expect(existsSync(join(tmp, "m.html"))).toBe(false);
    const onRun = await runCli("report", join(study, "runs", readdirSync(join(study, "runs"))[0]), "--metric", "fct_p50_s");
    expect(onRun.code).toBe(2);
    expect(onRun.stderr).toMatch(/^chokepoint: --metric chooses the charts of a study's page, and .* holds a run's reports, not a study's \(no sweep-summary\.csv\)\n$/);
  });
});

const missing = missingChromium();
const skip = skipCrossCheck("test/report/html/studyReportPage.test.ts (browser test of a study's report.html)", missing);

describe.skipIf(skip)("a study's report.html in headless chromium", () => {
  it("has chromium to drive (Debian's chromium package; .ci/run installs it)", () => {
    expect(missing.map((m) => `${m.name} is not installed: ${m.reason}`)).toEqual([]);
  });

  it("chokepoint report STUDY_DIR: no console error, a chart per metric and free variable, each point's mean as sweep-summary.csv writes it", async () => {
    const r = await runCli("report", study);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^report: .*\/study\/report\.html \(0\.\d\d MB\)\n$/);
    const browser = await Chromium.launch();
    try {
      const { page, errors, remoteRequests } = await browser.open(join(study, "report.html"));
      expect(errors).toEqual([]);
      expect(remoteRequests).toEqual([]);
      const drawn = await chartsDrawn(page);
      // price is zipped with gbps: no chart of its own.
      const charted = ["fct_p50_s", "fct_p99_s", "slowdown_p99", "throughput_gbps", "makespan_s", "tier_share:host-nic", "web:fct_s_p99", "cost_total_usd"];
      expect(drawn.map((x) => x.chart)).toEqual(charted.flatMap((m) => [`study:${m}:load`, `study:${m}:gbps`]));
      for (const x of drawn) {
        expect(x.drawn, x.chart).toBe("yes");
        expect(x.marks, x.chart).toBeGreaterThan(0);
      }
      const summary = parseCsv(readFileSync(join(study, "sweep-summary.csv"), "utf8"));
      const cells = await page.$$eval("td[data-metric]", (tds) => tds.map((t) => [t.getAttribute("data-point")!, t.getAttribute("data-metric")!, t.getAttribute("data-value")!]));
      expect(cells.length).toBe(8 * 2 * 6);
      for (const [point, metric, value] of cells) expect(value, `${point} ${metric}`).toBe(summary.find((s) => s.point === point)![`${metric}_mean`]);
    } finally {
      await browser.close();
    }
  });
});
