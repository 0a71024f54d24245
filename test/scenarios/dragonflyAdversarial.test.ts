// dragonfly-adversarial(-valiant).yaml: minimal routing held to one global link per group pair, Valiant spread over the others, as derived in the files.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCsv, runCli } from "../cli/runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "dragonfly-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Run `scenarios/<name>.yaml` and return its flows and its summary row. */
async function run(name: string): Promise<{ flows: Record<string, string>[]; summary: Record<string, string> }> {
  const out = join(tmp, name);
  const r = await runCli("run", `scenarios/${name}.yaml`, "--out", out, "--quiet");
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return { flows: readCsv(join(out, "flows.csv")), summary: readCsv(join(out, "summary.csv"))[0] };
}

/** 100 MB at 12.5 GB/s alone: the drain part of ideal_fct_s (the rest is the route's latency). */
const ALONE_S = 1e8 / 12.5e9;
/** Group of a router id "r{group}_{i}". */
const group = (router: string) => Number(router.slice(1, router.indexOf("_")));

describe("dragonfly under adversarial traffic (every host of group q to every host of group q+1)", () => {
  it("minimal: each group's 64 flows share its one global link to the next group — 0.512 s each, 112.5 GB/s in all", async () => {
    const { flows, summary } = await run("dragonfly-adversarial");
    expect(flows).toHaveLength(576);
    // Group q's global link is busy from its first flow's arrival (the least route latency) and never idle while its
    // 64 · 0.1 GB = 6.4 GB drain at 12.5 GB/s: the group's last flow ends exactly 0.512 s after that first arrival.
    // (Routes have 0 to 2 local hops, so latencies differ by up to 1 µs and flows end within that of each other.)
    const firstArrivalS = new Array<number>(9).fill(Infinity);
    const lastFinishS = new Array<number>(9).fill(0);
    for (const f of flows) {
      const q = Math.floor(Number(f.src.slice(1)) / 8);
      // The route's latency is ideal_fct_s − 0.1 GB / 12.5 GB/s.
      firstArrivalS[q] = Math.min(firstArrivalS[q], Number(f.ideal_fct_s) - ALONE_S);
      lastFinishS[q] = Math.max(lastFinishS[q], Number(f.finish_s));
      expect(Math.abs(Number(f.fct_s) - 0.512)).toBeLessThan(1e-5);
      // Bound by the global link from the source's group to the next.
      const [from, to] = f.bottleneck.split("->");
      expect(group(from)).toBe(q);
      expect(group(to)).toBe((q + 1) % 9);
    }
    for (let q = 0; q < 9; q++) expect(lastFinishS[q] - firstArrivalS[q]).toBeCloseTo(0.512, 9);
    // 57.6 GB in 0.512 s (+ at most 6 µs of latency): 900 Gb/s = 9 global links × 100 Gb/s.
    expect(Number(summary.throughput_gbps)).toBeCloseTo(900, 1);
  });

  it("valiant: the same flows over the other groups' global links, between the 0.128 s bound and minimal's 0.512 s", async () => {
    const { flows, summary } = await run("dragonfly-adversarial-valiant");
    expect(flows.every((f) => f.status === "done")).toBe(true);
    // At best 450 GB/s (two global links per byte): 57.6 GB need ≥ 0.128 s.
    const makespanS = Number(summary.makespan_s);
    expect(makespanS).toBeGreaterThanOrEqual(0.128);
    // This seed: 0.216 s, 2.37× minimal's throughput; the hashed choice of intermediate group loads links unevenly.
    expect(makespanS).toBeLessThan(0.25);
    expect(Number(summary.throughput_gbps)).toBeGreaterThan(2 * 900);
    // Bottlenecks are router–router links (local or global), never a host's.
    for (const f of flows) expect(f.bottleneck).toMatch(/^r\d+_\d+->r\d+_\d+$/);
  });
});
