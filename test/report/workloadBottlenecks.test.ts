// workloadBottlenecks: which workload's flows were bound where, ranked by bytes, shares derived by hand.
import { describe, expect, it } from "vitest";
import { CAP_BOUND, NEVER_ACTIVE } from "../../src/report/FlowRecorder.js";
import { workloadBottleneckRows } from "../../src/report/workloadBottlenecks.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";

describe("workloadBottleneckRows", () => {
  it("ranks each workload's bottlenecks by the bytes they bound", () => {
    const b = new TopologyBuilder();
    b.addNode({ id: "a" });
    b.addNode({ id: "s", kind: "switch" });
    b.addLink({ from: "a", to: "s", bandwidthBps: 1e9, latencyS: 0 });
    const topology = b.build();
    // Flows: 0 train 300 B on a->s (0); 1 train 100 B on s->a (1); 2 agents 50 B capped; 3 agents never active.
    const sizes = [300, 100, 50, 10];
    const bound = [0, 1, CAP_BOUND, NEVER_ACTIVE];
    const rows = workloadBottleneckRows(["train", "agents"], [0, 0, 1, 1], 4, { sizeOf: (f) => sizes[f], bottleneckOf: (f) => bound[f] }, topology);
    expect(rows).toEqual([
      ["train", "1", "a->s", "host-nic", "1", "300", "0.75"],
      ["train", "2", "s->a", "host-nic", "1", "100", "0.25"],
      ["agents", "1", "cap", "cap", "1", "50", "1"],
    ]);
  });
});
