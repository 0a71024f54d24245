// Expert parallelism per MoE layer: all-to-all counts and sizes per iteration, and expert gradients all-reduced only among the replicas holding the same experts.
import { describe, expect, it } from "vitest";
import type { TrainingWorkload } from "../../../src/workloads/training/TrainingWorkload.js";
import { cluster, runTraining } from "./runTraining.js";

// 4 hosts × 2 GPUs: pp = 2 (a host's two GPUs), dp = 4 (one replica per host), ep = 2.
// 6 layers, every 2nd MoE: stage 0 holds layers 0–2 (MoE: 1), stage 1 layers 3–5 (MoE: 3, 5).
// 1e9 parameters of which 3e8 in experts, 2 B each:
// - dense per GPU: (1e9 − 3e8) · 2 / (tp · pp) = 7e8 B, all-reduced over the 4 replicas;
// - expert per GPU of stage s: 3e8 · (MoE layers of s / 3) · 2 / (tp · ep) = 1e8 B (stage 0), 2e8 B
//   (stage 1), all-reduced over the dp/ep = 2 replicas with the same experts: {0, 2} and {1, 3}.
const job = (expert: Record<string, unknown>) =>
  runTraining(cluster({ hosts: 4, gpusPerHost: 2 }), [
    {
      training: {
        name: "moe",
        gpus: 8,
        parallelism: { pp: 2, ep: 2 },
        model: { parameters: 1e9, layers: 6, activationSize: "4MB" },
        compute: { iteration: "60ms" },
        pipeline: { microbatches: 2 },
        allReduce: { bucketSize: "150MB" },
        expert: { allToAllSize: "2MB", parameters: 3e8, ...expert },
      },
    },
  ]);

describe("expert parallelism", () => {
  it("4 all-to-alls per MoE layer per microbatch in each expert group: MoE layers × microbatches × 4 × groups", () => {
    const r = job({ every: 2 }).results.get("moe")!;
    const a2a = r.collectives!.filter((c) => c.kind === "all-to-all");
    // 3 MoE layers × 2 microbatches × 4 × (dp/ep = 2 groups) × tp 1 = 48, each ep = 2 ranks of 2 MB.
    expect(a2a).toHaveLength(48);
    for (const c of a2a) expect([c.participants, c.sizeBytes]).toEqual([2, 2e6]);
    for (const g of [0, 1]) {
      expect(a2a.filter((c) => c.name.endsWith(`-stage0-tp0-group${g}`) && c.name.includes("-layer1-"))).toHaveLength(8);
      expect(a2a.filter((c) => c.name.endsWith(`-stage1-tp0-group${g}`))).toHaveLength(16);
    }
  });

  it("expert gradients: all-reduced over dp/ep replicas holding the same experts, their buckets adding up to the expert bytes; dense ones over all dp", () => {
    const { results, sim } = job({ every: 2 });
    const r = results.get("moe")!;
    const sum = (names: RegExp) => r.collectives!.filter((c) => names.test(c.name)).reduce((s, c) => s + c.sizeBytes, 0);
    const experts = r.collectives!.filter((c) => c.name.startsWith("grad-expert-"));
    for (const c of experts) expect([c.kind, c.participants]).toEqual(["all-reduce", 2]);
    for (const j of [0, 1]) {
      expect(sum(new RegExp(`^grad-expert-bucket\\d+-stage0-tp0-ep${j}$`))).toBe(1e8);
      expect(sum(new RegExp(`^grad-expert-bucket\\d+-stage1-tp0-ep${j}$`))).toBe(2e8);
    }
    // 150 MB buckets: stage 1's 2e8 B is 150 MB + 50 MB.
    expect(experts.filter((c) => c.name.endsWith("-stage1-tp0-ep0")).map((c) => c.sizeBytes)).toEqual([1.5e8, 0.5e8]);
    const dense = r.collectives!.filter((c) => c.name.startsWith("grad-bucket"));
    for (const c of dense) expect(c.participants).toBe(4);
    expect(sum(/^grad-bucket\d+-stage0-tp0$/)).toBe(7e8);
    expect(sum(/^grad-bucket\d+-stage1-tp0$/)).toBe(7e8);
    // Who holds the same experts: replicas d ≡ j (mod ep); replica d's stage s is GPU h<d>g<s>.
    const plan = (sim.workloads.find((w) => w.name === "moe") as TrainingWorkload).plan;
    expect(plan.expertDpGroups.map((g) => g.map((p) => p.id))).toEqual([
      ["h0g0", "h2g0"],
      ["h1g0", "h3g0"],
      ["h0g1", "h2g1"],
      ["h1g1", "h3g1"],
    ]);
  });

  it("every MoE layer (every: 1, the default) spreads the expert parameters evenly over the stages", () => {
    const r = job({}).results.get("moe")!;
    expect(r.collectives!.filter((c) => c.kind === "all-to-all")).toHaveLength(6 * 2 * 4 * 2);
    const bytes = (s: number) => r.collectives!.filter((c) => new RegExp(`^grad-expert-bucket\\d+-stage${s}-tp0-ep0$`).test(c.name)).reduce((a, c) => a + c.sizeBytes, 0);
    expect([bytes(0), bytes(1)]).toEqual([1.5e8, 1.5e8]);
  });
});
