// Scenario events applied during a run: failures, reroutes, capacity and latency changes, surges, derived by hand, on both sharing engines.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScenario } from "../../src/run/runScenario.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";
import { FlowState } from "../../src/net/FlowNetwork.js";
import { SHARING_ENGINES, simulate, type EngineName } from "../../src/run/simulate.js";
import { prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";

const ENGINES = Object.keys(SHARING_ENGINES) as EngineName[];

/**
 * Two paths from a to b (hop-count routing):
 *   primary a – s1 – b: 10 Gb/s = 1.25e9 B/s, 1 ms per link → L = 2 ms
 *   backup  a – s2 – s3 – b: 4 Gb/s = 5e8 B/s, 5 ms + 0 + 0 → L = 5 ms
 */
const TWO_PATHS = {
  nodes: [{ id: "a" }, { id: "b" }, { id: "s1", kind: "switch" }, { id: "s2", kind: "switch" }, { id: "s3", kind: "switch" }],
  links: [
    { from: "a", to: "s1", bandwidth: "10Gbps", latency: "1ms" },
    { from: "s1", to: "b", bandwidth: "10Gbps", latency: "1ms" },
    { from: "a", to: "s2", bandwidth: "4Gbps", latency: "5ms" },
    { from: "s2", to: "s3", bandwidth: "4Gbps", latency: "0ms" },
    { from: "s3", to: "b", bandwidth: "4Gbps", latency: "0ms" },
  ],
};

/** a – s – b, 10 Gb/s (1.25e9 B/s), no latency; s is a firewall of 10 Gb/s. */
const ONE_PATH = {
  nodes: [{ id: "a" }, { id: "b" }, { id: "s", kind: "firewall", capacity: "10Gbps" }],
  links: [
    { from: "a", to: "s", bandwidth: "10Gbps" },
    { from: "s", to: "b", bandwidth: "10Gbps" },
  ],
};

function run(doc: Record<string, unknown>, engine: EngineName = "incremental") {
  const prepared = prepareScenarioDocument(doc, "test.yaml");
  const s = simulate(prepared, { engine });
  const byId = (id: string) => s.labels.indexOf(id);
  return { ...s, topology: prepared.topology, finish: (id: string) => s.network.finishOf(byId(id)), state: (id: string) => s.network.stateOf(byId(id)), byId };
}

describe.each(ENGINES)("scenario events (%s engine)", (engine) => {
  it("a failure mid-transfer stalls the flow, reroutes it after convergence and it finishes at the hand-derived time", () => {
    // bulk 2.5e9 B drains at 1.25e9 B/s from 2 ms; s1–b fails at 0.502 s: 0.5 s × 1.25e9 =
    // 6.25e8 B delivered, 1.875e9 B left. Stalled for the 100 ms convergence, rerouted at
    // 0.602 s, pays the backup's 5 ms again, drains at 5e8 B/s from 0.607 s: 3.75 s → 4.357 s.
    const r = run(
      {
        topology: TWO_PATHS,
        routing: { convergence: "100ms" },
        workloads: [{ transfer: { id: "bulk", src: "a", dst: "b", size: "2.5GB" } }],
        events: [{ at: "0.502s", linkDown: { from: "s1", to: "b" } }],
      },
      engine,
    );
    expect(r.finish("bulk")).toBeCloseTo(4.357, 9);
    expect(r.state("bulk")).toBe(FlowState.Done);
    // The flow keeps its id and start time; its route is now the backup.
    expect(r.network.startOf(r.byId("bulk"))).toBe(0);
    expect(Array.from(r.network.routeOf(r.byId("bulk")).nodes, (n) => r.topology.nodeIds[n])).toEqual(["a", "s2", "s3", "b"]);
  });

  it("a failure with no alternative path fails the flow and the run completes", () => {
    // a – s – b only; s–b fails at 0.3 s, convergence 0: the flow is given up at 0.3 s, and
    // a transfer started later to b fails at its start. Nothing is left to run.
    const r = run(
      {
        topology: ONE_PATH,
        workloads: [
          { transfer: { id: "x", src: "a", dst: "b", size: "1GB" } },
          { transfer: { id: "late", src: "a", dst: "b", size: "1GB", start: "1s" } },
        ],
        events: [{ at: "0.3s", linkDown: { from: "s", to: "b" } }],
      },
      engine,
    );
    expect(r.run.reason).toBe("idle");
    expect(r.state("x")).toBe(FlowState.Failed);
    expect(r.state("late")).toBe(FlowState.Failed);
    expect(Number.isNaN(r.finish("x"))).toBe(true);
    expect(r.flows.failedCount).toBe(2);
    expect(r.flows.statusOf(r.byId("x"))).toBe("failed");
    // 0.3 s at 1.25e9 B/s reached b before the failure.
    expect(r.resources.bytesOf(2)).toBeCloseTo(3.75e8, 0);
  });

  it("a link capacity change mid-flow, then a node capacity change, give the hand-derived finish time", () => {
    // 2.5e9 B at 1.25e9 B/s; at 1 s s–b drops to 5 Gb/s (6.25e8 B/s): 1.25e9 B left; at 1.5 s
    // the firewall drops to 2.5 Gb/s (3.125e8 B/s): 1.25e9 − 0.5 × 6.25e8 = 9.375e8 B left
    // → 3 s more → 4.5 s.
    const r = run(
      {
        topology: ONE_PATH,
        workloads: [{ transfer: { id: "x", src: "a", dst: "b", size: "2.5GB" } }],
        events: [
          { at: "1s", capacity: { from: "s", to: "b", bandwidth: "5Gbps" } },
          { at: "1.5s", capacity: { node: "s", capacity: "2.5Gbps" } },
        ],
      },
      engine,
    );
    expect(r.finish("x")).toBeCloseTo(4.5, 9);
  });

  it("node down reroutes around the node; node up restores the short path for new flows only", () => {
    // As the link-failure example: s1 down at 1.002 s (1.25e9 B left), convergence 50 ms,
    // backup from 1.057 s at 5e8 B/s → 3.557 s. s1 is back at 2 s (routes at 2.05 s), yet
    // bulk keeps the backup path (active flows keep theirs): still 3.557 s. "after" starts
    // at 5 s on the primary: 5.002 + 1.25e9 / 1.25e9 = 6.002 s.
    const r = run(
      {
        topology: TWO_PATHS,
        routing: { convergence: "50ms" },
        workloads: [
          { transfer: { id: "bulk", src: "a", dst: "b", size: "2.5GB" } },
          { transfer: { id: "after", src: "a", dst: "b", size: "1.25GB", start: "5s" } },
        ],
        events: [
          { at: "1.002s", nodeDown: "s1" },
          { at: "2s", nodeUp: "s1" },
        ],
      },
      engine,
    );
    expect(r.finish("bulk")).toBeCloseTo(3.557, 9);
    expect(r.finish("after")).toBeCloseTo(6.002, 9);
  });

  it("flows started after a failure but before convergence use the stale route and stall until it", () => {
    // s1–b fails at 0.5 s, convergence 200 ms. "mid" starts at 0.6 s on the stale primary:
    // in flight 2 ms, stalled, rerouted at 0.7 s, 5 ms on the backup, 5e8 B at 5e8 B/s:
    // 0.705 + 1 = 1.705 s.
    const r = run(
      {
        topology: TWO_PATHS,
        routing: { convergence: "200ms" },
        workloads: [{ transfer: { id: "mid", src: "a", dst: "b", size: "500MB", start: "0.6s" } }],
        events: [{ at: "0.5s", linkDown: { from: "s1", to: "b" } }],
      },
      engine,
    );
    expect(r.finish("mid")).toBeCloseTo(1.705, 9);
  });

  it("a link that comes back before convergence lets its stalled flows resume without a reroute", () => {
    // s1–b down [0.502 s, 0.552 s), convergence 100 ms: the flow stalls 50 ms and resumes on
    // the primary: 2.5e9 B at 1.25e9 B/s takes 2 s of draining → 2.002 + 0.05 = 2.052 s.
    const r = run(
      {
        topology: TWO_PATHS,
        routing: { convergence: "100ms" },
        workloads: [{ transfer: { id: "bulk", src: "a", dst: "b", size: "2.5GB" } }],
        events: [
          { at: "0.502s", linkDown: { from: "s1", to: "b" } },
          { at: "0.552s", linkUp: { from: "s1", to: "b" } },
        ],
      },
      engine,
    );
    expect(r.finish("bulk")).toBeCloseTo(2.052, 9);
  });

  it("a latency change applies to flows routed afterwards", () => {
    // a–s1 goes from 1 ms to 10 ms at 0.5 s. "early" (0 s) pays 2 ms: 0.002 + 1 = 1.002 s;
    // "later" (1.5 s) pays 11 ms: 1.511 + 1 = 2.511 s (hop routing keeps the primary).
    const r = run(
      {
        topology: TWO_PATHS,
        workloads: [
          { transfer: { id: "early", src: "a", dst: "b", size: "1.25GB" } },
          { transfer: { id: "later", src: "a", dst: "b", size: "1.25GB", start: "1.5s" } },
        ],
        events: [{ at: "0.5s", latency: { from: "a", to: "s1", latency: "10ms" } }],
      },
      engine,
    );
    expect(r.finish("early")).toBeCloseTo(1.002, 9);
    expect(r.finish("later")).toBeCloseTo(2.511, 9);
  });
});

describe("a surge on an agents population", () => {
  it("runs its arrival clock k times faster over [at, until): periodic tasks come every everyS/k there, later ones shift earlier", () => {
    // One agent on a, a task every 100 ms for 3 s calling a service on b; × 2 over [1 s, 2 s).
    // Without the surge: 30 tasks at 0, 0.1, …, 2.9 s. With it: 10 in [0, 1) at 0.1 s, 20 in
    // [1, 2) at 0.05 s (base times 1.0 … 2.95), then base times 3.0 … 3.9 at 2.0 … 2.9 s: 40 in all.
    const starts = (events: unknown[]) => {
      const r = run({
        topology: ONE_PATH,
        workloads: [
          { service: { name: "api", nodes: ["b"], serviceTime: "1ms", concurrency: 64 } },
          { agents: { name: "pop", nodes: ["a"], arrival: { periodic: { every: "100ms" } }, call: "api", duration: "3s" } },
        ],
        events,
      });
      return r.labels.filter((l) => l.endsWith("-req")).map((l) => r.network.startOf(r.byId(l)));
    };
    const plain = starts([]);
    expect(plain).toHaveLength(30);
    const surged = starts([{ at: "1s", until: "2s", surge: { workload: "pop", factor: 2 } }]);
    const expected = [...Array.from({ length: 10 }, (_, i) => i * 0.1), ...Array.from({ length: 20 }, (_, i) => 1 + i * 0.05), ...Array.from({ length: 10 }, (_, i) => 2 + i * 0.1)];
    expect(surged).toHaveLength(40);
    surged.forEach((t, i) => expect(t).toBeCloseTo(expected[i], 9));
  });
});

describe("scenario events on both engines", () => {
  it("give the same finish times and statuses with traffic, a failure, a recovery and a surge (full engine as reference)", () => {
    const doc = {
      seed: 3,
      topology: { leafSpine: { leaves: 4, spines: 2, hostsPerLeaf: 4, hostBandwidth: "10Gbps", uplinkBandwidth: "20Gbps", latency: "1us" } },
      routing: { convergence: "1ms" },
      workloads: [{ traffic: { name: "web", pattern: "uniform", load: 0.5, size: { exponential: { mean: "1MB" } }, duration: "50ms" } }],
      events: [
        { at: "10ms", linkDown: { from: "leaf0", to: "spine0" } },
        { at: "15ms", nodeDown: "h5" },
        { at: "20ms", until: "30ms", surge: { workload: "web", factor: 3 } },
        { at: "25ms", linkUp: { from: "leaf0", to: "spine0" } },
        { at: "28ms", capacity: { from: "leaf1", to: "spine1", bandwidth: "5Gbps" } },
      ],
    };
    const full = run(doc, "full");
    const inc = run(doc, "incremental");
    expect(inc.network.flowCount).toBe(full.network.flowCount);
    expect(full.network.flowCount).toBeGreaterThan(100);
    let failed = 0;
    for (let f = 0; f < full.network.flowCount; f++) {
      expect(inc.network.stateOf(f)).toBe(full.network.stateOf(f));
      if (full.network.stateOf(f) === FlowState.Failed) failed++;
      const a = full.network.finishOf(f);
      const b = inc.network.finishOf(f);
      if (Number.isNaN(a)) expect(Number.isNaN(b)).toBe(true);
      else expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-9 * Math.max(1, a));
    }
    // Flows to or from h5 after 15 ms fail (h5 has one link); none is left unfinished.
    expect(failed).toBeGreaterThan(0);
    expect(full.flows.finishedCount + full.flows.failedCount).toBe(full.network.flowCount);
  });
});

describe("determinism with events", () => {
  it("same seed ⇒ byte-identical CSVs (flows, links, bottlenecks, summary, timeseries) with failures and a surge", async () => {
    const dir = mkdtempSync(join(tmpdir(), "dyn-determinism-"));
    try {
      const file = join(dir, "dyn.yaml");
      writeFileSync(
        file,
        [
          "seed: 5",
          "routing: { convergence: 2ms }",
          "report: { interval: 10ms }",
          "topology: { leafSpine: { leaves: 3, spines: 2, hostsPerLeaf: 3, hostBandwidth: 10Gbps, uplinkBandwidth: 10Gbps, latency: 1us } }",
          "workloads:",
          "  - traffic: { name: web, pattern: uniform, load: 0.4, size: { exponential: { mean: 500KB } }, duration: 60ms }",
          "events:",
          "  - { at: 10ms, until: 30ms, surge: { workload: web, factor: 2.5 } }",
          "  - { at: 20ms, linkDown: { from: leaf0, to: spine0 } }",
          "  - { at: 25ms, nodeDown: h4 }",
          "  - { at: 40ms, linkUp: { from: leaf0, to: spine0 } }",
          "",
        ].join("\n"),
      );
      const outs = [join(dir, "a"), join(dir, "b")];
      for (const outDir of outs) await runScenario(prepareScenario(file), { outDir });
      for (const name of ["flows.csv", "links.csv", "bottlenecks.csv", "summary.csv", "timeseries.csv"]) {
        const a = readFileSync(join(outs[0], name));
        expect(a.length).toBeGreaterThan(100);
        expect(a.equals(readFileSync(join(outs[1], name))), name).toBe(true);
      }
      // The run had failures to show: flows to or from h4 after 25 ms.
      expect(readFileSync(join(outs[0], "flows.csv"), "utf8")).toContain(",failed");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
