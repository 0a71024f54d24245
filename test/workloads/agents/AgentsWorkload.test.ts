// AgentsWorkload: fan-out vs chain, new vs persistent connections, determinism and independence of random draws.
import { describe, expect, it } from "vitest";
import { pair, runServing } from "../serving/runServing.js";

const FAST = "8000Tbps";

describe("agents workload", () => {
  it("a parallel task takes as long as its slowest call, a chain the sum of its calls", () => {
    // c —1 ms— a (service 30 ms), c —1 ms— b (service 50 ms); 1-byte messages on 1e15 B/s.
    // Call to a: 1 + 30 + 1 = 32 ms; to b: 1 + 50 + 1 = 52 ms. parallel = max = 52 ms; chain = 32 + 52 = 84 ms.
    const doc = (shape: "parallel" | "chain") => ({
      topology: {
        nodes: [{ id: "c" }, { id: "a" }, { id: "b" }],
        links: [
          { from: "c", to: "a", bandwidth: FAST, latency: "1ms" },
          { from: "c", to: "b", bandwidth: FAST, latency: "1ms" },
        ],
      },
      workloads: [
        { service: { name: "svcA", nodes: ["a"], serviceTime: "30ms" } },
        { service: { name: "svcB", nodes: ["b"], serviceTime: "50ms" } },
        { agents: { name: "pop", nodes: ["c"], arrival: { periodic: { every: "1s" } }, request: "1B", response: "1B", [shape]: ["svcA", "svcB"], requests: 4 } },
      ],
    });
    const parallel = runServing(doc("parallel"));
    const chain = runServing(doc("chain"));
    for (const [r, taskS] of [
      [parallel, 0.052],
      [chain, 0.084],
    ] as const) {
      const tasks = r.tasks.get("pop")!;
      expect(tasks).toHaveLength(2); // requests: 4 with 2 calls per task = 2 tasks
      for (const t of tasks) expect(t.totalS).toBeCloseTo(taskS, 9);
      const calls = r.requests.get("pop")!;
      expect(calls).toHaveLength(4);
      for (const q of calls) expect(q.totalS).toBeCloseTo(q.target === "svcA" ? 0.032 : 0.052, 9);
    }
    // In the chain the second call starts when the first returns.
    const second = chain.requests.get("pop")!.find((q) => q.id === "pop.0.1")!;
    expect(second.startS).toBeCloseTo(0.032, 9);
  });

  it("a new connection costs exactly its handshake round trips and the service's TLS CPU more than a persistent one on an idle path", () => {
    // tcp, TLS 1.3: 2 round trips of header-only segments (90 B each way at every hop):
    // 2 × (2 × 20 ms + 2·90/12.5e9 + 2·90/1.25e9) ≈ 0.08 s more for a new connection.
    // A 100-byte message is one segment of 100 + 90 = 190 B, within the initial window: one burst
    // at line rate. One way: L + 190/12.5e9 (store-and-forward at the 100 Gb/s hop) + 190/1.25e9.
    // Persistent (its 2nd request reuses the connection): 2 × that + 5 ms of service.
    // New (every request): that + the handshake + the service's TLS handshake CPU (0.5 ms by default,
    // on a free slot). The response rides the request's connection.
    const r = runServing({
      topology: {
        nodes: [{ id: "a-new" }, { id: "a-keep" }, { id: "gw", kind: "switch" }, { id: "api" }],
        links: [
          { from: "a-new", to: "gw", bandwidth: "100Gbps", latency: "0s" },
          { from: "a-keep", to: "gw", bandwidth: "100Gbps", latency: "0s" },
          { from: "gw", to: "api", bandwidth: "10Gbps", latency: "20ms" },
        ],
      },
      transport: { model: "tcp", handshake: "tls1.3" },
      workloads: [
        { service: { name: "svc", nodes: ["api"], serviceTime: "5ms", concurrency: 8 } },
        { agents: { name: "bots", kind: "bot", nodes: ["a-new"], arrival: { periodic: { every: "500ms" } }, connection: "new", request: "100B", response: "100B", call: "svc", requests: 3 } },
        // 250 ms after the bots, so their messages never share the 10 Gb/s link at the same instant.
        { agents: { name: "humans", nodes: ["a-keep"], start: "250ms", arrival: { periodic: { every: "500ms" } }, connection: "persistent", request: "100B", response: "100B", call: "svc", requests: 3 } },
      ],
    });
    const oneWay = 0.02 + 190 / 12.5e9 + 190 / 1.25e9;
    const warm = 2 * oneWay + 0.005;
    const handshake = 2 * (0.04 + 180 / 12.5e9 + 180 / 1.25e9) + 0.0005;
    const bots = r.requests.get("bots")!;
    const humans = r.requests.get("humans")!;
    for (const q of bots) expect(q.totalS).toBeCloseTo(warm + handshake, 12);
    expect(humans[0].totalS).toBeCloseTo(warm + handshake, 12); // the first opens the connection
    for (const q of humans.slice(1)) expect(q.totalS).toBeCloseTo(warm, 12);
    expect(bots[1].totalS - humans[1].totalS).toBeCloseTo(handshake, 12);
    expect(bots.every((q) => q.kind === "bot") && humans.every((q) => q.kind === "human")).toBe(true);
  });

  const twoPopulations = (withB: boolean) => ({
    topology: [pair(FAST, "1ms"), { nodes: [{ id: "c2" }, { id: "s2" }], links: [{ from: "c2", to: "s2", bandwidth: FAST, latency: "1ms" }] }],
    workloads: [
      { service: { name: "svcA", nodes: ["server"], serviceTime: { exponential: { mean: "5ms" } }, concurrency: 2 } },
      {
        agents: {
          name: "A",
          count: 10,
          nodes: ["client"],
          arrival: { poisson: { ratePerAgent: "20/s" } },
          request: { exponential: { mean: "2KB" } },
          response: { lognormal: { median: "10KB", sigma: 1 } },
          call: "svcA",
          duration: "5s",
        },
      },
      ...(withB
        ? [
            { service: { name: "svcB", nodes: ["s2"], serviceTime: { exponential: { mean: "3ms" } } } },
            { agents: { name: "B", kind: "bot", nodes: ["c2"], arrival: { pareto: { mean: "20ms", shape: 1.5 } }, count: 5, call: "svcB", duration: "5s" } },
          ]
        : []),
    ],
  });

  it("is deterministic: the same scenario and seed give identical records", () => {
    const a = runServing(twoPopulations(true));
    const b = runServing(twoPopulations(true));
    expect(JSON.stringify([...b.requests])).toBe(JSON.stringify([...a.requests]));
    expect(a.requests.get("A")!.length).toBeGreaterThan(500); // ≈ 10 × 20/s × 5 s = 1,000
    const c = runServing(twoPopulations(true), 2);
    expect(JSON.stringify([...c.requests])).not.toBe(JSON.stringify([...a.requests]));
  });

  it("adding a population that shares no resource leaves another population's records unchanged", () => {
    const alone = runServing(twoPopulations(false)).requests.get("A")!;
    const both = runServing(twoPopulations(true));
    expect(both.requests.get("B")!.length).toBeGreaterThan(100);
    expect(JSON.stringify(both.requests.get("A"))).toBe(JSON.stringify(alone));
  });
});
