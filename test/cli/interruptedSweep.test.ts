// A real `chokepoint sweep` stopped by SIGINT or SIGTERM while runs are in flight: finished runs are kept (a rerun reuses them), unfinished ones leave no staging, and it ends by that signal.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./runCli.js";
import { signalCli } from "./signalCli.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-interrupt-sweep-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A study of four runs: the first a few hundred flows, the others 20,000 web-search flows on a k=8 fat-tree (a second or two each). */
const STUDY = join(tmp, "study.yaml");
writeFileSync(
  STUDY,
  `name: study
seed: 1
sweep:
  vars:
    flows: [300, 20000, 20001, 20002]
topology:
  fatTree: { k: 8, bandwidth: 10Gbps, latency: 1us }
workloads:
  - traffic:
      name: ws
      pattern: uniform
      load: 0.6
      size: { cdf: websearch }
      flows: \${flows}
`,
);

const staging = (entries: string[]) => entries.filter((e) => e.endsWith(".staging"));
const finished = (out: string) => readdirSync(join(out, "runs")).filter((e) => existsSync(join(out, "runs", e, "point.json")));

describe("a sweep stopped by SIGINT or SIGTERM", () => {
  it("keeps the runs that finished, removes the others' staging, says so, ends by the signal; the same command resumes", async () => {
    const out = join(tmp, "kept");
    // The short run has its results and a long one is being written.
    const r = await signalCli(["sweep", STUDY, "--out", out, "--jobs", "2", "--quiet"], out, "SIGINT", (e) => e.includes("p0-r0") && existsSync(join(out, "runs", "p0-r0", "point.json")) && staging(e).length > 0);
    expect(r.signal).toBe("SIGINT");
    const kept = finished(out);
    expect(kept).toContain("p0-r0");
    expect(kept.length).toBeLessThan(4);
    expect(r.stderr.split("\n").filter((l) => l.startsWith("chokepoint:"))).toEqual([
      `chokepoint: interrupted by SIGINT — ${kept.length} of 4 runs kept in ${join(out, "runs")}; rerun the same command to resume`,
    ]);
    // Nothing else: no staging, no half-made run, no study tables.
    expect(readdirSync(join(out, "runs")).sort()).toEqual(kept.sort());
    for (const id of kept) expect(existsSync(join(out, "runs", id, "run.json"))).toBe(true);
    expect(readdirSync(out)).toEqual(["runs"]);

    const again = await runCli("sweep", STUDY, "--out", out, "--jobs", "2");
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(new RegExp(`^4 runs: 4 ok, 0 failed \\(reused ${kept.length} of 4 runs from an earlier sweep, ran ${4 - kept.length}\\)`));
  }, 180_000);

  it("stopped before any run finished, into a new directory: nothing is left", async () => {
    const out = join(tmp, "fresh", "study");
    // Only the three long runs: none can finish between the first staging and the signal.
    const r = await signalCli(["sweep", STUDY, "--out", out, "--jobs", "2", "--quiet", "--filter", "flows > 10000"], out, "SIGTERM", (e) => staging(e).length > 0);
    expect(r.signal).toBe("SIGTERM");
    expect(r.stderr).toContain(`chokepoint: interrupted by SIGTERM — 0 of 3 runs kept\n`);
    expect(existsSync(join(tmp, "fresh"))).toBe(false);
  }, 180_000);
});
