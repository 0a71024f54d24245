// Tests of refuseRunDirectory: sweep, search and merge refuse an --out holding one run's reports, writing nothing, as run refuses a study's directory.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-refuse-run-dir-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("sweep, search and merge into a run's directory", () => {
  it("are refused in one sentence naming the directory and its run.json, exit 2, the run's files left as they were", async () => {
    const run = join(tmp, "two-hosts");
    expect((await runCli("run", "scenarios/two-hosts.yaml", "--out", run, "--quiet")).code).toBe(0);
    const before = readdirSync(run).sort();
    expect(before).toContain("run.json");
    const sentence = (what: string) =>
      `chokepoint: cannot write ${what} to ${run}: it holds one run's reports (run.json), which ${what}'s files beside them would hide from report and compare — give a new or empty directory\n`;
    const cases: [string[], string][] = [
      [["sweep", "scenarios/sweeps/fct-vs-load.yaml", "--out", run, "--quiet"], "the study"],
      [["search", "scenarios/search/training-fabric.yaml", "--out", run, "--quiet"], "the search"],
      [["merge", join(tmp, "shard-0"), join(tmp, "shard-1"), "--out", run], "the merged study"],
    ];
    for (const [argv, what] of cases) {
      expect(await runCli(...argv), argv[0]).toEqual({ code: 2, stdout: "", stderr: sentence(what) });
      expect(readdirSync(run).sort(), argv[0]).toEqual(before);
    }
    // A run into it is still what it was: report reads it as one run's directory.
    expect((await runCli("report", run, "--out", join(tmp, "page.html"), "--quiet")).code).toBe(0);
  });
});
