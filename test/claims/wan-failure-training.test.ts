// Claim "a WAN failure during cross-region training costs time; TE that may use a longer, idle path wins it back": the baseline pair and the study's crossover against hand derivations.
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { load } from "js-yaml";
import { readFileSync } from "node:fs";
import { simulate } from "../../src/run/simulate.js";
import { prepareScenarioDocument } from "../../src/scenario/prepareScenario.js";
import { readCsv, runCli } from "../cli/runCli.js";
import { claimFolder } from "./runClaim.js";

const DIR = "scenarios/claims/wan-failure-training";
const folder = claimFolder();
afterAll(folder.remove);

const unedited = new Map<string, number[]>();
/** Iteration times of the training job in `file`, after `edit` of its document (unedited runs are made once). */
function iterations(file: string, edit?: (doc: Record<string, any>) => void): number[] {
  if (!edit) {
    if (!unedited.has(file)) unedited.set(file, iterations(file, () => {}));
    return unedited.get(file)!;
  }
  const doc = load(readFileSync(join(DIR, file), "utf8")) as Record<string, any>;
  edit(doc);
  const s = simulate(prepareScenarioDocument(doc, join(DIR, file)));
  const rows = (s.workloads[0].results!() as { iterations: Array<{ iterationS: number }> }).iterations;
  return rows.map((r) => r.iterationS);
}
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

// Great circles by the haversine formula (R = 6371.0088 km) from data/cities.csv, × 1.5 ÷ 2e8 m/s.
const CITY: Record<string, [number, number]> = { Ashburn: [39.0438, -77.4874], "New York": [40.7128, -74.006], Chicago: [41.8781, -87.6298], Dallas: [32.7767, -96.797] };
function latencyS(a: string, b: string): number {
  const [la1, lo1] = CITY[a].map((d) => (d * Math.PI) / 180);
  const [la2, lo2] = CITY[b].map((d) => (d * Math.PI) / 180);
  const h = Math.sin((la2 - la1) / 2) ** 2 + Math.cos(la1) * Math.cos(la2) * Math.sin((lo2 - lo1) / 2) ** 2;
  return (2 * 6371008.8 * Math.asin(Math.sqrt(h)) * 1.5) / 2e8;
}
const VIA_NEW_YORK_S = latencyS("Ashburn", "New York") + latencyS("New York", "Chicago");
const VIA_DALLAS_S = latencyS("Ashburn", "Dallas") + latencyS("Dallas", "Chicago");

// The job by hand (static.yaml): 64 GPUs, tp 8, pp 4, dp 2 (one replica per site), m = 8.
const GRADIENT_B = (70e9 * 2) / 32; // per GPU, reduced with its peer across the WAN
const WAN_BYTES_EACH_WAY = 32 * GRADIENT_B; // 140 GB per iteration
const DALLAS_BPS = 400e9 / 8;
const COMPUTE_S = 4.404e17 / (64 * 989e12 * 0.4);
const TP_ALLREDUCE_S = (2 * 7 * (2 * 20 * 2 ** 30)) / (8 * 450e9); // ring of 8 over NVLink, 2 × 20 layers × 1 GiB per pass
/** Iteration time without WAN trouble: 1F1B, (m + p − 1) slots of forward + backward, each with its tensor-parallel all-reduce. */
const NO_FAILURE_S = (8 + 4 - 1) * (COMPUTE_S / 8 + 2 * TP_ALLREDUCE_S);

/**
 * A first-order model of one iteration's gradient exchange after the failure, bucket B,
 * nearest-detour capacity C (B/s): the 2 × gradient ÷ B ring steps of a data-parallel group run
 * one after another, each costing its path's latency; the bytes cross at the capacity the
 * routing uses. Shortest path: New York only. WCMP (weights ∝ capacity): each of a step's two
 * directions goes by Dallas with probability C_D / (C + C_D), and the step waits for the
 * slower one, so it pays New York's latency only when both go that way.
 */
function exchangeS(mode: "shortest" | "wcmp", bucketB: number, capacityBps: number): number {
  const steps = (2 * GRADIENT_B) / bucketB;
  if (mode === "shortest") return steps * VIA_NEW_YORK_S + WAN_BYTES_EACH_WAY / capacityBps;
  const p = capacityBps / (capacityBps + DALLAS_BPS);
  return steps * (VIA_DALLAS_S - p * p * (VIA_DALLAS_S - VIA_NEW_YORK_S)) + WAN_BYTES_EACH_WAY / (capacityBps + DALLAS_BPS);
}
/** The nearest-detour capacity (Gb/s) where the two modes' exchanges take equally long (bisection; shortest wins above it). */
function crossoverGbps(bucketB: number): number {
  let lo = 1e9 / 8;
  let hi = 1e13 / 8;
  for (let i = 0; i < 200; i++) {
    const mid = Math.sqrt(lo * hi);
    if (exchangeS("wcmp", bucketB, mid) < exchangeS("shortest", bucketB, mid)) lo = mid;
    else hi = mid;
  }
  return (lo * 8) / 1e9;
}

describe("claim: wan-failure-training", () => {
  it("the latencies come from the great circles: direct 6.85 ms, via New York 11.21 ms, via Dallas 23.73 ms", () => {
    expect(latencyS("Ashburn", "Chicago")).toBeCloseTo(0.006851, 6);
    expect(VIA_NEW_YORK_S).toBeCloseTo(0.011209, 6);
    expect(VIA_DALLAS_S).toBeCloseTo(0.023728, 6);
  });

  it("baseline pair: static's iteration after the failure is > 15 % longer (100 Gb/s detour); WCMP over the idle Dallas path loses nothing", () => {
    const noFailure = iterations("static.yaml", (d) => (d.events = []));
    const fixedStatic = iterations("static.yaml");
    const wcmp = iterations("wcmp.yaml");
    // Without the failure the 250 MB buckets hide behind compute: the hand-derived time, to 0.5 %.
    for (const t of noFailure) expect(t / NO_FAILURE_S - 1).toBeGreaterThanOrEqual(0);
    for (const t of noFailure) expect(t / NO_FAILURE_S - 1).toBeLessThan(0.005);
    for (const t of wcmp) expect(t).toBeCloseTo(noFailure[0], 6);
    // Static: the second iteration runs entirely on the detour, whose 140 GB take 11.2 s instead of 2.8 s.
    expect(fixedStatic[1]).toBeGreaterThan(noFailure[1] * 1.15);
  });

  it("a controller restricted to equal-cost paths (the old TE) changes nothing: with great-circle latencies there is no equal-cost choice", () => {
    const fixedStatic = iterations("static.yaml");
    const ecmpTe = iterations("static.yaml", (d) => (d.routing.te = { interval: "1s", delay: "100ms", mode: "fair-share" }));
    ecmpTe.forEach((t, i) => expect(t).toBeCloseTo(fixedStatic[i], 6));
  });

  describe("the study (repetition 0 of the points around the crossovers)", () => {
    const out = join(folder.dir, "study");
    const filter =
      "repetition == 0 && ((bucket == '25MB' && (nyGbps == 100 || nyGbps == 400)) || (bucket == '250MB' && (nyGbps == 50 || nyGbps == 100 || nyGbps == 400)))";
    let rows: Record<string, string>[] = [];
    const at = (bucket: string, ny: number, te: string) => {
      const row = rows.find((r) => r.bucket === bucket && Number(r.nyGbps) === ny && r.te === te);
      if (!row) throw new Error(`no run for ${bucket} ${ny} ${te}`);
      return row;
    };
    const time = (bucket: string, ny: number, te: string) => Number(at(bucket, ny, te).iteration_mean_s);

    it("runs every selected point", async () => {
      const r = await runCli("sweep", join(DIR, "study.yaml"), "--out", out, "--jobs", "2", "--quiet", "--filter", filter);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      rows = readCsv(join(out, "sweep.csv"));
      expect(rows.map((row) => row.status)).toEqual(Array(10).fill("ok"));
    }, 240_000);

    it("its shortest-path points are static routing (k = 1 moves nothing) and its wcmp points are wcmp.yaml", () => {
      expect(time("250MB", 100, "shortest")).toBeCloseTo(mean(iterations("static.yaml")), 9);
      expect(time("250MB", 100, "wcmp")).toBeCloseTo(mean(iterations("wcmp.yaml")), 9);
    });

    it("25 MB buckets (latency-bound): WCMP wins on a thin detour and loses on a fat one; the first-order crossover (≈ 190 Gb/s) lies between", () => {
      const x = crossoverGbps(25e6);
      expect(x).toBeGreaterThan(100 * 1.5);
      expect(x).toBeLessThan(400 / 1.5);
      // 100 Gb/s ≤ x / 1.5: WCMP's extra 500 Gb/s outweighs Dallas' 12.5 ms per step.
      expect(time("25MB", 100, "wcmp")).toBeLessThan(time("25MB", 100, "shortest"));
      // 400 Gb/s ≥ 1.5 x: the detour carries the bytes alone; WCMP only adds latency to most steps.
      expect(time("25MB", 400, "wcmp")).toBeGreaterThan(time("25MB", 400, "shortest"));
    });

    it("250 MB buckets (bandwidth-bound): WCMP loses nothing at any detour capacity; static loses below the failed link's 400 Gb/s and nothing from it", () => {
      for (const ny of [50, 100, 400]) expect(time("250MB", ny, "wcmp") / NO_FAILURE_S - 1).toBeLessThan(0.005);
      expect(time("250MB", 400, "shortest") / NO_FAILURE_S - 1).toBeLessThan(0.005);
      for (const ny of [50, 100]) expect(time("250MB", ny, "shortest")).toBeGreaterThan(time("250MB", ny, "wcmp") + 1);
      // At 50 Gb/s the second iteration's 140 GB alone take 22.4 s on the detour, after at least
      // m forwards and m − 1 backwards of the last stage (the first bucket is ready only then).
      const jobs = readCsv(join(out, "runs", at("250MB", 50, "shortest").run_id, "jobs.csv"));
      const lowerBound = 8 * (COMPUTE_S / 24) + 7 * ((2 * COMPUTE_S) / 24) + WAN_BYTES_EACH_WAY / (50e9 / 8);
      expect(Number(jobs[1].iteration_s)).toBeGreaterThan(lowerBound);
    });
  });
});
