// Claim neocloud-network: the same rented GPUs behind a rudimentary and an advanced network — utilisation and $ of GPU time idle on the network, against the closed form.
import { afterAll, describe, expect, it } from "vitest";
import { claimFolder, runClaim, usd } from "./runClaim.js";

const tmp = claimFolder();
afterAll(tmp.remove);

// The job (scenarios/ai/*-network.yaml): 14 buckets of S = 1 GB per GPU, forward 0.2 s, backward
// 0.4 s; H = 32 hosts × g = 8 GPUs; NVLink 4.5e11 B/s; $2.50 per GPU-hour.
const S = 1e9;
const g = 8;
const H = 32;
const GPUS = g * H;
const BUCKETS = 14;
const FORWARD = 0.2;
const BACKWARD = 0.4;
const GPU_HOUR = 2.5;

/** One bucket's hierarchical all-reduce: NVLink reduce-scatter + all-gather, then the inter-host ring on S/g at B_out per ring edge, α per hop. */
const bucketS = (bOutBps: number, alphaS: number) => (2 * (g - 1) * S) / (g * 4.5e11) + 2 * (H - 1) * (alphaS + S / (g * H * bOutBps));
/** Iteration: only the last bucket is exposed if a bucket fits between two; otherwise they queue. */
const iterationS = (bucket: number) => (bucket <= BACKWARD / BUCKETS ? FORWARD + BACKWARD + bucket : FORWARD + BACKWARD / BUCKETS + BUCKETS * bucket);

// Rudimentary: 8 rings share a host's one 1.25e10 B/s NIC, 4 links of 1 µs across leaves.
const RUDIMENTARY_S = iterationS(bucketS(1.25e10 / 8, 4e-6));
// Advanced: a 5e10 B/s NIC per GPU on its own rail, 2 links of 1 µs.
const ADVANCED_S = iterationS(bucketS(5e10, 2e-6));

describe("claim neocloud-network: rudimentary versus advanced network for 256 rented GPUs", () => {
  for (const [side, iteration] of [
    ["rudimentary", RUDIMENTARY_S],
    ["advanced", ADVANCED_S],
  ] as const) {
    it(`${side}: utilisation 0.6 s ÷ iteration and idle $ = 256 GPUs × exposed time × $2.50/h`, async () => {
      const csv = await runClaim(tmp.dir, `scenarios/claims/neocloud-network-${side}.yaml`);
      const jobs = csv("jobs.csv");
      expect(jobs).toHaveLength(2);
      for (const j of jobs) {
        expect(Number(j.iteration_s)).toBeCloseTo(iteration, 9);
        expect(Number(j.gpu_utilization)).toBeCloseTo(0.6 / iteration, 9);
      }
      const cost = csv("cost.csv");
      // Two iterations: GPUs held 2 × iteration, idle on the network 2 × (iteration − 0.6 s).
      expect(usd(cost, "llm", "gpu")).toBeCloseTo((GPUS * 2 * iteration * GPU_HOUR) / 3600, 9);
      expect(usd(cost, "llm", "gpu_idle_network")).toBeCloseTo((GPUS * 2 * (iteration - 0.6) * GPU_HOUR) / 3600, 9);
    });
  }

  it("the effect: about 4× the $ per iteration, and three quarters versus under 2% of the GPU bill idle", async () => {
    const rud = (await runClaim(tmp.dir, "scenarios/claims/neocloud-network-rudimentary.yaml"))("cost.csv");
    const adv = (await runClaim(tmp.dir, "scenarios/claims/neocloud-network-advanced.yaml"))("cost.csv");
    const idleShare = (c: Record<string, string>[]) => usd(c, "llm", "gpu_idle_network") / usd(c, "llm", "gpu");
    // Closed form: idle share = 1 − 0.6/iteration; ratio of $ per iteration = ratio of iteration times.
    expect(idleShare(rud)).toBeCloseTo(1 - 0.6 / RUDIMENTARY_S, 9);
    expect(idleShare(adv)).toBeCloseTo(1 - 0.6 / ADVANCED_S, 9);
    expect(idleShare(rud)).toBeGreaterThan(0.7);
    expect(idleShare(adv)).toBeLessThan(0.02);
    const ratio = usd(rud, "llm", "per_iteration") / usd(adv, "llm", "per_iteration");
    expect(ratio).toBeCloseTo(RUDIMENTARY_S / ADVANCED_S, 9);
    expect(ratio).toBeGreaterThan(3.5);
    expect(ratio).toBeLessThan(4.5);
  });
});
