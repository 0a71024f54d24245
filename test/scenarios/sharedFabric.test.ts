// scenarios/ai/shared-fabric.yaml: training and disaggregated inference on one oversubscribed fabric — the job slows within hand-derived bounds, serving's KV traffic is bound at the uplinks, and an extra agent population changes nobody's draws.
import { readFileSync } from "node:fs";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/run/simulate.js";
import { prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";
import type { IterationRecord, RequestRecord } from "../../src/workloads/WorkloadResults.js";

const FILE = "scenarios/ai/shared-fabric.yaml";
const base = load(readFileSync(FILE, "utf8")) as { workloads: unknown[]; topology: Array<{ nodes?: unknown[]; links?: unknown[] }> };

function run(doc: object) {
  const s = simulate(prepareScenarioDocument(JSON.parse(JSON.stringify(doc)), FILE));
  const byName = new Map(s.workloads.map((w) => [w.name, w.results?.() ?? {}]));
  return { s, iterations: byName.get("llm-train")!.iterations as IterationRecord[], requests: byName.get("users")?.requests?.records() as RequestRecord[] | undefined };
}

describe("shared fabric: training next to disaggregated inference", () => {
  const shared = run(base);
  const alone = run({ ...base, workloads: base.workloads.slice(0, 1) });

  it("alone, each iteration lies between the balanced and the worst ECMP placement of the ring edges", () => {
    // 2 GB of gradients (1e9 × 2 B) in 4 buckets of S = 0.5 GB; backward 100 ms, so a bucket
    // every 25 ms and only the last one is exposed if it takes less.
    // Hierarchical all-reduce over 4 hosts × 8 GPUs: NVLink 2·7·(S/8) ÷ 4.5e11 = 1.944 ms;
    // inter-host: 8 rings (one per GPU index), each edge crossing its leaf's 2 uplinks of
    // 5e10 B/s; 2·3 steps of S/32 = 15.625 MB. Balanced ECMP: 4 edges per uplink, 1.25e10 B/s
    // each (the 2.5e10 B/s NIC is faster); worst: all 8 on one uplink, 6.25e9 B/s.
    const nvlinkS = (2 * 7 * (0.5e9 / 8)) / 4.5e11;
    const step = 0.5e9 / 32;
    const best = 0.15 + nvlinkS + 6 * (step / 1.25e10);
    const worst = 0.15 + nvlinkS + 6 * (4e-6 + step / 6.25e9);
    for (const it of alone.iterations) {
      expect(it.iterationS).toBeGreaterThanOrEqual(best - 1e-9);
      expect(it.iterationS).toBeLessThanOrEqual(worst);
    }
  });

  it("serving's KV caches on the same uplinks slow every iteration of the job", () => {
    expect(shared.iterations).toHaveLength(4);
    shared.iterations.forEach((it, i) => {
      expect(it.iterationS).toBeGreaterThan(alone.iterations[i].iterationS);
      expect(it.computeS).toBe(0.15);
    });
    const mean = (xs: IterationRecord[]) => xs.reduce((a, x) => a + x.iterationS, 0) / xs.length;
    // A small slowdown: only the last bucket of each iteration is exposed to the contention.
    expect(mean(shared.iterations) / mean(alone.iterations)).toBeLessThan(1.1);
    expect(shared.requests!.length).toBeGreaterThan(300);
  });

  it("an extra agent population on a disjoint edge changes neither the job nor the first population's draws", () => {
    const topology = structuredClone(base.topology);
    topology[1].nodes!.push({ id: "edge2", kind: "host" }, { id: "tool", kind: "host" });
    topology[1].links!.push({ from: "edge2", to: "tool", bandwidth: "10Gbps", latency: "1ms" });
    const more = run({
      ...base,
      topology,
      workloads: [
        ...base.workloads,
        { service: { name: "search", nodes: ["tool"], serviceTime: { exponential: { mean: "5ms" } } } },
        { agents: { name: "bots", kind: "bot", count: 10, nodes: ["edge2"], arrival: { poisson: { rate: "200/s" } }, call: "search", duration: "1s" } },
      ],
    });
    expect(more.iterations).toEqual(shared.iterations);
    expect(more.requests).toEqual(shared.requests);
  });
});
