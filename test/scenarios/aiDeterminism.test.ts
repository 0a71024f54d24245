// Same scenario and seed ⇒ byte-identical reports, for every AI scenario in scenarios/ai.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli as run } from "../cli/runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-ai-determinism-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const scenarios = readdirSync("scenarios/ai")
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

describe("AI scenarios are deterministic", () => {
  it("there are AI scenarios to check", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(4);
  });

  for (const name of scenarios) {
    it(`${name}: two runs write byte-identical CSVs`, async () => {
      const dirs = [join(tmp, `${name}-a`), join(tmp, `${name}-b`)];
      for (const out of dirs) {
        const r = await run("run", join("scenarios/ai", name), "--out", out, "--quiet");
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
      }
      const csvs = readdirSync(dirs[0]).filter((f) => f.endsWith(".csv")).sort();
      expect(csvs).toEqual(readdirSync(dirs[1]).filter((f) => f.endsWith(".csv")).sort());
      expect(csvs).toContain("workloads.csv");
      for (const f of csvs) expect(readFileSync(join(dirs[1], f)).equals(readFileSync(join(dirs[0], f))), f).toBe(true);
    });
  }
});
