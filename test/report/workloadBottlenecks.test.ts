// workloadBottlenecks: which workload's flows were bound where, ranked by flow-seconds (not bytes), shares derived by hand.
import { describe, expect, it } from "vitest";
import { TopologyBuilder } from "../../src/net/TopologyBuilder.js";
import { CAP_BOUND } from "../../src/report/flowBottleneck.js";
import { workloadBottleneckRows } from "../../src/report/workloadBottlenecks.js";

/** Host `a` and switch `s` joined by one 1 Gb/s link: channel 0 is a->s, channel 1 s->a. */
function hostAndSwitch() {
  const b = new TopologyBuilder();
  b.addNode({ id: "a" });
  b.addNode({ id: "s", kind: "switch" });
  b.addLink({ from: "a", to: "s", bandwidthBps: 1e9, latencyS: 0 });
  return b.build();
}

describe("workloadBottleneckRows", () => {
  it("ranks each workload's bottlenecks by the flow-seconds they bound", () => {
    const topology = hostAndSwitch();
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

  it("gives a reference tally's rows for random flows of workloads bound in up to 30 places (chains and the map alike)", () => {
    const b = new TopologyBuilder();
    b.addNode({ id: "hub", kind: "switch" });
    for (let i = 0; i < 10; i++) {
      b.addNode({ id: `h${i}` });
      b.addLink({ from: `h${i}`, to: "hub", bandwidthBps: 1e9, latencyS: 0 });
    }
    const topology = b.build();
    let seed = 11;
    const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let round = 0; round < 20; round++) {
      const W = 1 + Math.floor(rnd() * 5);
      const names = Array.from({ length: W }, (_, w) => `w${w}`);
      const flowCount = Math.floor(rnd() * 200);
      const workloadOfFlow = Array.from({ length: flowCount }, () => Math.floor(rnd() * (W + 1)) - (rnd() < 0.05 ? W + 1 : 0));
      const sizes = Array.from({ length: flowCount }, () => Math.floor(rnd() * 1000));
      // Up to 30 bottlenecks a workload (channels 0-19 and the cap), some repeated within a flow, some for 0 s.
      const bound = Array.from({ length: flowCount }, () =>
        Array.from({ length: Math.floor(rnd() * 4) }, (): [number, number] => [Math.floor(rnd() * 21) - 1, rnd() < 0.1 ? 0 : rnd()]),
      );
      const rows = workloadBottleneckRows(names, workloadOfFlow, flowCount, { sizeOf: (f) => sizes[f], forEachBound: (f, fn) => bound[f].forEach(([r, s]) => fn(r, s)) }, topology);
      // The reference: a map per workload, in flow order, ranked by seconds then resource.
      const expected: string[][] = [];
      for (let w = 0; w < W; w++) {
        const tally = new Map<number, { flows: number; bytes: number; seconds: number }>();
        for (let f = 0; f < flowCount; f++) {
          if (workloadOfFlow[f] !== w) continue;
          for (const [r, s] of bound[f]) {
            if (!(s > 0)) continue;
            const t = tally.get(r) ?? { flows: 0, bytes: 0, seconds: 0 };
            t.flows++;
            t.bytes += sizes[f];
            t.seconds += s;
            tally.set(r, t);
          }
        }
        const ranked = [...tally].sort((x, y) => y[1].seconds - x[1].seconds || x[0] - y[0]);
        const total = ranked.reduce((sum, [, t]) => sum + t.seconds, 0);
        ranked.forEach(([r, t], i) => {
          const name = r === CAP_BOUND ? "cap" : topology.resourceName(r);
          expected.push([names[w], String(i + 1), name, "", String(t.flows), String(t.bytes), String(t.seconds), String(t.seconds / total)]);
        });
      }
      expect(rows.map((r) => [r[0], r[1], r[2], r[4], r[5]])).toEqual(expected.map((r) => [r[0], r[1], r[2], r[4], r[5]]));
      // Written to 12 significant digits, round-off snapped (at most 1e-10 of the number).
      rows.forEach((r, i) => expect(Math.abs(Number(r[6]) - Number(expected[i][6]))).toBeLessThanOrEqual(2e-10 * Number(expected[i][6])));
    }
  });

  it("ranks a one-flow workload's two bottlenecks as the comparator does: more seconds first, a tie by resource id, the cap first", () => {
    const topology = hostAndSwitch();
    // One flow per workload (a transfer), bound in the order given: (resource, seconds).
    const bound: Array<Array<[number, number]>> = [
      [[0, 0.25], [1, 0.75]], // more seconds second: swapped
      [[1, 0.75], [0, 0.25]], // already in order
      [[1, 0.5], [0, 0.5]], // a tie: resource 0 first
      [[0, 0.5], [1, 0.5]], // a tie in order
      [[0, 0.5], [CAP_BOUND, 0.5]], // a tie with the cap (−1): the cap first
      [[0, 0.5]], // one entry
      [[1, 0.5], [0, 0]], // the second for 0 s: left out
    ];
    const names = bound.map((_, w) => `t${w}`);
    const rows = workloadBottleneckRows(names, names.map((_, w) => w), bound.length, { sizeOf: () => 8, forEachBound: (f, fn) => bound[f].forEach(([r, s]) => fn(r, s)) }, topology);
    expect(rows.map((r) => [r[0], r[1], r[2], r[6], r[7]])).toEqual([
      ["t0", "1", "s->a", "0.75", "0.75"],
      ["t0", "2", "a->s", "0.25", "0.25"],
      ["t1", "1", "s->a", "0.75", "0.75"],
      ["t1", "2", "a->s", "0.25", "0.25"],
      ["t2", "1", "a->s", "0.5", "0.5"],
      ["t2", "2", "s->a", "0.5", "0.5"],
      ["t3", "1", "a->s", "0.5", "0.5"],
      ["t3", "2", "s->a", "0.5", "0.5"],
      ["t4", "1", "cap", "0.5", "0.5"],
      ["t4", "2", "a->s", "0.5", "0.5"],
      ["t5", "1", "a->s", "0.5", "1"],
      ["t6", "1", "s->a", "0.5", "1"],
    ]);
  });
});
