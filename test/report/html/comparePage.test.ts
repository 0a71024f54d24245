// The comparison page in a real browser (Debian's chromium): it opens from disk with no network, draws every chart with the runs overlaid, and shows each run's numbers as its CSVs write them.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { missingChromium } from "../../../bench/missingPackages.js";
import { writeComparison } from "../../../src/report/html/writeComparison.js";
import { runScenario } from "../../../src/run/runScenario.js";
import { prepareScenario } from "../../../src/scenario/prepareScenario.js";
import { skipCrossCheck } from "../../crosscheck/skipCrossCheck.js";
import { parseCsv } from "../networks.js";
import { chartsDrawn } from "./chartsDrawn.js";
import { Chromium } from "./openInChromium.js";

const missing = missingChromium();
const skip = skipCrossCheck("test/report/html/comparePage.test.ts (browser test of compare.html)", missing);

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-compare-page-"));
let browser: Chromium | undefined;
beforeAll(async () => {
  if (!skip && missing.length === 0) browser = await Chromium.launch();
});
afterAll(async () => {
  await browser?.close();
  rmSync(tmp, { recursive: true, force: true });
});

describe.skipIf(skip)("compare.html in headless chromium", () => {
  it("has chromium to drive (Debian's chromium package; .ci/run installs it)", () => {
    expect(missing.map((m) => `${m.name} is not installed: ${m.reason}`)).toEqual([]);
  });

  it("the neocloud claim, rudimentary vs advanced network: no console error, every chart drawn, each run's numbers as written, targets as compare.csv says", async () => {
    const dirs = ["rudimentary", "advanced"].map((k) => join(tmp, k));
    for (const [i, k] of ["rudimentary", "advanced"].entries()) await runScenario(prepareScenario(`scenarios/claims/neocloud-network/${k}.yaml`), { outDir: dirs[i] });
    const out = join(tmp, "cmp");
    await writeComparison(dirs, out, "gpu_utilization>=0.75,cost_total_usd<=1.5");
    const { page, errors, remoteRequests } = await browser!.open(join(out, "compare.html"));
    expect(errors).toEqual([]);
    expect(remoteRequests).toEqual([]);
    const drawn = await chartsDrawn(page);
    expect(drawn.map((d) => d.chart)).toEqual(["cmp-tiers", "cmp-cost", "cmp-fct", "cmp-slowdown", "cmp-buckets", "cmp-link-tiers", "cmp-training"]);
    for (const d of drawn) {
      expect(d.drawn, d.chart).toBe("yes");
      expect(d.marks, `${d.chart}: marks with geometry`).toBeGreaterThan(0);
    }
    // The headline table: every cell is its run's summary.csv (or cost.csv) cell as written.
    const cells = await page.$$eval("td[data-column]", (tds) => tds.map((t) => [t.getAttribute("data-run")!, t.getAttribute("data-column")!, t.getAttribute("data-value")!]));
    expect(cells.length).toBeGreaterThanOrEqual(2 * 8);
    const labels = ["neocloud-network-rudimentary", "neocloud-network-advanced"];
    for (const [run, column, value] of cells) {
      const dir = dirs[labels.indexOf(run)];
      if (column.startsWith("cost_")) {
        const item = column.replace(/^cost_|_usd$/g, "");
        expect(value, `${run} ${column}`).toBe(parseCsv(readFileSync(join(dir, "cost.csv"), "utf8")).find((r) => r.workload === "all" && r.item === item)!.usd);
      } else expect(value, `${run} ${column}`).toBe(parseCsv(readFileSync(join(dir, "summary.csv"), "utf8"))[0][column]);
    }
    const met = await page.$$eval("td[data-target]", (tds) => tds.map((t) => `${t.getAttribute("data-run")} ${t.getAttribute("data-target")} ${t.getAttribute("data-meets")}`));
    const csv = parseCsv(readFileSync(join(out, "compare.csv"), "utf8")).filter((r) => r.target !== "");
    expect(met.sort()).toEqual(csv.map((r) => `${r.run} ${r.target} ${r.meets}`).sort());
    // The claim's direction: only the advanced network keeps its GPUs busy.
    expect(met).toContain("neocloud-network-advanced gpu_utilization>=0.75 yes");
    expect(met).toContain("neocloud-network-rudimentary gpu_utilization>=0.75 no");
  });
});
