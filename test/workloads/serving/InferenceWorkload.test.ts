// InferenceWorkload: continuous batching, prefill/decode disaggregation and cold start, each against a hand-derived timeline.
import { describe, expect, it } from "vitest";
import type { RequestRecord } from "../../../src/workloads/WorkloadResults.js";
import { runServing } from "./runServing.js";

/** A link fast enough that the few bytes of requests and tokens take < 1e-12 s. */
const FREE = { bandwidth: "8000Tbps", latency: "0s" };

/** Agents on `client` sending `requests` tasks to `llm`, one every `every`. */
function clients(every: string, requests: number) {
  return { agents: { name: "pop", nodes: ["client"], arrival: { periodic: { every } }, call: "llm", requests } };
}

function byId(records: RequestRecord[]): Record<string, RequestRecord> {
  return Object.fromEntries(records.map((r) => [r.id, r]));
}

describe("inference workload", () => {
  it("continuous batching: 3 requests, maxBatch 2, prefill 1 ms/token, decode step 10 ms + 5 ms per sequence", () => {
    // Prompt 10 tokens → a prefill of one request takes 10 ms; output 3 tokens = first token + 2 decode steps.
    // Arrivals A 0, B 6 ms, C 12 ms; steps of 1 sequence 15 ms, of 2 sequences 20 ms.
    //   0: A prefill → 10: A's first token, A joins the batch; B waits → prefill B → 20: B's first token.
    //   12: C arrives; the batch [A, B] is full. 20–40 and 40–60: two decode steps of 2 → A and B done at 60.
    //   60: C prefill → 70: first token; 70–85, 85–100: decode steps of 1 → C done at 100.
    // A: ttft 10, tpot (60 − 10)/2 = 25, queue 0, service 60, total 60.
    // B: ttft 20 − 6 = 14, tpot (60 − 20)/2 = 20, queue 10 − 6 = 4, service 60 − 10 = 50, total 54.
    // C: ttft 70 − 12 = 58, tpot (100 − 70)/2 = 15, queue 60 − 12 = 48, service 40, total 88.
    const r = runServing({
      topology: { nodes: [{ id: "client" }, { id: "gpu" }], links: [{ from: "client", to: "gpu", ...FREE }] },
      workloads: [
        {
          inference: {
            name: "llm",
            gpus: ["gpu"],
            prompt: 10,
            output: 3,
            prefill: { perToken: "1ms" },
            decode: { base: "10ms", perSequence: "5ms" },
            maxBatch: 2,
          },
        },
        clients("6ms", 3),
      ],
    });
    const rec = byId(r.requests.get("pop")!);
    const expected: Record<string, [number, number, number, number, number]> = {
      "pop.0": [0.01, 0.025, 0, 0.06, 0.06],
      "pop.1": [0.014, 0.02, 0.004, 0.05, 0.054],
      "pop.2": [0.058, 0.015, 0.048, 0.04, 0.088],
    };
    for (const [id, [ttft, tpot, queue, service, total]] of Object.entries(expected)) {
      expect(rec[id].ttftS, id).toBeCloseTo(ttft, 9);
      expect(rec[id].tpotS, id).toBeCloseTo(tpot, 9);
      expect(rec[id].queueS, id).toBeCloseTo(queue, 9);
      expect(rec[id].serviceS, id).toBeCloseTo(service, 9);
      expect(rec[id].totalS, id).toBeCloseTo(total, 9);
      expect(rec[id].networkS, id).toBeCloseTo(0, 9);
      expect(rec[id].target).toBe("llm");
    }
  });

  it("disaggregation: the KV cache (prompt × kvBytesPerToken) crosses the prefill→decode link at its bottleneck", () => {
    // Prompt 1,000 tokens × 1 MB = 1e9 B of KV cache over p0 → d0 (100 Gb/s = 1.25e10 B/s, 1 ms): 1 ms + 0.08 s.
    // Prefill 1,000 × 10 µs = 10 ms. ttft = 0.01 + 0.001 + 0.08 = 0.091 s (the decode replica sends the first
    // token on admission); one decode step of 20 ms gives the second token: total 0.111 s, tpot 0.02 s.
    // networkS = total − queue − service = 0.111 − 0 − (0.01 + 0.02) = 0.081 s (the KV cache).
    const r = runServing({
      topology: {
        nodes: [{ id: "client" }, { id: "p0" }, { id: "d0" }],
        links: [
          { from: "client", to: "p0", ...FREE },
          { from: "client", to: "d0", ...FREE },
          { from: "p0", to: "d0", bandwidth: "100Gbps", latency: "1ms" },
        ],
      },
      workloads: [
        {
          inference: {
            name: "llm",
            disaggregation: { prefill: { gpus: ["p0"] }, decode: { gpus: ["d0"] }, kvBytesPerToken: "1MB" },
            prompt: 1000,
            output: 2,
            prefill: { perToken: "10us" },
            decode: { base: "20ms" },
          },
        },
        clients("1s", 1),
      ],
    });
    const rec = r.requests.get("pop")![0];
    expect(r.network.sizeOf(r.labels.indexOf("llm.kv.pop.0"))).toBe(1000 * 1e6);
    expect(r.finishOf("llm.kv.pop.0") - r.startOf("llm.kv.pop.0")).toBeCloseTo(0.001 + 1e9 / 1.25e10, 12);
    expect(rec.ttftS).toBeCloseTo(0.091, 9);
    expect(rec.tpotS).toBeCloseTo(0.02, 9);
    expect(rec.totalS).toBeCloseTo(0.111, 9);
    expect(rec.serviceS).toBeCloseTo(0.03, 9);
    expect(rec.networkS).toBeCloseTo(0.081, 9);
  });

  it("cold start: the weights load at min(storage read, path bottleneck) before the first request is served", () => {
    // 10 GB of weights from a storage node with 2 GB/s read: over a 100 Gb/s (12.5 GB/s) link the read
    // bound binds: 5 s; over an 8 Gb/s (1 GB/s) link the link binds: 10 s. A request issued at 0 waits
    // for the load (queue), then prefills 100 × 1 ms = 0.1 s: ttft = load + 0.1 s.
    for (const [link, loadS] of [
      ["100Gbps", 10e9 / 2e9],
      ["8Gbps", 10e9 / 1e9],
    ] as const) {
      const r = runServing({
        topology: {
          nodes: [{ id: "client" }, { id: "gpu" }, { id: "store", kind: "storage", read: "2GB/s" }],
          links: [
            { from: "client", to: "gpu", ...FREE },
            { from: "store", to: "gpu", bandwidth: link, latency: "0s" },
          ],
        },
        workloads: [
          { inference: { name: "llm", gpus: ["gpu"], prompt: 100, output: 1, prefill: { perToken: "1ms" }, coldStart: { weights: "10GB" } } },
          clients("1s", 1),
        ],
      });
      expect(r.finishOf("llm.weights.gpu"), link).toBeCloseTo(loadS, 9);
      const rec = r.requests.get("pop")![0];
      expect(rec.queueS, link).toBeCloseTo(loadS, 9);
      expect(rec.ttftS, link).toBeCloseTo(loadS + 0.1, 9);
      expect(rec.tpotS).toBeNaN();
    }
  });
});
