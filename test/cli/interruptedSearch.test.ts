// A real `chokepoint search` stopped by SIGINT or SIGTERM while simulations are in flight: finished runs are kept (a rerun reuses them), unfinished ones leave no staging, no search.csv is written, and it ends by that signal.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./runCli.js";
import { signalCli } from "./signalCli.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-interrupt-search-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A search over designs of one replication: `flows` web-search flows each on a k=8 fat-tree (20,000 take a second or two). */
function searchFile(name: string, flows: number[]): string {
  const path = join(tmp, name);
  writeFileSync(
    path,
    `name: search
seed: 1
sweep:
  vars:
    flows: [${flows.join(", ")}]
  repeat: 1
search:
  targets: ["fct_p99_s <= 10"]
  minimize: fct_p50_s
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
  return path;
}

/** The first design a few hundred flows, the others long. */
const SEARCH = searchFile("search.yaml", [300, 20000, 20001, 20002]);
/** Long designs only: none can finish between its first staging and the signal. */
const LONG = searchFile("long.yaml", [20000, 20001, 20002]);

const staging = (entries: string[]) => entries.filter((e) => e.endsWith(".staging"));
const finished = (out: string) => readdirSync(join(out, "runs")).filter((e) => existsSync(join(out, "runs", e, "run.json")));

describe("a search stopped by SIGINT or SIGTERM", () => {
  it("keeps the simulations that finished, removes the others' staging, writes no search.csv, ends by the signal; the same command resumes", async () => {
    const out = join(tmp, "kept");
    const r = await signalCli(["search", SEARCH, "--out", out, "--jobs", "2", "--quiet"], out, "SIGINT", (e) => e.some((id) => existsSync(join(out, "runs", id, "run.json"))) && staging(e).length > 0);
    expect(r.signal).toBe("SIGINT");
    const kept = finished(out);
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThan(4);
    expect(r.stderr.split("\n").filter((l) => l.startsWith("chokepoint:"))).toEqual([
      `chokepoint: interrupted by SIGINT — ${kept.length} simulation${kept.length === 1 ? "" : "s"} kept in ${join(out, "runs")}; rerun the same command to resume`,
    ]);
    // Nothing else: no staging, no half-made run, no search tables.
    expect(readdirSync(join(out, "runs")).sort()).toEqual(kept.sort());
    expect(readdirSync(out)).toEqual(["runs"]);

    const again = await runCli("search", SEARCH, "--out", out, "--jobs", "2");
    expect(again.code).toBe(0);
    expect(existsSync(join(out, "search.csv"))).toBe(true);
  }, 180_000);

  it("stopped before any simulation finished, into a new directory: nothing is left", async () => {
    const out = join(tmp, "fresh", "search");
    const r = await signalCli(["search", LONG, "--out", out, "--jobs", "2", "--quiet"], out, "SIGTERM", (e) => staging(e).length > 0);
    expect(r.signal).toBe("SIGTERM");
    expect(r.stderr).toContain("chokepoint: interrupted by SIGTERM — 0 simulations kept\n");
    expect(existsSync(join(tmp, "fresh"))).toBe(false);
  }, 180_000);
});
