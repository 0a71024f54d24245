// Tests of summarizeRun: counts, makespan, throughput and R-7 percentiles against hand computation.
import { describe, expect, it } from "vitest";
import { summarizeRun } from "../../src/report/summarizeRun.js";
import { recordedNetwork, twoBottlenecksInTurn, twoFlowsSharing } from "./networks.js";

describe("summarizeRun", () => {
  it("summarises two flows sharing a link", () => {
    const { network, flows, resources, run } = twoFlowsSharing();
    const s = summarizeRun({ network, flows, resources, run });
    expect([s.flows, s.finished, s.bytes, s.events]).toEqual([2, 2, 1.5e9, run.events]);
    // Makespan = last finish = 0.300002 s; throughput = 1.5e9·8/1e9 Gb / 0.300002 s.
    expect(s.makespanS).toBeCloseTo(0.300002, 12);
    expect(s.throughputGbps).toBeCloseTo(12 / 0.300002, 8);
    // FCTs sorted: [0.200002, 0.300002]. R-7 with n = 2: value at h = (n − 1)·p = p, so
    // q(p) = 0.200002 + p·0.1 → p50 0.250002, p95 0.295002, p99 0.299002.
    expect(s.fctP50S).toBeCloseTo(0.250002, 12);
    expect(s.fctP95S).toBeCloseTo(0.295002, 12);
    expect(s.fctP99S).toBeCloseTo(0.299002, 12);
    // Slowdowns: f0 0.300002/0.200002 ≈ 1.499995, f1 0.200002/0.100002 ≈ 1.99998; same rule.
    const lo = 0.300002 / 0.200002;
    const hi = 0.200002 / 0.100002;
    expect(s.slowdownP50).toBeCloseTo(lo + 0.5 * (hi - lo), 10);
    expect(s.slowdownP95).toBeCloseTo(lo + 0.95 * (hi - lo), 10);
    expect(s.slowdownP99).toBeCloseTo(lo + 0.99 * (hi - lo), 10);
    expect(s.bottlenecks.map((b) => b.name)).toEqual(["s->b"]);
  });

  it("reports a lone flow's slowdown as 1, not 0.9999999999999994 (round-off of finish − start)", () => {
    // a —1e9 B/s, 1 µs— b; 1e8 B from 0.3 s: finish = (0.3 + 1e-6) + 0.1 and FCT = finish − 0.3 =
    // 0.10000099999999994 in float64, against ideal 1e-6 + 0.1 = 0.100001: a ratio of 1 − 6e-16.
    const { sim, network, router, flows, resources, node } = recordedNetwork([{ id: "a" }, { id: "b" }], [{ from: "a", to: "b", bandwidthBps: 1e9, latencyS: 1e-6 }]);
    sim.at(0.3, () => network.startFlow(router.route(node("a"), node("b"), 0)!, 1e8));
    const run = sim.run();
    const fct = network.finishOf(0) - network.startOf(0);
    expect(fct / flows.idealFctOf(0)).toBeLessThan(1);
    const s = summarizeRun({ network, flows, resources, run });
    expect([s.slowdownP50, s.slowdownP95, s.slowdownP99]).toEqual([1, 1, 1]);
    // flows.csv too: its slowdown cell is 1.
    expect([...flows.rows()][0][8]).toBe("1");
  });

  it("uses the end of the run as makespan when flows remain unfinished", () => {
    // f1 = 3e8 B ends at 0.2 s (FCT 0.1 s; ideal 3e8 / min(12.5e9, 6e9) = 0.05 s → slowdown
    // 2); f0 would end at 0.24 s but the run stops at 0.22 s. Throughput = 2.4 Gb / 0.22 s.
    const { network, flows, resources, run } = twoBottlenecksInTurn(3e8, 0.22);
    const s = summarizeRun({ network, flows, resources, run });
    expect([s.flows, s.finished, s.bytes, s.makespanS]).toEqual([2, 1, 3e8, 0.22]);
    expect(s.throughputGbps).toBeCloseTo(2.4 / 0.22, 10);
    expect(s.fctP50S).toBeCloseTo(0.1, 12);
    expect(s.fctP99S).toBeCloseTo(0.1, 12);
    expect(s.slowdownP95).toBeCloseTo(2, 10);
  });

  it("gives NaN percentiles when no flow finished", () => {
    const { network, flows, resources, run } = twoBottlenecksInTurn(3e8, 0.05);
    const s = summarizeRun({ network, flows, resources, run });
    expect(s.finished).toBe(0);
    expect(s.fctP50S).toBeNaN();
    expect(s.slowdownP99).toBeNaN();
    expect(s.makespanS).toBe(0.05);
  });

  it("gives the same result when called twice", () => {
    const { network, flows, resources, run } = twoFlowsSharing();
    expect(summarizeRun({ network, flows, resources, run })).toEqual(summarizeRun({ network, flows, resources, run }));
  });
});
