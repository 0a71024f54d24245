// Tests of events.csv: each scenario event as it applied and each routing convergence with the flows it moved or failed.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EVENTS_CSV_HEADERS, eventsRows } from "../../src/report/eventsCsv.js";
import { runScenario } from "../../src/run/runScenario.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-events-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("events.csv", () => {
  it("prints times and counts by the report rules, empty cells where a column does not apply", () => {
    expect(EVENTS_CSV_HEADERS).toEqual(["at_s", "until_s", "kind", "target", "detail", "rerouted_flows", "failed_flows"]);
    expect(eventsRows([{ atS: 0.1 + 0.2, untilS: 0.6, kind: "surge", target: "web", detail: "factor=3" }, { atS: 1, kind: "converge", target: "a<->b", detail: "", reroutedFlows: 0, failedFlows: 2 }])).toEqual([
      ["0.3", "0.6", "surge", "web", "factor=3", "", ""],
      ["1", "", "converge", "a<->b", "", "0", "2"],
    ]);
  });

  it("scenarios/link-failure.yaml: the stranded transfer fails at the first convergence, bulk is rerouted at the second", async () => {
    // Convergence 50 ms (routing.convergence). s1–c down at 0.5 s: "stranded" (d → c) has no other path and fails at 0.55 s.
    // s1–b down at 1.002 s: "bulk" (a → b) moves to the backup path at 1.052 s. s1–b back at 4 s: nothing to move.
    await runScenario(prepareScenario("scenarios/link-failure.yaml"), { outDir: join(tmp, "lf") });
    expect(readFileSync(join(tmp, "lf", "events.csv"), "utf8")).toBe(
      "at_s,until_s,kind,target,detail,rerouted_flows,failed_flows\n" +
        "0.5,,linkDown,s1<->c,,,\n0.55,,converge,s1<->c,,0,1\n" +
        "1.002,,linkDown,s1<->b,,,\n1.052,,converge,s1<->b,,1,0\n" +
        "4,,linkUp,s1<->b,,,\n4.05,,converge,s1<->b,,0,0\n",
    );
  });

  it("records a surge with its window and factor, and a node's links at its convergence (scenarios/surge.yaml)", async () => {
    await runScenario(prepareScenario("scenarios/surge.yaml"), { outDir: join(tmp, "surge") });
    const lines = readFileSync(join(tmp, "surge", "events.csv"), "utf8").trim().split("\n");
    expect(lines[1]).toBe("0.4,0.6,surge,web,factor=3,,");
    expect(lines[2]).toBe("0.5,,nodeDown,spine1,,,");
    expect(lines[3]).toMatch(/^0\.51,,converge,leaf0<->spine1 leaf1<->spine1 leaf2<->spine1 leaf3<->spine1,,[1-9]\d*,0$/);
  });

  it("is not written for a scenario without events", async () => {
    const out = await runScenario(prepareScenario("scenarios/two-hosts.yaml"), { outDir: join(tmp, "two") });
    expect(out.written.files).not.toContain("events.csv");
  });
});
