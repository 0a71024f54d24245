// scenarios/ai/inference-agents.yaml runs and reproduces its hand-derived figures (cold start, handshakes, the 51% bot share, fan-out).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readCsv, runCli } from "../cli/runCli.js";
import { simulate } from "../../src/run/simulate.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";
import { recordsByPopulation } from "../workloads/serving/runServing.js";

describe("scenarios/ai/inference-agents.yaml", () => {
  const prepared = prepareScenario("scenarios/ai/inference-agents.yaml");
  const s = simulate(prepared);
  const flow = new Map(s.labels.map((id, f) => [id, f]));
  const { requests, tasks } = recordsByPopulation(s.workloads);
  const coldS = (8 * 16e9) / 64e9 + 3e-6;

  it("runs to completion: every task issued returns", () => {
    expect(s.run.reason).toBe("idle");
    for (const name of ["bots", "humans", "assistants"]) expect(tasks.get(name)!.length).toBeGreaterThan(0);
  });

  it("the 8 cold replicas share the 64 GB/s storage read: ready at 8 × 16 GB / 64 GB/s + 3 µs", () => {
    const loads = s.labels.filter((id) => id.startsWith("llm.weights."));
    expect(loads).toEqual(["h0g0", "h0g4", "h1g0", "h1g4", "h2g0", "h2g4", "h3g0", "h3g4"].map((g) => `llm.weights.${g}`));
    for (const id of loads) expect(s.network.finishOf(flow.get(id)!)).toBeCloseTo(coldS, 9);
    // Nothing is served before the weights are in: first tokens come after the load.
    for (const q of requests.get("bots")!) expect(q.startS + q.ttftS).toBeGreaterThan(coldS);
  });

  it("every bot request pays a TLS 1.3 handshake of 2 RTT = 4 × (20 ms + 2 µs) plus its segments' serialisation; humans once per connection of their agent", async () => {
    const out = mkdtempSync(join(tmpdir(), "chokepoint-ia-"));
    try {
      const r = await runCli("run", "scenarios/ai/inference-agents.yaml", "--out", out, "--quiet");
      expect(r.code).toBe(0);
      const handshake = new Map(readCsv(join(out, "flows.csv")).map((row) => [row.id, Number(row.handshake_s)]));
      const bots = requests.get("bots")!;
      // Each of the 2 round trips carries a header-only segment (90 B) out and back at every hop of the route.
      const t = prepared.topology;
      for (const q of bots) {
        const res = s.network.routeOf(flow.get(`${q.id}-req`)!).resources;
        let serial = 0;
        for (const r of res) if (r < t.channelCount) serial += 180 / t.resourceCapacityBps[r];
        expect(handshake.get(`${q.id}-req`)).toBeCloseTo(4 * 0.020002 + 2 * serial, 12);
      }
      // Responses ride the request's connection: no second handshake.
      for (const q of bots) expect(handshake.get(`${q.id}-tok1`)).toBe(0);
      // Humans keep a connection per agent (300 agents, 90 s keep-alive > the 20 s run): each agent
      // that calls at all opens one, and another for each call made while its others are in flight
      // (LLM calls last seconds). With n calls spread uniformly over the agents, the agents that call
      // number 300 (1 − e^(−n/300)) on average (binomial, σ ≤ √(300/4)).
      const humans = requests.get("humans")!;
      const paid = humans.filter((q) => handshake.get(`${q.id}-req`)! > 0).length;
      const agentsCalling = 300 * (1 - Math.exp(-humans.length / 300));
      expect(paid).toBeGreaterThan(agentsCalling - 4 * Math.sqrt(300 / 4));
      expect(paid).toBeLessThan(humans.length);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("51% of requests are automated (within 4 standard deviations of a binomial share)", () => {
    const bots = requests.get("bots")!.length;
    const all = bots + requests.get("humans")!.length + requests.get("assistants")!.length;
    // Rates 51/s against 29/s + 2 × 10/s: the expected share is 51/100.
    expect(Math.abs(bots / all - 0.51)).toBeLessThan(4 * Math.sqrt((0.51 * 0.49) / all));
    // ≈ 100 requests/s for 20 s.
    expect(Math.abs(all - 2000)).toBeLessThan(4 * Math.sqrt(2000) * 1.5);
  });

  it("an assistant task (search and llm in parallel) lasts exactly as long as its slower call", () => {
    const calls = new Map(requests.get("assistants")!.map((q) => [q.id, q]));
    for (const t of tasks.get("assistants")!) {
      const a = calls.get(`${t.id}.0`)!;
      const b = calls.get(`${t.id}.1`)!;
      expect(a.target).toBe("search");
      expect(b.target).toBe("llm");
      expect(t.totalS).toBeCloseTo(Math.max(a.totalS, b.totalS), 12);
    }
  });
});
