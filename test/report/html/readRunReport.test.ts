// Tests of readRunReport: a directory that is not one run's reports is named as such, one sentence, before anything is written.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/InputError.js";
import { readRunReport } from "../../../src/report/html/readRunReport.js";
import { runScenario } from "../../../src/run/runScenario.js";
import { prepareScenario } from "../../../src/scenario/prepareScenario.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-read-run-report-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const refusal = (dir: string) => {
  try {
    readRunReport(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error("not refused");
};

describe("readRunReport", () => {
  it("refuses a missing directory, a study directory and a directory without run reports", () => {
    expect(refusal(join(tmp, "nope"))).toBe(`${join(tmp, "nope")} does not exist — give the directory a run wrote its reports to`);
    const study = join(tmp, "study");
    mkdirSync(join(study, "runs"), { recursive: true });
    expect(refusal(study)).toMatch(/is a study directory, not one run's \(chokepoint report draws a study from its sweep-summary\.csv; compare reads runs such as .*runs\/p0-r0\)$/);
    const other = join(tmp, "other");
    mkdirSync(other);
    writeFileSync(join(other, "summary.csv"), "flows\n0\n");
    expect(refusal(other)).toBe(`${other} holds no run reports: flows.csv, links.csv, bottlenecks.csv not found (write them with chokepoint run … --out ${other})`);
    // A file — a scenario given where its results go — is not told to receive reports.
    expect(refusal(join(other, "summary.csv"))).toBe(`${join(other, "summary.csv")} is a file, not a directory — give the directory a run wrote its reports to (chokepoint run SCENARIO --out DIR)`);
  });

  it("names a study's failed run as failed, with its message (not 'holds no run reports … write them with chokepoint run')", () => {
    const failed = join(tmp, "study", "runs", "p1-r0");
    mkdirSync(failed, { recursive: true });
    writeFileSync(join(failed, "point.json"), "{}\n");
    writeFileSync(join(failed, "failed.txt"), "s.yaml: workloads[0].traffic: too large to simulate\n");
    expect(refusal(failed)).toBe(
      `${failed} holds a run that failed, not its reports (failed.txt: "s.yaml: workloads[0].traffic: too large to simulate") — nothing to draw or compare; give a run that ended ok`,
    );
  });

  it("refuses report files a run cannot have written — cut short mid-line, empty, a row of the wrong width, a summary without its row — naming the file", async () => {
    const dir = join(tmp, "two-hosts");
    await runScenario(prepareScenario("scenarios/two-hosts.yaml"), { outDir: dir });
    expect(readRunReport(dir).scenario.name).toBe("two-hosts");
    const flows = readFileSync(join(dir, "flows.csv"), "utf8");
    const summary = readFileSync(join(dir, "summary.csv"), "utf8");
    const links = readFileSync(join(dir, "links.csv"), "utf8");
    // A copy interrupted in the second line of flows.csv (a large file: only its ending is checked).
    writeFileSync(join(dir, "flows.csv"), flows.slice(0, flows.indexOf("\n") + 20));
    expect(refusal(dir)).toBe(`${join(dir, "flows.csv")}:2: the file ends mid-line (cut short or edited) — rerun the scenario to write it again`);
    writeFileSync(join(dir, "flows.csv"), flows);
    writeFileSync(join(dir, "links.csv"), "");
    expect(refusal(dir)).toBe(`${join(dir, "links.csv")} is empty — a report has at least a header line; rerun the scenario to write it again`);
    writeFileSync(join(dir, "links.csv"), links.replace(/\n([^\n]*),[^,\n]*\n$/, "\n$1\n"));
    expect(refusal(dir)).toMatch(new RegExp(`^${join(dir, "links.csv")}: row 4 has 10 cells where the header has 11 — the file was edited or is not a report`));
    writeFileSync(join(dir, "links.csv"), links);
    writeFileSync(join(dir, "summary.csv"), summary.slice(0, summary.indexOf("\n") + 1));
    expect(refusal(dir)).toMatch(new RegExp(`^${join(dir, "summary.csv")} holds 0 rows where a run writes one`));
    writeFileSync(join(dir, "summary.csv"), summary);
    expect(readRunReport(dir).scenario.name).toBe("two-hosts");
  });

  it("reads a run of scenarios/link-failure.yaml: its scenario, workloads, tiers and events", async () => {
    const dir = join(tmp, "link-failure");
    await runScenario(prepareScenario("scenarios/link-failure.yaml"), { outDir: dir });
    const d = readRunReport(dir);
    expect(d.scenario).toMatchObject({ name: "link-failure", seed: expect.any(Number), endReason: "idle" });
    expect(d.scenario.hash).toMatch(/^[0-9a-f]{64}$/);
    // Three transfers named by their ids; "stranded" fails, so two finish, each in its workload.
    expect(d.flows.perWorkload).toBe(true);
    expect(d.flows.fct.map((x) => [x.name, x.count])).toEqual([["bulk", 1], ["after", 1]]);
    expect(d.flows.status).toEqual([{ status: "done", flows: 2 }, { status: "failed", flows: 1 }]);
    expect(d.verdict.workloads.map((w) => w.workload)).toEqual(["bulk", "stranded", "after"]);
    expect(d.events.map((e) => `${e.atS} ${e.kind} ${e.target}`)).toEqual(["0.5 linkDown s1<->c", "0.55 converge s1<->c", "1.002 linkDown s1<->b", "1.052 converge s1<->b", "4 linkUp s1<->b", "4.05 converge s1<->b"]);
    expect(d.sources).toContain("events.csv");
    expect(d.training).toBeUndefined();
    expect(d.requests).toBeUndefined();
  });
});
