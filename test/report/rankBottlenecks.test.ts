// rankBottlenecks: resources ranked by bottleneck flow-seconds with their shares, from accounts given by hand.
import { describe, expect, it } from "vitest";
import { rankBottlenecks } from "../../src/report/rankBottlenecks.js";
import type { LinkAccounts } from "../../src/report/resourceCsv.js";
import { recordedNetwork } from "./networks.js";

/** a — s — b: resources 0..3 are the channels a->s, s->a, s->b, b->s (as the topology numbers them). */
function topology() {
  return recordedNetwork(
    [{ id: "a" }, { id: "b" }, { id: "s", kind: "switch" }],
    [
      { from: "a", to: "s", bandwidthBps: 5e9, latencyS: 1e-6 },
      { from: "s", to: "b", bandwidthBps: 6e9, latencyS: 1e-6 },
    ],
  ).topology;
}

/** Accounts over a 2 s horizon with the given bottleneck flow-seconds per resource. */
function accounts(flowS: number[]): LinkAccounts {
  return {
    horizonS: 2,
    bytesOf: () => 0,
    meanUtilOf: (r) => r / 10,
    peakUtilOf: () => 0,
    p95UtilOf: () => 0,
    saturatedFracOf: (r) => r / 20,
    bottleneckFlowSOf: (r) => flowS[r] ?? 0,
  };
}

describe("rankBottlenecks(accounts, topology)", () => {
  it("ranks the resources that bound any flow by flow-seconds, with their shares of the total", () => {
    const t = topology();
    const names = [0, 1, 2, 3].map((r) => t.resourceName(r));
    // 0.1 + 0.35 = 0.45 flow-seconds: shares 0.35 / 0.45 = 7/9 and 2/9; s->a bound nothing and is left out.
    const ranking = rankBottlenecks(accounts([0.1, 0, 0.35]), t);
    expect(ranking.map((e) => e.name)).toEqual([names[2], names[0]]);
    expect(ranking.map((e) => e.resource)).toEqual([2, 0]);
    expect(ranking[0].share).toBeCloseTo(7 / 9, 15);
    expect(ranking[1].share).toBeCloseTo(2 / 9, 15);
    expect(ranking[0].bottleneckFlowS).toBe(0.35);
    expect([ranking[0].saturatedFrac, ranking[0].meanUtil]).toEqual([0.1, 0.2]);
    expect(ranking[0].capacityBps).toBe(t.resourceCapacityBps[2]);
  });

  it("orders equal flow-seconds by resource id, and gives nothing when no flow was bound", () => {
    const t = topology();
    expect(rankBottlenecks(accounts([0, 0.25, 0, 0.25]), t).map((e) => [e.resource, e.share])).toEqual([
      [1, 0.5],
      [3, 0.5],
    ]);
    expect(rankBottlenecks(accounts([]), t)).toEqual([]);
  });
});
