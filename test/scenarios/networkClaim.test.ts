// "The network, not compute, is the bottleneck": the same 256 GPUs behind a rudimentary and an advanced network, and the NIC speed at which more bandwidth stops paying — all against the closed form.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCsv, runCli as run } from "../cli/runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-claim-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// The job of both scenarios: 14 GB of bf16 gradients per GPU in 14 buckets of S = 1 GB,
// forward 0.2 s, backward 0.4 s; 32 hosts × g = 8 GPUs; NVLink 4.5e11 B/s, 0 s.
const S = 1e9;
const g = 8;
const H = 32;
const BUCKETS = 14;
const FORWARD = 0.2;
const BACKWARD = 0.4;

/**
 * One bucket's hierarchical all-reduce: reduce-scatter + all-gather on NVLink,
 * 2(g−1)·S/(g·B_in), plus the inter-host ring on the S/g shard, 2(H−1)(α + S/(gH·B_out)),
 * B_out the share of a NIC each ring edge gets and α its path latency.
 */
const bucketS = (bOutBps: number, alphaS: number) => (2 * (g - 1) * S) / (g * 4.5e11) + 2 * (H - 1) * (alphaS + S / (g * H * bOutBps));

/**
 * Iteration time: bucket k is ready at forward + (k+1)/B of backward; buckets run one at a
 * time. If a bucket is shorter than the gap between buckets only the last is exposed;
 * otherwise they queue behind the first.
 */
function iterationS(bucket: number): number {
  const gap = BACKWARD / BUCKETS;
  return bucket <= gap ? FORWARD + BACKWARD + bucket : FORWARD + gap + BUCKETS * bucket;
}

async function jobs(scenario: string): Promise<Record<string, string>[]> {
  const out = join(tmp, scenario.replace(/\W/g, "-"));
  const r = await run("run", scenario, "--out", out, "--quiet");
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return readCsv(join(out, "jobs.csv"));
}

describe("rudimentary versus advanced network for the same GPUs", () => {
  it("rudimentary: one shared 100 Gb/s NIC per host makes the buckets queue, a quarter of GPU time computes", async () => {
    // 8 rings share each host's 1.25e10 B/s NIC; the slowest ring edge crosses leaves: 4 links of 1 µs.
    const expected = iterationS(bucketS(1.25e10 / 8, 4e-6));
    const rows = await jobs("scenarios/ai/rudimentary-network.yaml");
    expect(rows).toHaveLength(2);
    for (const r of rows) {
      expect(Number(r.iteration_s)).toBeCloseTo(expected, 9);
      expect(Number(r.gpu_utilization)).toBeCloseTo(0.6 / expected, 9);
    }
    expect(Number(rows[0].gpu_utilization)).toBeLessThan(0.25);
  });

  it("advanced: a 400 Gb/s NIC per GPU, rail-optimized and non-blocking, hides all but the last bucket", async () => {
    // Each ring edge has its own 5e10 B/s NIC; rail path GPU–rail–GPU, 2 links of 1 µs.
    const expected = iterationS(bucketS(5e10, 2e-6));
    const rows = await jobs("scenarios/ai/advanced-network.yaml");
    for (const r of rows) expect(Number(r.iteration_s)).toBeCloseTo(expected, 9);
    expect(Number(rows[0].gpu_utilization)).toBeGreaterThan(0.98);
  });
});

describe("scenarios/sweeps/nic-speed-training.yaml: where more NIC bandwidth stops paying", () => {
  it("matches the closed form at every NIC speed and flattens past the knee", async () => {
    const out = join(tmp, "nic-sweep");
    const r = await run("sweep", "scenarios/sweeps/nic-speed-training.yaml", "--out", out, "--jobs", "2", "--quiet");
    expect(r.code).toBe(0);
    const rows = readCsv(join(out, "sweep.csv"));
    const util = new Map<number, number>();
    for (const row of rows) {
      const nicBps = (Number(row.nicGbps) * 1e9) / 8;
      const expected = iterationS(bucketS(nicBps, 2e-6));
      expect(Number(row.iteration_mean_s)).toBeCloseTo(expected, 9);
      util.set(Number(row.nicGbps), Number(row.gpu_utilization));
    }
    const speeds = [...util.keys()].sort((a, b) => a - b);
    expect(speeds).toEqual([25, 50, 100, 200, 400, 800]);
    const gain = (gbps: number) => util.get(gbps * 2)! - util.get(gbps)!;
    // Below the knee a doubling buys tens of points of utilisation; from 100 Gb/s on, under two.
    expect(gain(25)).toBeGreaterThan(0.2);
    expect(gain(50)).toBeGreaterThan(0.2);
    for (const gbps of [100, 200, 400]) expect(gain(gbps)).toBeLessThan(0.02);
    // The knee: a bucket (≈ 23.4 ms at 100 Gb/s) first fits in the 28.6 ms between buckets.
    expect(bucketS(100e9 / 8, 2e-6)).toBeLessThan(BACKWARD / BUCKETS);
    expect(bucketS(50e9 / 8, 2e-6)).toBeGreaterThan(BACKWARD / BUCKETS);
  });
});
