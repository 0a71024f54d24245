// Test helper for the claims pack: run a claim's scenario through the CLI into a temp folder and read its reports.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect } from "vitest";
import { readCsv, runCli } from "../cli/runCli.js";

/** A temp folder for one test file's runs, and a function that removes it (call it in afterAll). */
export function claimFolder(): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "chokepoint-claims-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

const done = new Set<string>();

/**
 * Run `scenario` (must succeed silently) into `dir/<its base name>`, once per folder (later
 * calls reuse the reports); returns a reader of its CSV reports by file name.
 */
export async function runClaim(dir: string, scenario: string): Promise<(csv: string) => Record<string, string>[]> {
  const out = join(dir, scenario.replace(/^.*\//, "").replace(/\.ya?ml$/, ""));
  if (!done.has(out)) {
    const r = await runCli("run", scenario, "--out", out, "--quiet");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    done.add(out);
  }
  return (csv) => readCsv(join(out, csv));
}

/** The `usd` of cost.csv's row for `workload` and `item`. */
export function usd(cost: Record<string, string>[], workload: string, item: string): number {
  const row = cost.find((r) => r.workload === workload && r.item === item);
  if (!row) throw new Error(`cost.csv has no row ${workload}/${item}`);
  return Number(row.usd);
}
