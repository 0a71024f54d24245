// Load balancing over replicas: round robin takes turns, least-loaded follows outstanding requests, nearest follows route latency then hops then load.
import { describe, expect, it } from "vitest";
import { runServing } from "./runServing.js";

const FAST = "8000Tbps";

/** Which replica served each request (the destination of its request flow), in issue order. */
function servedBy(r: ReturnType<typeof runServing>): string[] {
  return r.requests
    .get("pop")!
    .sort((a, b) => a.startS - b.startS)
    .map((q) => r.topology.nodeIds[r.network.routeOf(r.labels.indexOf(`${q.id}-req`)).nodes.at(-1)!]);
}

/** Service `svc` (fixed time, one request at a time per replica) on `replicas`, each one link from c; `requests` arrivals every `every`. */
function star(replicas: string[], serviceTime: string, balance: string, every: string, requests: number) {
  return runServing({
    topology: {
      nodes: ["c", ...replicas].map((id) => ({ id })),
      links: replicas.map((s) => ({ from: "c", to: s, bandwidth: FAST, latency: "0s" })),
    },
    workloads: [
      { service: { name: "svc", nodes: replicas, serviceTime, balance } },
      { agents: { name: "pop", nodes: ["c"], arrival: { periodic: { every } }, call: "svc", requests } },
    ],
  });
}

describe("replica balancing", () => {
  it("round robin takes the replicas in turn even when they are idle", () => {
    // Requests every 100 ms, each served in 99 ms: every replica is idle at each arrival, yet turns go on.
    expect(servedBy(star(["s0", "s1", "s2"], "99ms", "round-robin", "100ms", 4))).toEqual(["s0", "s1", "s2", "s0"]);
    // Least-loaded sees all idle every time (load 0) and takes the first.
    expect(servedBy(star(["s0", "s1", "s2"], "99ms", "least-loaded", "100ms", 4))).toEqual(["s0", "s0", "s0", "s0"]);
  });

  it("least-loaded counts outstanding requests (travelling, queued or in service)", () => {
    // Two replicas, 100 ms per request, arrivals at 0, 35, 70, 105 ms.
    // 0 → s0 (serves 0–0.1); 35 → s1 (0.035–0.135); 70: both hold 1 → s0 (queued, 0.1–0.2);
    // 105: s0 holds 1 (the first left at 0.1), s1 holds 1 → s0 (first in order). Round robin: s0, s1, s0, s1.
    expect(servedBy(star(["s0", "s1"], "100ms", "least-loaded", "35ms", 4))).toEqual(["s0", "s1", "s0", "s0"]);
    expect(servedBy(star(["s0", "s1"], "100ms", "round-robin", "35ms", 4))).toEqual(["s0", "s1", "s0", "s1"]);
    // Arrivals every 10 ms: 0 → s0, 10 → s1, 20: 1 and 1 → s0, 30: 2 and 1 → s1.
    expect(servedBy(star(["s0", "s1"], "100ms", "least-loaded", "10ms", 4))).toEqual(["s0", "s1", "s0", "s1"]);
  });

  it("nearest picks the lowest route latency, then fewer hops, then the least loaded", () => {
    // From c (latency routing): s0 5 ms, 1 hop; s1 1 ms, 1 hop; s2 0.5 + 0.5 = 1 ms, 2 hops (via x); s3 1 ms, 1 hop.
    // The nearest set is {s1, s3}; within it the least loaded: 0 → s1 (busy to ≈ 0.102 s), 10 ms → s3,
    // 20 ms → both hold 1 → s1 (the first).
    const r = runServing({
      routing: { metric: "latency" },
      topology: {
        nodes: ["c", "x", "s0", "s1", "s2", "s3"].map((id) => ({ id })),
        links: [
          { from: "c", to: "s0", bandwidth: FAST, latency: "5ms" },
          { from: "c", to: "s1", bandwidth: FAST, latency: "1ms" },
          { from: "c", to: "x", bandwidth: FAST, latency: "0.5ms" },
          { from: "x", to: "s2", bandwidth: FAST, latency: "0.5ms" },
          { from: "c", to: "s3", bandwidth: FAST, latency: "1ms" },
        ],
      },
      workloads: [
        { service: { name: "svc", nodes: ["s0", "s1", "s2", "s3"], serviceTime: "100ms", balance: "nearest" } },
        { agents: { name: "pop", nodes: ["c"], arrival: { periodic: { every: "10ms" } }, call: "svc", requests: 3 } },
      ],
    });
    expect(servedBy(r)).toEqual(["s1", "s3", "s1"]);
  });
});
