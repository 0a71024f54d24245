// chokepoint search end to end on a held-in design space: the full grid's optimum with at most a third of its simulations, the same files whatever the jobs or reuse.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCsv, runCli } from "../cli/runCli.js";

const FILE = "scenarios/search/training-fabric.yaml";
const tmp = mkdtempSync(join(tmpdir(), "chokepoint-search-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The full grid's answer from its sweep-summary.csv: every run ok, mean utilisation ≥ 0.9, the lowest mean cost (then the first point). */
function gridOptimum(dir: string): number | undefined {
  let best: number | undefined;
  let bestCost = Infinity;
  for (const row of readCsv(join(dir, "sweep-summary.csv"))) {
    if (row.n_failed !== "0" || !(Number(row.gpu_utilization_mean) >= 0.9)) continue;
    const cost = Number(row.cost_per_iteration_usd_mean);
    if (cost < bestCost) [best, bestCost] = [Number(row.point), cost];
  }
  return best;
}

describe("chokepoint search", () => {
  it("finds the full grid's optimum of scenarios/search/training-fabric.yaml with at most a third of its simulations, and the same files when it reuses the grid's runs", async () => {
    const grid = join(tmp, "grid");
    const swept = await runCli("sweep", FILE, "--out", grid, "--jobs", "2", "--quiet");
    expect(swept.stderr).toBe("");
    expect(swept.code).toBe(0);
    const optimum = gridOptimum(grid);
    expect(optimum).toBeDefined();

    const out = join(tmp, "search");
    const r = await runCli("search", FILE, "--out", out, "--jobs", "2");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`chosen: p${optimum} (`);
    const m = /(\d+) simulations vs 60 for the full grid/.exec(r.stdout);
    expect(m, r.stdout).not.toBeNull();
    const simulations = Number(m![1]);
    expect(simulations).toBeLessThanOrEqual(60 / 3);
    const rows = readCsv(join(out, "search.csv"));
    expect(rows.reduce((s, row) => s + Number(row.replications), 0)).toBe(simulations);
    expect(rows.filter((row) => row.decision === "chosen").map((row) => Number(row.point))).toEqual([optimum]);
    const chosen = rows.find((row) => row.decision === "chosen")!;
    expect(chosen.feasible).toBe("yes");
    expect(Number(chosen.gpu_utilization_ci95_low)).toBeGreaterThanOrEqual(0.9);
    // Each simulation the search ran is the grid's run of the same id, to the byte.
    for (const row of rows) {
      const id = `p${row.point.padStart(2, "0")}-r0`;
      expect(readFileSync(join(out, "runs", id, "summary.csv"), "utf8")).toBe(readFileSync(join(grid, "runs", id, "summary.csv"), "utf8"));
    }
    const pareto = readCsv(join(out, "pareto.csv"));
    expect(pareto.some((row) => Number(row.point) === optimum && row.meets === "yes")).toBe(true);

    // Into the grid's directory with one job: every run is reused, and both files are the same bytes.
    const again = await runCli("search", FILE, "--out", grid, "--jobs", "1", "--quiet");
    expect(again.code).toBe(0);
    for (const f of ["search.csv", "pareto.csv"]) expect(readFileSync(join(grid, f), "utf8")).toBe(readFileSync(join(out, f), "utf8"));
  }, 240_000);

  it("refuses a bad search block with exit 2, one sentence naming the file and key, and writes nothing", async () => {
    const out = join(tmp, "bad");
    const r = await runCli("search", "scenarios/bad/search-monotone-direction.yaml", "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'chokepoint: scenarios/bad/search-monotone-direction.yaml: search.monotone.nicGbps: must be up (a larger value means more resources: targets no worse, cost no lower) or down, found "upward"\n',
    );
    expect(existsSync(out)).toBe(false);
    const plain = await runCli("search", "scenarios/sweeps/fct-vs-load.yaml", "--out", out);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain("has no search block");
    expect(existsSync(out)).toBe(false);
  });
});
