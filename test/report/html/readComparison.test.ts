// Tests of readComparison and compare.csv: every metric of each run against the first, paired when seeds match, targets checked.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareCsvRows } from "../../../src/report/html/compareCsvRows.js";
import { metricDirection } from "../../../src/report/html/metricDirection.js";
import { readComparison } from "../../../src/report/html/readComparison.js";
import { runScenario } from "../../../src/run/runScenario.js";
import { prepareScenario } from "../../../src/scenario/prepareScenario.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-compare-"));
const a = join(tmp, "a");
const b = join(tmp, "b");
const c = join(tmp, "c");
beforeAll(async () => {
  // The same scenario with seeds 1, 1 and 2: a and b are identical runs, c has another seed.
  await runScenario(prepareScenario("scenarios/incast.yaml"), { outDir: a, seed: 1 });
  await runScenario(prepareScenario("scenarios/incast.yaml"), { outDir: b, seed: 1 });
  await runScenario(prepareScenario("scenarios/incast.yaml"), { outDir: c, seed: 2 });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("readComparison", () => {
  it("labels runs of one scenario by their directories, and compares every metric with the first run's", () => {
    const d = readComparison([a, b, c], "fct_p99_s<=1");
    expect(d.runs.map((r) => r.label)).toEqual(["a", "b", "c"]);
    expect(d.metrics.slice(0, 3)).toEqual(["flows", "finished", "bytes"]);
    expect(d.metrics).toContain("cost_total_usd");
    expect(d.metrics.some((m) => m.startsWith("tier_share:"))).toBe(true);
    const fct = d.rows.filter((r) => r.metric === "fct_p99_s");
    expect(fct.map((r) => r.run)).toEqual(["a", "b", "c"]);
    // a and b are the same run: no difference, paired; c has another seed: not paired.
    expect(fct[1]).toMatchObject({ diff: 0, ratio: 1, pairedDiff: 0, meets: true, target: "fct_p99_s<=1" });
    expect(fct[2].diff).toBe(fct[2].value - fct[0].value);
    expect(Number.isNaN(fct[2].pairedDiff)).toBe(true);
    const csv = compareCsvRows(fct);
    expect(csv[0].slice(0, 5)).toEqual(["fct_p99_s", "a", a, "1", fct[0].cell]);
    expect(csv[2][7]).toBe("");
    expect(csv[2][9]).toBe(fct[2].meets ? "yes" : "no");
  });

  it("names every run tied at the best value in the verdict, not the first of them alone", () => {
    // d: a's reports with an FCT p99 twice a's, first; a and b (identical runs) then tie at the best.
    const d = join(tmp, "d");
    cpSync(a, d, { recursive: true });
    const [header, row] = readFileSync(join(d, "summary.csv"), "utf8").trim().split("\n");
    const i = header.split(",").indexOf("fct_p99_s");
    const cells = row.split(",");
    cells[i] = String(2 * Number(cells[i]));
    writeFileSync(join(d, "summary.csv"), `${header}\n${cells.join(",")}\n`);
    const line = readComparison([d, a, b]).sentences.find((s) => s.startsWith("FCT p99:"));
    expect(line).toMatch(/ — best a and b \(tied\)\.$/);
  });

  it("refuses fewer than two directories and a directory given twice", () => {
    expect(() => readComparison([a])).toThrow('"chokepoint compare" takes two or more run directories, found 1');
    expect(() => readComparison([a, `${a}/`])).toThrow(`${a}/ is given twice — compare distinct run directories`);
  });

  it("knows which way is better", () => {
    expect([metricDirection("fct_p99_s"), metricDirection("cost_total_usd"), metricDirection("bots:total_s_p99"), metricDirection("slowdown_p50")]).toEqual([-1, -1, -1, -1]);
    expect([metricDirection("gpu_utilization"), metricDirection("throughput_gbps")]).toEqual([1, 1]);
    expect([metricDirection("bytes"), metricDirection("tier_share:wan")]).toEqual([0, 0]);
  });
});
