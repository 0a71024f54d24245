// Tests of `chokepoint compare`: compare.html and compare.csv in --out, the verdict on stdout, bad input refused with exit 2 and nothing written.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-compare-cmd-"));
const a = join(tmp, "two");
const b = join(tmp, "parking");
beforeAll(async () => {
  expect((await runCli("run", "scenarios/two-hosts.yaml", "--out", a, "-q")).code).toBe(0);
  expect((await runCli("run", "scenarios/parking-lot.yaml", "--out", b, "-q")).code).toBe(0);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("chokepoint compare", () => {
  it("writes compare.html and compare.csv, and prints the verdict with the targets met", async () => {
    const out = join(tmp, "cmp");
    const r = await runCli("compare", a, b, "--out", out, "--target", "fct_p99_s<=10");
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^two-hosts meets (every target|0 of 1 targets); parking-lot meets (every target|0 of 1 targets)/);
    expect(r.stdout).toMatch(new RegExp(`compare: ${out}/compare\\.html \\(0\\.\\d\\d MB\\), ${out}/compare\\.csv \\(\\d+ rows\\)\\n$`));
    const csv = readFileSync(join(out, "compare.csv"), "utf8").split("\n");
    expect(csv[0]).toBe("metric,run,dir,seed,value,diff,ratio,paired_diff,target,meets");
    // Every summary.csv cell of each run is a row's value, as written.
    const summaryOf = (dir: string) => {
      const [h, v] = readFileSync(join(dir, "summary.csv"), "utf8").trim().split("\n");
      return Object.fromEntries(h.split(",").map((k, i) => [k, v.split(",")[i]]));
    };
    for (const [label, dir] of [["two-hosts", a], ["parking-lot", b]]) {
      for (const [metric, cell] of Object.entries(summaryOf(dir))) {
        expect(csv.find((l) => l.startsWith(`${metric},${label},`))?.split(",")[4], `${label} ${metric}`).toBe(cell);
      }
    }
    expect(existsSync(join(out, "compare.html"))).toBe(true);
  });

  it("refuses what it cannot compare, one sentence and exit 2, writing nothing", async () => {
    const out = join(tmp, "refused");
    const cases: Array<[string[], RegExp]> = [
      [["compare", a, b], /^chokepoint: "chokepoint compare" needs --out DIR, the directory for compare\.html and compare\.csv\n$/],
      [["compare", a, "--out", out], /^chokepoint: "chokepoint compare" takes two or more run directories, found 1\n$/],
      [["compare", a, join(tmp, "nope"), "--out", out], /does not exist — give the directory a run wrote its reports to\n$/],
      [["compare", a, b, "--out", out, "--target", "p99<1"], /^chokepoint: --target "p99<1": no run has the metric "p99"/],
      [["compare", a, b, "--out", out, "--seed", "1"], /^chokepoint: --seed is not an option of "chokepoint compare" — its options are --out, --target, --quiet\n$/],
    ];
    for (const [argv, stderr] of cases) {
      const r = await runCli(...argv);
      expect(r.code, argv.join(" ")).toBe(2);
      expect(r.stderr, argv.join(" ")).toMatch(stderr);
    }
    expect(existsSync(out)).toBe(false);
  });
});
