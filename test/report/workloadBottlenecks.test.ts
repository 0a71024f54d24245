// workloadBottlenecks: which workload's flows were bound where, ranked by flow-seconds (not bytes), shares derived by hand.
import { describe, expect, it } from "vitest";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";
import { CAP_BOUND } from "../../src/report/flowBottleneck.js";
import { workloadBottleneckRows } from "../../src/report/workloadBottlenecks.js";

describe("workloadBottleneckRows", () => {
  it("ranks each workload's bottlenecks by the flow-seconds they bound", () => {
    const b = new TopologyBuilder();
    b.addNode({ id: "a" });
    b.addNode({ id: "s", kind: "switch" });
    b.addLink({ from: "a", to: "s", bandwidthBps: 1e9, latencyS: 0 });
    const topology = b.build();
    // Flows (workload, size, bound): 0 train 300 B, a->s (channel 0) 0.125 s; 1 train 100 B,
    // s->a (1) 0.75 s then a->s 0.125 s; 2 agents 50 B at its cap 1 s; 3 agents never
    // drained; 4 train 10 B bound by a->s for 0 s (left out).
    const sizes = [300, 100, 50, 10, 10];
    const bound: Array<Array<[number, number]>> = [[[0, 0.125]], [[1, 0.75], [0, 0.125]], [[CAP_BOUND, 1]], [], [[0, 0]]];
    const rows = workloadBottleneckRows(["train", "agents"], [0, 0, 1, 1, 0], 5, { sizeOf: (f) => sizes[f], forEachBound: (f, fn) => bound[f].forEach(([r, s]) => fn(r, s)) }, topology);
    // train: s->a 0.75 flow-s (1 flow, 100 B) outranks a->s 0.25 flow-s (2 flows, 400 B):
    // time, not bytes, decides. Shares of train's 1 flow-s: 0.75 and 0.25.
    expect(rows).toEqual([
      ["train", "1", "s->a", "host-nic", "1", "100", "0.75", "0.75"],
      ["train", "2", "a->s", "host-nic", "2", "400", "0.25", "0.25"],
      ["agents", "1", "cap", "cap", "1", "50", "1", "1"],
    ]);
  });
});
