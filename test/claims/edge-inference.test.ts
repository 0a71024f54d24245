// Claim edge-inference: the same GPUs pooled in Frankfurt or split over five European PoPs — the baseline pair and the study's crossovers (pool size, WAN load) against great-circle round trips and a first-order batching-queue model.
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCsv, runCli } from "../cli/runCli.js";
import { claimFolder, fiberS, runClaim, stat } from "./runClaim.js";

const DIR = "scenarios/claims/edge-inference";
const folder = claimFolder();
afterAll(folder.remove);

// City centres (data/cities.csv, as published on Wikipedia), degrees.
const FRANKFURT = [50.1109, 8.6821] as const;
const CITIES = {
  london: [51.5074, -0.1278],
  madrid: [40.4168, -3.7038],
  milan: [45.4642, 9.19],
  stockholm: [59.3293, 18.0686],
  warsaw: [52.2297, 21.0122],
} as const;
type City = keyof typeof CITIES;
const CITY_NAMES = Object.keys(CITIES) as City[];
/** The round trip over a PoP's backhaul (great circle × 1.5 ÷ 2e8 m/s, both ways) that serving at the PoP saves. */
const saved = (city: City) => 2 * fiberS(CITIES[city], FRANKFURT);
const SMALLEST_SAVING_S = Math.min(...CITY_NAMES.map(saved)); // Milan, 7.8 ms
const LARGEST_SAVING_S = Math.max(...CITY_NAMES.map(saved)); // Madrid, 21.7 ms

// The model and load of the scenarios: 25 requests/s per PoP, 512-token prompts, 64-token answers.
const PER_POP_RATE = 25;
const POPS = 5;
const MAX_BATCH = 32;
const DECODE_STEPS = 63; // the first of the 64 tokens comes with the prefill
const stepS = (batch: number) => 0.015 + 0.00025 * batch;
const PREFILL_S = 0.005 + 40e-6 * 512; // a prompt admitted alone

/**
 * A first-order model of a pool of `replicas` continuously-batching replicas under Poisson
 * arrivals at `rate`/s, balanced so that they share the work evenly: a birth–death chain on
 * the number n of requests in the pool, each replica holding b = min(n ÷ replicas, 32) in its
 * batch. A decode step of b sequences takes 15 ms + 0.25 ms·b and moves each of them one token,
 * so the pool completes replicas × b ÷ (63 · step(b)) requests per second, less the fraction
 * φ = (rate ÷ replicas) × prefill time spent prefilling. A request must wait for a batch slot
 * when it finds n ≥ 32 × replicas. Returns that probability and the time a request takes at the
 * 99th percentile of the batch size (63 steps at that size, stretched by the prefills, + its own prefill).
 */
function pool(rate: number, replicas: number): { waitProbability: number; serviceP99S: number } {
  const phi = (rate / replicas) * PREFILL_S;
  const batch = (n: number) => Math.min(n / replicas, MAX_BATCH);
  const completions = (n: number) => (replicas * batch(n) * (1 - phi)) / (DECODE_STEPS * stepS(batch(n)));
  const p = [1];
  for (let n = 1; n <= 4 * MAX_BATCH * replicas; n++) p.push((p[n - 1] * rate) / completions(n));
  const total = p.reduce((a, b) => a + b, 0);
  const full = p.slice(MAX_BATCH * replicas).reduce((a, b) => a + b, 0);
  let n99 = 0;
  for (let c = 0; n99 < p.length && (c += p[n99] / total) < 0.99; n99++);
  return { waitProbability: full / total, serviceP99S: (DECODE_STEPS * stepS(batch(n99))) / (1 - phi) + PREFILL_S };
}
const edgePool = (gpusPerPop: number) => pool(PER_POP_RATE, gpusPerPop);
const centralPool = (gpusPerPop: number) => pool(POPS * PER_POP_RATE, POPS * gpusPerPop);

describe("claim: edge-inference", () => {
  it("the round trips saved come from the great circles: Milan 7.8 ms … Madrid 21.7 ms", () => {
    expect(SMALLEST_SAVING_S).toBeCloseTo(saved("milan"), 12);
    expect(saved("milan")).toBeCloseTo(0.00777, 5);
    expect(LARGEST_SAVING_S).toBeCloseTo(saved("madrid"), 12);
    expect(saved("madrid")).toBeCloseTo(0.02169, 5);
  });

  it("the model: 2 GPUs per PoP make requests wait for a batch slot (> 1 %), 10 pooled in Frankfurt do not; from 3 GPUs neither does", () => {
    expect(edgePool(2).waitProbability).toBeGreaterThan(0.01);
    expect(centralPool(2).waitProbability).toBeLessThan(0.01);
    for (const g of [3, 4, 6]) expect(edgePool(g).waitProbability).toBeLessThan(1e-6);
    // Pooling also keeps batches smaller at the 99th percentile: a decode-bound answer is faster
    // in Frankfurt by more than the largest round trip saved, at 2 and 3 GPUs per PoP.
    for (const g of [2, 3]) expect(edgePool(g).serviceP99S - centralPool(g).serviceP99S).toBeGreaterThan(2 * LARGEST_SAVING_S);
  });

  describe("the baseline pair (3 GPUs per PoP or 15 in Frankfurt, backhauls offered 100 % background load)", () => {
    const read = async (file: string) => runClaim(folder.dir, join(DIR, file));
    const users = (city: string) => `${city}-users`;

    it("network time: central − edge ≥ the city's round trip, at the median, in every city", async () => {
      const c = (await read("central.yaml"))("workloads.csv");
      const e = (await read("edge.yaml"))("workloads.csv");
      for (const city of CITY_NAMES) {
        const d = stat(c, users(city), "all", "network_s", "p50") - stat(e, users(city), "all", "network_s", "p50");
        expect(d).toBeGreaterThan(0.95 * saved(city));
        expect(d).toBeLessThan(saved(city) + 0.1); // queues on a 25 MB, 10 Gb/s port add at most 20 ms each way
      }
    });

    it("time to first token: the edge is faster at p99 in every city (no pool waits at 3 GPUs; a loaded backhaul adds to central)", async () => {
      const c = (await read("central.yaml"))("workloads.csv");
      const e = (await read("edge.yaml"))("workloads.csv");
      for (const city of CITY_NAMES) expect(stat(e, users(city), "all", "ttft_s", "p99")).toBeLessThan(stat(c, users(city), "all", "ttft_s", "p99"));
    });

    it("backbone bytes: every user's request crosses the WAN in central, none at the edge", async () => {
      const c = (await read("central.yaml"))("tiers.csv");
      const e = (await read("edge.yaml"))("tiers.csv");
      const wan = (rows: Record<string, string>[], w: string) => Number(rows.find((r) => r.workload === w && r.tier === "wan")?.bytes ?? 0);
      for (const city of CITY_NAMES) {
        expect(wan(c, users(city))).toBeGreaterThan(0);
        expect(wan(e, users(city))).toBe(0);
      }
    });
  });

  describe("the study (repetition 0 of the points on both sides of the crossovers)", () => {
    const out = join(folder.dir, "study");
    const filter = "repetition == 0 && (edgeGpus == 2 || edgeGpus == 3) && (wanLoad == 0.2 || wanLoad == 1.0)";
    let rows: Record<string, string>[] = [];
    const at = (placement: string, gpus: number, load: number) => {
      const row = rows.find((r) => r.placement === placement && Number(r.edgeGpus) === gpus && Number(r.wanLoad) === load);
      if (!row) throw new Error(`no run for ${placement} ${gpus} ${load}`);
      return row;
    };
    const ttft = (placement: string, gpus: number, load: number) => Number(at(placement, gpus, load).ttft_p99_s);
    const total = (placement: string, gpus: number, load: number) => Number(at(placement, gpus, load).request_p99_s);

    it("runs every selected point", async () => {
      const r = await runCli("sweep", join(DIR, "study.yaml"), "--out", out, "--jobs", "2", "--quiet", "--filter", filter);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      rows = readCsv(join(out, "sweep.csv"));
      expect(rows.map((row) => row.status)).toEqual(Array(8).fill("ok"));
    }, 300_000);

    it("its point (3 GPUs per PoP, backhaul load 1.0) is the baseline pair", async () => {
      for (const [placement, file] of [["central", "central.yaml"], ["edge", "edge.yaml"]]) {
        const summary = (await runClaim(folder.dir, join(DIR, file)))("summary.csv")[0];
        expect(ttft(placement, 3, 1.0)).toBe(Number(summary.ttft_p99_s));
        expect(total(placement, 3, 1.0)).toBe(Number(summary.request_p99_s));
      }
    });

    it("TTFT p99 flips between 2 and 3 GPUs per PoP: the edge pool waits at 2 (light backhaul load), the round trip decides at 3 (at either load)", () => {
      // At 2 GPUs and a full backhaul the two are within each other's seed-to-seed spread (README.md): not asserted.
      expect(ttft("edge", 2, 0.2)).toBeGreaterThan(ttft("central", 2, 0.2));
      for (const load of [0.2, 1.0]) expect(ttft("edge", 3, load)).toBeLessThan(ttft("central", 3, load) - SMALLEST_SAVING_S);
    });

    it("a full backhaul raises central's TTFT p99 and leaves the edge's alone (its requests never cross the WAN)", () => {
      for (const gpus of [2, 3]) {
        expect(ttft("central", gpus, 1.0)).toBeGreaterThan(ttft("central", gpus, 0.2));
        expect(Math.abs(ttft("edge", gpus, 1.0) / ttft("edge", gpus, 0.2) - 1)).toBeLessThan(0.02);
      }
    });

    it("end-to-end p99 of a 64-token answer: pooling wins at 2 and 3 GPUs per PoP, at either load (the decode batch, not the distance, decides)", () => {
      for (const gpus of [2, 3]) for (const load of [0.2, 1.0]) expect(total("central", gpus, load)).toBeLessThan(total("edge", gpus, load));
    });
  });
});
