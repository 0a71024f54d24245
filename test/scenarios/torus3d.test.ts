// scenarios/torus-3d.yaml runs as derived by hand in the file: a bisection-crossing mirror moves 2 × the bisection bandwidth.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCsv, runCli } from "../cli/runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "torus-3d-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("torus-3d.yaml", () => {
  it("every flow ends at 1 s plus its latency lead, and the fabric moves 2 × the bisection bandwidth", async () => {
    const out = join(tmp, "run");
    const r = await runCli("run", "scenarios/torus-3d.yaml", "--out", out, "--quiet");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    // Bisection of 8 × 4 × 4: 16 x-rings cut twice, 32 links × 100 Gb/s each way.
    const bisectionGbps = ((8 * 4 * 4) / 8) * 2 * 100;
    const first = readCsv(join(out, "timeseries.csv")).find((row) => row.scope === "workload" && row.interval_start_s === "0")!;
    expect(Number(first.throughput_gbps)).toBeCloseTo((2 * bisectionGbps * (0.5 - 3e-6)) / 0.5, 9);
    // Host n is at x = n mod 8: x = 0, 3, 4, 7 are 1 router hop from their partner (3 us), the others 3 (5 us).
    // A short flow runs 2 us alone at 12.5e9 B/s, then at 6.25e9 B/s; its long partner ends 2 us after it.
    const flows = readCsv(join(out, "flows.csv"));
    expect(flows).toHaveLength(128);
    for (const f of flows) {
      const x = Number(f.src.slice(1)) % 8;
      const short = [0, 3, 4, 7].includes(x);
      const shortEndS = 5e-6 + (6.25e9 - 2e-6 * 12.5e9) / 6.25e9;
      expect(Number(f.finish_s), f.id).toBeCloseTo(short ? shortEndS : shortEndS + 2e-6, 12);
    }
  });
});
