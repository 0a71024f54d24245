// Tests of `chokepoint report` and `run --report`: where the page goes, what is refused (exit 2, nothing written), and that a later run replaces it.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-report-cmd-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("chokepoint report", () => {
  it("run --report writes report.html with the CSVs and names it in the summary, which leads with the tiers", async () => {
    const dir = join(tmp, "two");
    const r = await runCli("run", "scenarios/two-hosts.yaml", "--out", dir, "--report");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`report: ${dir}/report.html\n`);
    expect(r.stdout.split("\n")[1]).toMatch(/^where it choked \(share of bottleneck flow-seconds, tiers\.csv\): /);
    expect(statSync(join(dir, "report.html")).size).toBeGreaterThan(100_000);
    // A later run without --report replaces the directory whole: the page of the earlier run does not stay.
    expect((await runCli("run", "scenarios/two-hosts.yaml", "--out", dir, "-q")).code).toBe(0);
    expect(existsSync(join(dir, "report.html"))).toBe(false);
  });

  it("writes RUN_DIR/report.html by default, or --out FILE, and only that file", async () => {
    const dir = join(tmp, "run");
    expect((await runCli("run", "scenarios/two-hosts.yaml", "--out", dir, "-q")).code).toBe(0);
    const before = readdirSync(dir).sort();
    const r = await runCli("report", dir);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toMatch(/^report: .*\/run\/report\.html \(\d+\.\d\d MB\)\n$/);
    expect(readdirSync(dir).sort()).toEqual([...before, "report.html"].sort());
    const out = join(tmp, "elsewhere.html");
    expect((await runCli("report", dir, "--out", out, "-q"))).toMatchObject({ code: 0, stdout: "" });
    expect(existsSync(out)).toBe(true);
  });

  it("refuses a staging directory a killed run left (incomplete reports), and compare too: exit 2, one sentence, nothing written", async () => {
    const out = join(tmp, "killed");
    const partial = join(tmp, ".killed.staging", "partial-999999-AbCdEf");
    mkdirSync(partial, { recursive: true });
    // Every file report reads, but not those written after them (run.json, tiers.csv): a run killed while writing.
    expect((await runCli("run", "scenarios/two-hosts.yaml", "--out", join(tmp, "complete"), "-q")).code).toBe(0);
    for (const f of ["flows.csv", "links.csv", "bottlenecks.csv", "summary.csv"]) cpSync(join(tmp, "complete", f), join(partial, f));
    const sentence = `chokepoint: ${partial} is where chokepoint stages a run's reports before moving them into ${out} (left by a run that was killed or is still running), not results — read ${out}, or run the scenario again\n`;
    expect(await runCli("report", partial)).toEqual({ code: 2, stdout: "", stderr: sentence });
    expect(await runCli("compare", join(tmp, "complete"), partial, "--out", join(tmp, "cmp"))).toEqual({ code: 2, stdout: "", stderr: sentence });
    expect(readdirSync(partial).sort()).toEqual(["bottlenecks.csv", "flows.csv", "links.csv", "summary.csv"]);
    expect(existsSync(join(tmp, "cmp"))).toBe(false);
  });

  it("refuses, exit 2 and one sentence, what it cannot read or write", async () => {
    const dir = join(tmp, "run2");
    expect((await runCli("run", "scenarios/two-hosts.yaml", "--out", dir, "-q")).code).toBe(0);
    const cases: Array<[string[], string]> = [
      [["report", join(tmp, "missing")], `chokepoint: ${join(tmp, "missing")} does not exist — give the directory a run wrote its reports to\n`],
      [["report", dir, "--out", tmp], `chokepoint: --out ${tmp} is a directory — give the path of the HTML file to write\n`],
      [["report", dir, "--out", join(tmp, "no", "x.html")], `chokepoint: cannot write ${join(tmp, "no", "x.html")}: the directory ${join(tmp, "no")} does not exist\n`],
      [["report"], 'chokepoint: "chokepoint report" takes exactly one run or study directory, found 0\n'],
    ];
    for (const [argv, stderr] of cases) expect(await runCli(...argv), argv.join(" ")).toEqual({ code: 2, stdout: "", stderr });
    mkdirSync(join(tmp, "empty"));
    expect((await runCli("report", join(tmp, "empty"))).stderr).toMatch(/holds no run reports: summary\.csv, flows\.csv, links\.csv, bottlenecks\.csv not found/);
    expect(readdirSync(join(tmp, "empty"))).toEqual([]);
  });
});
