// toServingSpecs: the file's service, inference and agents keys become engine specs (rates, tasks, transports, linear times).
import { describe, expect, it } from "vitest";
import { prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";
import type { AgentsLoadSpec, InferencePlacementSpec } from "../../src/scenario/Scenario.js";

const topology = { nodes: [{ id: "c" }, { id: "g" }], links: [{ from: "c", to: "g", bandwidth: "10Gbps", latency: "1ms" }] };

function workloads(list: unknown[], extra: Record<string, unknown> = {}) {
  return prepareScenarioDocument({ topology, workloads: list, ...extra }, "t.yaml").scenario.workloads;
}

describe("toServingSpecs", () => {
  it("agents: ratePerAgent × count is the total rate, per-minute rates are per second, requests become whole tasks", () => {
    const [, a, b] = workloads([
      { service: { name: "s", nodes: ["g"], serviceTime: "1ms" } },
      { agents: { name: "a", count: 50, nodes: ["c"], arrival: { poisson: { ratePerAgent: "2/s" } }, parallel: ["s", "s"], requests: 5 } },
      { agents: { name: "b", nodes: ["c"], arrival: { onOff: { on: "1s", off: "2s", rate: "30/min" } }, call: "s", duration: "1h" } },
    ]) as AgentsLoadSpec[];
    expect(a.arrival).toEqual({ poisson: { ratePerS: 100 } });
    expect(a.tasks).toBe(3); // ⌈5 requests / 2 calls per task⌉
    expect(a.mode).toBe("parallel");
    expect(b.arrival).toEqual({ onOff: { onS: 1, offS: 2, ratePerS: 0.5 } });
    expect(b.durationS).toBe(3600);
    expect(b.calls).toEqual(["s"]);
  });

  it("connection: new | persistent is tcp with persistent false | true, over the scenario's handshake", () => {
    const ws = workloads(
      [
        { service: { name: "s", nodes: ["g"], serviceTime: "1ms" } },
        { agents: { name: "n", nodes: ["c"], arrival: { periodic: { every: "1s" } }, connection: "new", call: "s", requests: 1 } },
        { agents: { name: "p", nodes: ["c"], arrival: { periodic: { every: "1s" } }, connection: "persistent", call: "s", requests: 1 } },
      ],
      { transport: { handshake: "tls1.2", model: "tcp" } },
    ) as AgentsLoadSpec[];
    expect(ws[1].transport).toMatchObject({ model: "tcp", handshake: "tls1.2", persistent: false });
    expect(ws[2].transport).toMatchObject({ model: "tcp", handshake: "tls1.2", persistent: true });
  });

  it("inference: prefill and decode keys become linear times, sizes are bytes", () => {
    const [w] = workloads([
      {
        inference: {
          name: "llm",
          gpus: ["g"],
          prompt: { uniform: { min: 1, max: 9 } },
          output: 7,
          prefill: { base: "5ms", perToken: "20us" },
          decode: { perSequence: "1ms" },
          requestOverhead: "1KB",
        },
      },
    ]) as InferencePlacementSpec[];
    expect(w.prefill.baseS).toBe(0.005);
    expect(w.prefill.perUnitS).toBeCloseTo(20e-6, 18);
    expect(w.decode).toEqual({ baseS: 0, perUnitS: 0.001 });
    expect(w.pool).toEqual({ gpus: ["g"] });
    expect([w.bytesPerToken, w.requestOverheadBytes, w.tokenBytes, w.maxBatch, w.balance]).toEqual([4, 1000, 4, 1, "round-robin"]);
    expect(w.prompt).toEqual({ uniform: { min: 1, max: 9 } });
    expect(w.output).toEqual({ fixed: 7 });
  });
});
