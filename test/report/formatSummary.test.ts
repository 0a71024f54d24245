// Tests of formatSummary: the human summary names the key numbers and at most five bottlenecks.
import { describe, expect, it } from "vitest";
import { formatSummary } from "../../src/report/formatSummary.js";
import type { BottleneckEntry } from "../../src/report/ResourceRecorder.js";
import { summarizeRun, type RunSummary } from "../../src/report/summarizeRun.js";
import { twoFlowsSharing } from "./networks.js";

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
    expect(text).toContain("1. s->b [host-nic] 100.0%");
  });

  it("lists at most the top five bottlenecks", () => {
    const bottlenecks: BottleneckEntry[] = Array.from({ length: 7 }, (_, i) => ({
      resource: i,
      name: `r${i}`,
      tier: "other",
      capacityBps: 1,
      bottleneckFlowS: 7 - i,
      share: (7 - i) / 28,
      saturatedFrac: 0,
      meanUtil: 0,
    }));
    const summary: RunSummary = {
      flows: 0, finished: 0, bytes: 0, makespanS: 0, throughputGbps: 0,
      fctP50S: NaN, fctP95S: NaN, fctP99S: NaN, slowdownP50: NaN, slowdownP95: NaN, slowdownP99: NaN,
      events: 0, bottlenecks,
    };
    const text = formatSummary(summary);
    expect(text).toContain("5. r4 [other] 10.7%");
    expect(text).not.toContain("r5");
    expect(text).toContain("FCT p50/p95/p99: - / - / -");
  });
});
