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

/** A workloads.csv statistic (`p50`, `p99`, `count`, …) of `metric` for `workload` in group `group`. */
export function stat(rows: Record<string, string>[], workload: string, group: string, metric: string, column: string): number {
  const row = rows.find((r) => r.workload === workload && r.group === group && r.metric === metric);
  if (!row) throw new Error(`workloads.csv has no row ${workload}/${group}/${metric}`);
  return Number(row[column]);
}

/**
 * One-way fiber latency between two (lat, lon) points in degrees: great-circle distance by the
 * spherical law of cosines (independent of the haversine in src/net/greatCircle.ts), R =
 * 6,371,008.8 m, × `inflation` ÷ 2e8 m/s.
 */
export function fiberS(a: readonly [number, number], b: readonly [number, number], inflation = 1.5): number {
  const r = Math.PI / 180;
  const cos = Math.sin(a[0] * r) * Math.sin(b[0] * r) + Math.cos(a[0] * r) * Math.cos(b[0] * r) * Math.cos((b[1] - a[1]) * r);
  return (6371008.8 * Math.acos(Math.min(1, cos)) * inflation) / 2e8;
}
