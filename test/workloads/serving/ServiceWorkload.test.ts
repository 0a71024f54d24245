// ServiceWorkload against queueing theory (M/M/1, M/M/c with Erlang C) and exact request/response timing.
import { describe, expect, it } from "vitest";
import type { RequestRecord } from "../../../src/workloads/WorkloadResults.js";
import { batchMeans } from "./batchMeans.js";
import { pair, runServing } from "./runServing.js";

/** A service `svc` on `server` called by one Poisson population on `client`; network ≈ free (1e15 B/s, 0 s, 1-byte messages). */
function queue(ratePerS: number, meanServiceS: number, concurrency: number, requests: number) {
  return runServing({
    seed: 7,
    topology: pair("8000Tbps", "0s"),
    workloads: [
      { service: { name: "svc", nodes: ["server"], serviceTime: { exponential: { mean: `${meanServiceS}s` } }, concurrency } },
      { agents: { name: "pop", nodes: ["client"], arrival: { poisson: { rate: `${ratePerS}/s` } }, request: "1B", response: "1B", call: "svc", requests } },
    ],
  }).requests.get("pop")!;
}

const inIssueOrder = (records: RequestRecord[]) => [...records].sort((a, b) => a.startS - b.startS);

describe("service workload", () => {
  it("M/M/1 at ρ = 0.9: mean time in system 1/(μ − λ) = 10/μ = 50 ms, within a 99% batch-means interval", () => {
    // μ = 1 / 5 ms = 200/s, λ = 0.9 μ = 180/s: E[T] = 1 / (200 − 180) = 0.05 s = 10/μ.
    // 200,000 requests (≈ 1,100 s simulated, ≈ 580 relaxation times 1/(μ(1−√ρ)²) ≈ 1.9 s);
    // 20 batches of the last 180,000, t(0.995, 19) = 2.861.
    const records = queue(180, 0.005, 1, 200_000);
    expect(records.length).toBe(200_000);
    const { mean, halfWidth } = batchMeans(inIssueOrder(records).map((r) => r.totalS));
    // At ρ = 0.9 successive times are strongly correlated: the 99% interval is ≈ ±11% (measured 5.7 ms);
    // require it below ±15% so the check keeps its teeth.
    expect(halfWidth).toBeLessThan(0.15 * 0.05);
    expect(Math.abs(mean - 0.05)).toBeLessThan(halfWidth);
  });

  it("one replica with concurrency c = 4 (one shared queue) is M/M/4: mean wait = Erlang C / (cμ − λ)", () => {
    // μ = 200/s per slot, λ = 600/s, a = λ/μ = 3, ρ = 0.75.
    // Erlang C: P(wait) = (a^c/c! · c/(c−a)) / (Σ_{k<c} a^k/k! + a^c/c! · c/(c−a))
    //   = (81/24 · 4) / (1 + 3 + 4.5 + 4.5 + 13.5) = 13.5 / 26.5 = 0.509434;
    // W_q = P(wait) / (cμ − λ) = 0.509434 / 200 = 2.54717 ms.
    const c = 4;
    const mu = 200;
    const lambda = 600;
    const a = lambda / mu;
    let sum = 0;
    let term = 1;
    for (let k = 0; k < c; k++) {
      sum += term;
      term *= a / (k + 1);
    }
    const top = term * (c / (c - a));
    const wq = top / (sum + top) / (c * mu - lambda);
    expect(wq).toBeCloseTo(0.0025471698, 9);
    const records = queue(lambda, 1 / mu, c, 200_000);
    const { mean, halfWidth } = batchMeans(inIssueOrder(records).map((r) => r.queueS));
    expect(halfWidth).toBeLessThan(0.1 * wq);
    expect(Math.abs(mean - wq)).toBeLessThan(halfWidth);
    // Service times are exponential with mean 1/μ (a check on the sampler, same records).
    const service = batchMeans(inIssueOrder(records).map((r) => r.serviceS));
    expect(Math.abs(service.mean - 1 / mu)).toBeLessThan(service.halfWidth);
  });
});
