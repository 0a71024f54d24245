// runMetricNames against a run that has every kind of summary column (training, requests, queues): the names a study or a search accepts before any run are the ones runs write.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COST_ITEMS } from "../../src/report/costRows.js";
import { COST_METRIC_NAMES, PLAIN_METRIC_NAMES, SUMMARY_COLUMN_NAMES } from "../../src/report/runMetricNames.js";
import { runScenario } from "../../src/run/runScenario.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";
import { parseCsv } from "./networks.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-metric-names-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("runMetricNames", () => {
  it("summary.csv of a run with training, serving and queues has exactly SUMMARY_COLUMN_NAMES, in order; cost.csv's items are COST_ITEMS", async () => {
    const out = join(tmp, "shared-fabric");
    await runScenario(prepareScenario("scenarios/ai/shared-fabric.yaml"), { outDir: out });
    const summaryHeader = readFileSync(join(out, "summary.csv"), "utf8").split("\n")[0].split(",");
    expect(summaryHeader).toEqual([...SUMMARY_COLUMN_NAMES]);
    const cost = parseCsv(readFileSync(join(out, "cost.csv"), "utf8"));
    const items = new Set(cost.map((r) => r.item));
    for (const item of items) expect(COST_ITEMS).toContain(item);
    // The run's own rows give each item once, in COST_ITEMS' order (per_million_requests and per_iteration: it has both).
    expect(cost.filter((r) => r.workload === "all").map((r) => r.item)).toEqual([...COST_ITEMS]);
  });

  it("PLAIN_METRIC_NAMES is the summary columns and one cost_<item>_usd per item, none twice", () => {
    expect(COST_METRIC_NAMES).toEqual(COST_ITEMS.map((i) => `cost_${i}_usd`));
    expect(PLAIN_METRIC_NAMES.length).toBe(new Set(PLAIN_METRIC_NAMES).size);
    expect(PLAIN_METRIC_NAMES).toContain("cost_total_usd");
    expect(PLAIN_METRIC_NAMES).toContain("slowdown_p99");
  });
});
