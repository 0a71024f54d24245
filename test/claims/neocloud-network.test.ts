// Claim neocloud-network: the baseline pair and the study's crossover NIC speed (model × batch × oversubscription) against a first-order model of compute, pipeline and gradient exchange.
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCsv, runCli } from "../cli/runCli.js";
import { claimFolder, runClaim, usd } from "./runClaim.js";

const DIR = "scenarios/claims/neocloud-network";
const folder = claimFolder();
afterAll(folder.remove);

// The cluster and the job (advanced.yaml's header): 256 H100s at 40 % of 989 TFLOP/s, NVLink
// 4.5e11 B/s; tp 8 (a host), pp 4 (a leaf's hosts), dp 8 (one replica per leaf), m = 32
// microbatches of batch × 4,096 tokens per replica.
const GPUS = 256;
const TP = 8;
const PP = 4;
const DP = GPUS / (TP * PP);
const M = 32;
const FLOPS_PER_GPU = 989e12 * 0.4;
const NVLINK_BPS = 450e9;
const MODELS = { "70B": { parameters: 70e9, layers: 80, hidden: 8192 }, "175B": { parameters: 175e9, layers: 96, hidden: 12288 } } as const;
type Model = keyof typeof MODELS;

/** Compute per GPU and iteration: 6 × N × tokens ÷ (GPUs × sustained FLOP/s). */
const computeS = (model: Model, batch: number) => (6 * MODELS[model].parameters * batch * 2 ** 20) / (GPUS * FLOPS_PER_GPU);
/** One pass's tensor-parallel all-reduce: a ring of 8 on NVLink over 2 × layers per stage × one microbatch's activation. */
const tpAllReduceS = (model: Model, batch: number) => {
  const { layers, hidden } = MODELS[model];
  const bytes = 2 * (layers / PP) * batch * 4096 * hidden * 2;
  return (2 * (TP - 1) * bytes) / (TP * NVLINK_BPS);
};
/** Iteration with an infinitely fast NIC: 1F1B's (m + p − 1) slots of a forward and a backward, each followed by its tp all-reduce. */
const noNetworkS = (model: Model, batch: number) => (M + PP - 1) * (computeS(model, batch) / M + 2 * tpAllReduceS(model, batch));
/** Bytes each GPU sends in its data-parallel ring all-reduce: 2 (dp − 1)/dp × its gradient (bf16, ÷ tp·pp). */
const ringBytes = (model: Model) => ((2 * (DP - 1)) / DP) * ((2 * MODELS[model].parameters) / (TP * PP));
/**
 * The NIC speed (Gb/s per GPU) at which the gradient exchange costs 10 % of the ideal iteration
 * (GPU utilisation at 90 % of what an infinitely fast network gives). First order: the exchange
 * starts with the last backward pass (b = 2T/(3m), the only compute it can hide behind, on the
 * stage that finishes last) and each ring edge leaves its leaf, so with oversubscription o the 32
 * edges leaving a leaf share 32 × NIC ÷ o of uplink: exposed = ringBytes ÷ (NIC ÷ o) − b.
 */
const crossoverGbps = (model: Model, batch: number, oversub: number) => {
  const b = (2 * computeS(model, batch)) / (3 * M);
  return ((ringBytes(model) / (noNetworkS(model, batch) / 9 + b)) * 8 * oversub) / 1e9;
};

describe("claim: neocloud-network", () => {
  it("the first-order crossover: ≈ 90 Gb/s per GPU at 2^20 tokens on 1:1, ÷ 4 with 4 × the tokens, × 4 at 4:1, and hardly moved by the model's size", () => {
    expect(crossoverGbps("70B", 1, 1)).toBeGreaterThan(75);
    expect(crossoverGbps("70B", 1, 1)).toBeLessThan(100);
    expect(crossoverGbps("70B", 4, 1) / crossoverGbps("70B", 1, 1)).toBeCloseTo(0.25, 1);
    expect(crossoverGbps("70B", 1, 4) / crossoverGbps("70B", 1, 1)).toBeCloseTo(4, 9);
    // N cancels between the gradient (∝ N) and the compute (∝ N × tokens): only the tp share of the slot differs.
    expect(crossoverGbps("175B", 1, 1) / crossoverGbps("70B", 1, 1)).toBeGreaterThan(0.9);
    expect(crossoverGbps("175B", 1, 1) / crossoverGbps("70B", 1, 1)).toBeLessThan(1.1);
  });

  it("baseline pair: the advanced network (400 Gb/s per GPU, 1:1) is within 2 % of no network; the rudimentary one (a shared 400 Gb/s NIC per host, 4:1) pays the whole exchange at 12.5 Gb/s per GPU", async () => {
    const adv = await runClaim(folder.dir, `${DIR}/advanced.yaml`);
    const rud = await runClaim(folder.dir, `${DIR}/rudimentary.yaml`);
    const ideal = noNetworkS("70B", 1);
    const advS = Number(adv("jobs.csv")[0].iteration_s);
    const rudS = Number(rud("jobs.csv")[0].iteration_s);
    expect(advS).toBeGreaterThan(ideal);
    expect(advS / ideal).toBeLessThan(1.02);
    // Rudimentary: a leaf's 32 ring edges share 4 × 100 Gb/s of uplink, 1.5625e9 B/s each.
    const exposedS = ringBytes("70B") / 1.5625e9 - (2 * computeS("70B", 1)) / (3 * M);
    expect(rudS).toBeGreaterThan(ideal + exposedS);
    expect(rudS).toBeLessThan((ideal + exposedS) * 1.15);
    // The GPU bill is 256 GPUs × iteration × $2.50/h on both; the idle share is the exposed time.
    for (const [csv, s] of [
      [adv, advS],
      [rud, rudS],
    ] as const) {
      expect(usd(csv("cost.csv"), "llm", "gpu")).toBeCloseTo((GPUS * s * 2.5) / 3600, 9);
      const job = csv("jobs.csv")[0];
      expect(usd(csv("cost.csv"), "llm", "gpu_idle_network")).toBeCloseTo((GPUS * Number(job.exposed_comm_s) * 2.5) / 3600, 9);
    }
    // Every ring edge crosses a spine: the uplinks carry exactly the gradient exchange, 256 × ringBytes.
    for (const csv of [adv, rud]) {
      const up = csv("links.csv").filter((l) => l.to.startsWith("spine"));
      expect(up.reduce((a, l) => a + Number(l.bytes), 0)).toBe(GPUS * ringBytes("70B"));
    }
  });

  describe("the study (repetition 0 of points on either side of the first-order crossover)", () => {
    const out = join(folder.dir, "study");
    const points: Array<[Model, number, number, number]> = [
      ["70B", 1, 1, 25],
      ["70B", 1, 1, 50],
      ["70B", 1, 1, 200],
      ["70B", 1, 1, 400],
      ["70B", 4, 1, 50],
      ["70B", 1, 4, 200],
      ["70B", 1, 4, 800],
      ["70B", 4, 4, 25],
      ["70B", 4, 4, 50],
      ["70B", 4, 4, 200],
      ["175B", 1, 1, 25],
      ["175B", 1, 1, 200],
    ];
    const filter = `repetition == 0 && (${points.map(([m, b, o, n]) => `(model == '${m}' && batch == ${b} && oversub == ${o} && nicGbps == ${n})`).join(" || ")})`;
    let rows: Record<string, string>[] = [];
    const iteration = (m: Model, b: number, o: number, n: number) => {
      const row = rows.find((r) => r.model === m && Number(r.batch) === b && Number(r.oversub) === o && Number(r.nicGbps) === n);
      if (!row) throw new Error(`no run for ${m} ${b} ${o} ${n}`);
      return Number(row.iteration_mean_s);
    };
    /** Whether the network costs more than 10 % of the ideal iteration (utilisation below 90 % of its ceiling). */
    const networkBound = (m: Model, b: number, o: number, n: number) => iteration(m, b, o, n) > noNetworkS(m, b) / 0.9;

    it("runs every selected point", async () => {
      const r = await runCli("sweep", join(DIR, "study.yaml"), "--out", out, "--jobs", "2", "--quiet", "--filter", filter);
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      rows = readCsv(join(out, "sweep.csv"));
      expect(rows.map((row) => row.status)).toEqual(Array(points.length).fill("ok"));
    }, 300_000);

    it("its point (70B, batch 1, 1:1, 400 Gb/s) is advanced.yaml; no point beats the ideal iteration", async () => {
      const adv = await runClaim(folder.dir, `${DIR}/advanced.yaml`);
      expect(iteration("70B", 1, 1, 400)).toBe(Number(adv("jobs.csv")[0].iteration_s));
      for (const [m, b, o, n] of points) expect(iteration(m, b, o, n)).toBeGreaterThan(noNetworkS(m, b));
    });

    it("below half the first-order crossover the network costs more than 10 %, above twice it less", () => {
      for (const [m, b, o, n] of points) {
        const x = crossoverGbps(m, b, o);
        if (n <= x / 2) expect(networkBound(m, b, o, n), `${m} batch ${b} ${o}:1 at ${n} Gb/s (crossover ${x.toFixed(0)})`).toBe(true);
        else if (n >= 2 * x) expect(networkBound(m, b, o, n), `${m} batch ${b} ${o}:1 at ${n} Gb/s (crossover ${x.toFixed(0)})`).toBe(false);
      }
      // Each claim above is tested at least once on each side.
      const sides = points.map(([m, b, o, n]) => Math.sign(Math.log(n / crossoverGbps(m, b, o)) / Math.LN2));
      expect(sides.filter((s) => s < 0).length).toBeGreaterThanOrEqual(4);
      expect(sides.filter((s) => s > 0).length).toBeGreaterThanOrEqual(4);
    });

    it("the crossover moves as the model says: 4 × the tokens frees 50 Gb/s; at 4:1 200 Gb/s is network-bound where 1:1 is not; the model's size does not matter", () => {
      // 50 Gb/s on 1:1: network-bound at 2^20 tokens (model crossover 87), not at 4 × 2^20 (22).
      expect(networkBound("70B", 1, 1, 50)).toBe(true);
      expect(networkBound("70B", 4, 1, 50)).toBe(false);
      // Oversubscription × 4 moves the crossover × 4: 200 Gb/s lies between 87 and 350, 50 between 22 and 87.
      expect(networkBound("70B", 1, 1, 200)).toBe(false);
      expect(networkBound("70B", 1, 4, 200)).toBe(true);
      expect(networkBound("70B", 4, 4, 50)).toBe(true);
      expect(networkBound("70B", 1, 4, 800)).toBe(false);
      expect(networkBound("70B", 4, 4, 25)).toBe(true);
      expect(networkBound("70B", 4, 4, 200)).toBe(false);
      // 175B on the same tokens: the same verdicts as 70B at both NIC speeds, and the same relative slow-down within 10 %.
      for (const n of [25, 200]) expect(networkBound("175B", 1, 1, n)).toBe(networkBound("70B", 1, 1, n));
      const rel = (m: Model, n: number) => iteration(m, 1, 1, n) / noNetworkS(m, 1);
      expect(rel("175B", 25) / rel("70B", 25)).toBeGreaterThan(0.9);
      expect(rel("175B", 25) / rel("70B", 25)).toBeLessThan(1.1);
      // Direction: faster NICs never slow the job.
      expect(iteration("70B", 1, 1, 25)).toBeGreaterThan(iteration("70B", 1, 1, 50));
      expect(iteration("70B", 1, 1, 50)).toBeGreaterThan(iteration("70B", 1, 1, 200));
    });
  });
});
