// Tests of formatSummary: the human summary leads with where the run choked by tier and by workload, then the key numbers and a few resources.
import { describe, expect, it } from "vitest";
import { formatSummary } from "../../src/report/formatSummary.js";
import type { BottleneckEntry } from "../../src/report/resourceCsv.js";
import type { Tier } from "../../src/report/tierOf.js";
import { summarizeRun, type RunSummary } from "../../src/report/summarizeRun.js";
import { twoFlowsSharing } from "./networks.js";

const entry = (i: number, tier: Tier, flowS: number, total: number): BottleneckEntry => ({
  resource: i,
  name: `r${i}`,
  tier,
  capacityBps: 1,
  bottleneckFlowS: flowS,
  share: flowS / total,
  saturatedFrac: 0,
  meanUtil: 0,
});

const emptySummary = (bottlenecks: BottleneckEntry[]): RunSummary => ({
  flows: 0, finished: 0, bytes: 0, makespanS: 0, throughputGbps: 0,
  fctP50S: NaN, fctP95S: NaN, fctP99S: NaN, slowdownP50: NaN, slowdownP95: NaN, slowdownP99: NaN,
  events: 0, bottlenecks,
});

describe("formatSummary", () => {
  it("prints counts, makespan, throughput, percentiles and the bottleneck", () => {
    const { network, flows, resources, run } = twoFlowsSharing();
    const text = formatSummary(summarizeRun({ network, flows, resources, run }));
    // Rounded to 4 significant digits: throughput 12/0.300002 = 39.9997 → 40; FCT p50/p95/p99
    // 250.002/295.002/299.002 ms; slowdown p50 1.74999, p95 1.97498, p99 1.99498.
    expect(text).toContain("flows: 2/2 finished, 1.5 GB delivered");
    expect(text).toContain("makespan: 300 ms, throughput: 40 Gb/s");
    expect(text).toContain("FCT p50/p95/p99: 250 ms / 295 ms / 299 ms");
    expect(text).toContain("slowdown p50/p95/p99: 1.75 / 1.975 / 1.995");
    expect(text).toContain("where it choked (share of bottleneck flow-seconds): host-nic 100.0%");
    expect(text).toContain("longest-binding resources (bottlenecks.csv): s->b [host-nic] 100.0%");
  });

  it("groups the flow counts by thousands, as the events line does", () => {
    const text = formatSummary({ ...emptySummary([]), flows: 13294, finished: 12000 });
    expect(text).toContain("flows: 12,000/13,294 finished");
  });

  it("leads with the tiers and each workload's tiers (tiers.csv), not with single links", () => {
    // A symmetric fabric: 32 host ports at 3 % each hold 97.6 % between them; the tiers say so first.
    const links = Array.from({ length: 32 }, (_, i) => entry(i, "host-nic", 3.1, 100));
    const text = formatSummary(emptySummary(links), {
      tiers: {
        all: [["host-nic", 0.976], ["leaf-spine", 0.024], ["spine-core", 0]],
        workloads: [["web", [["host-nic", 0.9], ["leaf-spine", 0.1]]], ["idle", [["host-nic", 0]]], ["bulk", [["host-nic", 1], ["leaf-spine", 0.0001]]]],
      },
    });
    const lines = text.split("\n");
    expect(lines[0]).toBe("where it choked (share of bottleneck flow-seconds, tiers.csv): host-nic 97.6%, leaf-spine 2.4%");
    expect(lines[1]).toBe("  web: host-nic 90.0%, leaf-spine 10.0%");
    expect(lines[2]).toBe("  bulk: host-nic 100.0%");
    expect(lines[3]).toMatch(/^flows: /);
    // Three resources, on one line, after the numbers.
    expect(text).toContain("longest-binding resources (bottlenecks.csv): r0 [host-nic] 3.1%, r1 [host-nic] 3.1%, r2 [host-nic] 3.1%");
    expect(text).not.toContain("r3");
  });

  it("without tiers.csv, groups the resources' flow-seconds by tier", () => {
    const text = formatSummary(emptySummary([entry(0, "wan", 3, 4), entry(1, "host-nic", 1, 4)]));
    expect(text.split("\n")[0]).toBe("where it choked (share of bottleneck flow-seconds): wan 75.0%, host-nic 25.0%");
    expect(text).toContain("FCT p50/p95/p99: - / - / -");
  });

  it("says when nothing choked, and counts the workloads it does not list", () => {
    const workloads = Array.from({ length: 10 }, (_, i): [string, Array<[string, number]>] => [`w${i}`, [["host-nic", 1]]]);
    const text = formatSummary(emptySummary([]), { tiers: { all: [], workloads } });
    expect(text.split("\n")[0]).toBe("where it choked: nowhere — no flow was ever bound by a resource");
    expect(text).toContain("  w7: host-nic 100.0%");
    expect(text).not.toContain("w8:");
    expect(text).toContain("  … and 2 more workloads (tiers.csv)");
  });
});
