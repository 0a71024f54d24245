// Tests of FlowColumns: flows.csv written from the packed values is byte for byte the file FlowRecorder writes.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { FLOW_STATUS, writeFlowColumnsCsv } from "../../src/report/FlowColumns.js";
import { summarizeRun } from "../../src/report/summarizeRun.js";
import { simulate } from "../../src/run/simulate.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";

describe("FlowColumns", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "flow-columns-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Failed and rerouted flows (link-failure), caps and weights (a "cap" bottleneck), a leaf-spine,
  // and a run stopped early (unfinished flows, flows that never moved a byte: an empty bottleneck).
  for (const [file, untilS] of [
    ["scenarios/link-failure.yaml", undefined],
    ["scenarios/weights-and-caps.yaml", undefined],
    ["scenarios/leaf-spine-oversubscribed.yaml", undefined],
    ["scenarios/incast.yaml", 0.03],
  ] as const) {
    it(`writes the bytes FlowRecorder writes: ${file}${untilS ? ` to ${untilS} s` : ""}`, async () => {
      const simulated = simulate(prepareScenario(file), { offloadResources: false, ...(untilS && { untilS }) });
      summarizeRun(simulated);
      const { flows } = simulated;
      expect(flows.standardColumnsOnly).toBe(true);
      await flows.writeCsv(join(dir, "rows.csv"));
      const columns = flows.columns();
      // Through structured clone, as it reaches the worker.
      await writeFlowColumnsCsv(join(dir, "columns.csv"), structuredClone(columns));
      const rows = await readFile(join(dir, "rows.csv"));
      expect((await readFile(join(dir, "columns.csv"))).equals(rows)).toBe(true);
      expect(rows.toString().split("\n").length).toBe(columns.flows + 2);
      const statuses = new Set(Array.from({ length: columns.flows }, (_, f) => FLOW_STATUS[columns.ints[4 * f + 3]]));
      if (untilS) expect(statuses.has("unfinished")).toBe(true);
    });
  }

  it("names a bottleneck resource it was given no name for", async () => {
    const simulated = simulate(prepareScenario("scenarios/two-hosts.yaml"), { offloadResources: false });
    summarizeRun(simulated);
    const columns = simulated.flows.columns();
    await expect(writeFlowColumnsCsv(join(dir, "x.csv"), { ...columns, resourceNames: {} })).rejects.toThrow(/no name for bottleneck resource/);
  });
});
