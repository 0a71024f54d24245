// scenarios/ai/nvl72-rail-3tier.yaml: NVL72 domains in a 3-tier rail fabric reproduce their hand-derived finish times and routes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCsv, runCli } from "../cli/runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-nvl72-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("scenarios/ai/nvl72-rail-3tier.yaml", () => {
  it("NVLink, rail and core transfers finish at the times derived in its header", async () => {
    const r = await runCli("run", "scenarios/ai/nvl72-rail-3tier.yaml", "--out", tmp, "--quiet");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const finish = Object.fromEntries(readCsv(join(tmp, "flows.csv")).map((f) => [f.id, Number(f.finish_s)]));
    const alpha = 1e-6;
    // NVLink inside the domain: 9 GB at 9e11 B/s, 0 s of latency.
    const expected: Record<string, number> = { nvlink: 9e9 / 9e11 };
    // Four flows share one 5e10 B/s NIC: 1e9 / (5e10 / 4) after 2 (rail) or 6 (core) fabric links.
    for (const h of [1, 5, 9, 17]) expected[`rail-incast-h${h}`] = 2 * alpha + 1e9 / (5e10 / 4);
    for (const h of [36, 40, 54, 71]) expected[`core-incast-h${h}`] = 6 * alpha + 1e9 / (5e10 / 4);
    expected.core = 6 * alpha + 1e9 / 5e10;
    expect(Object.keys(finish).sort()).toEqual(Object.keys(expected).sort());
    for (const [id, t] of Object.entries(expected)) expect(Math.abs(finish[id] - t) / t, id).toBeLessThan(1e-9);
  });
});
