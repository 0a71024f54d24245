// Claim edge-inference: users at five European PoPs calling an LLM in Frankfurt versus at replicas in their own PoP — network time, TTFT, p99 and backbone bytes against great-circle distances.
import { afterAll, describe, expect, it } from "vitest";
import { claimFolder, fiberS, runClaim, stat } from "./runClaim.js";

const tmp = claimFolder();
afterAll(tmp.remove);

// City centres (data/cities.csv, as published on Wikipedia), degrees.
const FRANKFURT = [50.1109, 8.6821] as const;
const CITIES = {
  london: [51.5074, -0.1278],
  madrid: [40.4168, -3.7038],
  milan: [45.4642, 9.19],
  stockholm: [59.3293, 18.0686],
  warsaw: [52.2297, 21.0122],
} as const;
// Both designs share the access link and the path from a site's border to its GPUs, so a request's
// network time (request there, tokens back) differs by exactly the WAN link both ways.
const saved = (city: keyof typeof CITIES) => 2 * fiberS(CITIES[city], FRANKFURT);
// Bytes per request: 512-token prompt × 4 B + 1 KB overhead, and 64 tokens × 16 B streamed back.
const REQUEST_BYTES = 512 * 4 + 1000 + 64 * 16;

describe("claim edge-inference: central cloud region versus inference at the edge PoPs", async () => {
  const central = await runClaim(tmp.dir, "scenarios/claims/edge-inference-central.yaml");
  const edge = await runClaim(tmp.dir, "scenarios/claims/edge-inference-edge.yaml");
  const wc = central("workloads.csv");
  const we = edge("workloads.csv");
  const pop = (city: string) => `${city}-users`;

  it("network time per request: central − edge = 2 × the city's WAN latency (great circle × 1.5 ÷ 2e8 m/s), at p50 and p99", () => {
    for (const city of Object.keys(CITIES) as Array<keyof typeof CITIES>) {
      for (const q of ["p50", "p99"]) {
        const d = stat(wc, pop(city), "all", "network_s", q) - stat(we, pop(city), "all", "network_s", q);
        // Within 50 µs: the only other difference is access-link sharing between concurrent flows.
        expect(Math.abs(d - saved(city))).toBeLessThan(5e-5);
      }
    }
    // The sizes: London ≈ 9.6 ms, Madrid ≈ 21.7 ms of round trip saved.
    expect(saved("london")).toBeCloseTo(0.00956, 4);
    expect(saved("madrid")).toBeCloseTo(0.0217, 4);
  });

  it("time to first token: the edge is faster in every city, by roughly the saved round trip (±5 ms of batching noise)", () => {
    for (const city of Object.keys(CITIES) as Array<keyof typeof CITIES>) {
      const d = stat(wc, pop(city), "all", "ttft_s", "p50") - stat(we, pop(city), "all", "ttft_s", "p50");
      expect(d).toBeGreaterThan(0);
      expect(Math.abs(d - saved(city))).toBeLessThan(0.005);
    }
  });

  it("end to end p99: a 64-token answer takes ≈ 1.2 s, so the saved round trip does not show — two-GPU edge pools batch a burstier load", () => {
    for (const city of Object.keys(CITIES) as Array<keyof typeof CITIES>) {
      const c = stat(wc, pop(city), "all", "total_s", "p99");
      const e = stat(we, pop(city), "all", "total_s", "p99");
      // The edge p99 is never better by more than the network time it saves, and within 15% either way.
      expect(e).toBeGreaterThan(c - saved(city));
      expect(Math.abs(e - c) / c).toBeLessThan(0.15);
    }
  });

  it("backbone bytes: every central request's bytes cross the WAN once; at the edge none do", () => {
    const requests = central("requests.csv").length;
    expect(edge("requests.csv").length).toBe(requests); // same seed, same arrivals
    expect(requests).toBeGreaterThan(900); // 5 × 10/s × 20 s = 1,000 expected
    const wan = (t: Record<string, string>[]) => Number(t.find((r) => r.workload === "all" && r.tier === "wan")?.bytes ?? 0);
    expect(wan(central("tiers.csv"))).toBe(requests * REQUEST_BYTES);
    expect(wan(edge("tiers.csv"))).toBe(0);
  });
});
