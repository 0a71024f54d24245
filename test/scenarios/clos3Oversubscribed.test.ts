// scenarios/clos3-oversubscribed.yaml runs as derived by hand in the file: a cross-pod shift moves the oversubscription-limited N·host ÷ 4.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCsv, runCli } from "../cli/runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "clos3-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("clos3-oversubscribed.yaml", () => {
  it("moves 128 × 100 Gb/s ÷ 4 while every flow drains, every spine uplink carrying some", async () => {
    const out = join(tmp, "run");
    const r = await runCli("run", "scenarios/clos3-oversubscribed.yaml", "--out", out, "--quiet");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // Oversubscription 8·100 ÷ (4·200) × 4·200 ÷ (2·100) = 4; hosts 128 × 100 Gb/s. Flows drain from
    // 6 links × 1 us; none ends before 1 s (12.5 GB at ≤ 100 Gb/s).
    const hosts = 128;
    const boundGbps = (hosts * 100) / ((8 * 100) / (4 * 200)) / ((4 * 200) / (2 * 100));
    const first = readCsv(join(out, "timeseries.csv")).find((row) => row.scope === "workload" && row.interval_start_s === "0")!;
    expect(Number(first.throughput_gbps)).toBeCloseTo((boundGbps * (0.5 - 6e-6)) / 0.5, 9);
    // Each of the 4 pods × 4 spines × 2 super-spines uplinks carried bytes (the condition of the bound).
    const links = readCsv(join(out, "links.csv"));
    const uplinks = links.filter((l) => /^spine\d_\d->super\d_\d$/.test(l.link));
    expect(uplinks).toHaveLength(4 * 4 * 2);
    for (const l of uplinks) expect(Number(l.bytes)).toBeGreaterThan(0);
    expect(readCsv(join(out, "flows.csv")).every((f) => f.status === "done")).toBe(true);
  });
});
