// Same scenario and seed ⇒ byte-identical reports with routing policies, failures, surges and the TE controller on.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-te-determinism-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("TE and policy claims are deterministic", () => {
  for (const name of ["wan-failure-training/wcmp", "spike-static-vs-adaptive/te", "sovereign-routing/sovereign"]) {
    it(`${name}: two runs write byte-identical CSVs (timeseries.csv included where reported)`, async () => {
      const dirs = [join(tmp, `${name.replace("/", "-")}-a`), join(tmp, `${name.replace("/", "-")}-b`)];
      for (const out of dirs) {
        const r = await runCli("run", `scenarios/claims/${name}.yaml`, "--out", out, "--quiet");
        expect(r.stderr).toBe("");
        expect(r.code).toBe(0);
      }
      const csvs = readdirSync(dirs[0]).filter((f) => f.endsWith(".csv")).sort();
      expect(csvs).toContain("flows.csv");
      for (const f of csvs) expect(readFileSync(join(dirs[1], f)).equals(readFileSync(join(dirs[0], f))), f).toBe(true);
    });
  }
});
