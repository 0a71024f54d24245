// collectivesCsv: NCCL bandwidths in Gb/s and the resource that bound most of a collective's bytes.
import { describe, expect, it } from "vitest";
import { collectivesRows, dominantBottleneck } from "../../src/report/collectivesCsv.js";
import { CAP_BOUND, NEVER_ACTIVE } from "../../src/report/FlowRecorder.js";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";

describe("collectivesCsv", () => {
  const b = new TopologyBuilder();
  for (const id of ["a", "b", "c"]) b.addNode({ id });
  b.addLink({ from: "a", to: "b", bandwidthBps: 1e9, latencyS: 0 });
  b.addLink({ from: "b", to: "c", bandwidthBps: 1e9, latencyS: 0 });
  const topology = b.build();
  // Flows 0–3: sizes 100, 100, 300, 50; bound by channels 0 (a->b), 0, 2 (b->c), never active.
  const sizes = [100, 100, 300, 50];
  const bound = [0, 0, 2, NEVER_ACTIVE];
  const facts = { sizeOf: (f: number) => sizes[f], bottleneckOf: (f: number) => bound[f] };

  it("picks the resource that bound the most bytes", () => {
    // a->b bound 200 bytes, b->c 300: b->c wins.
    expect(dominantBottleneck([0, 1, 2, 3], facts)).toBe(2);
    expect(dominantBottleneck([0, 1], facts)).toBe(0);
    expect(dominantBottleneck([3], facts)).toBe(NEVER_ACTIVE);
    expect(dominantBottleneck([0], { sizeOf: () => 1, bottleneckOf: () => CAP_BOUND })).toBe(CAP_BOUND);
  });

  it("writes NCCL algorithm and bus bandwidth in Gb/s", () => {
    // 1 GB all-reduce over 4 ranks in 0.1 s: algbw 1e10 B/s = 80 Gb/s, busbw × 2·3/4 = 120 Gb/s.
    const [row] = collectivesRows(
      [
        {
          job: "j",
          iteration: 0,
          name: "grad",
          kind: "all-reduce",
          algorithm: "ring",
          participants: 4,
          sizeBytes: 1e9,
          startS: 1,
          durationS: 0.1,
          algBwBps: 1e10,
          busBwBps: 1.5e10,
          flows: [0, 1, 2],
        },
      ],
      facts,
      topology,
    );
    expect(row).toEqual(["j", "0", "grad", "all-reduce", "ring", "4", "1000000000", "1", "0.1", "80", "120", "3", "b->c", "host-host"]);
  });
});
