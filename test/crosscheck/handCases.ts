// handCases: small cross-check cases whose finish times are derived by hand (max-min on paper).
import type { CaseLink, CrossCheckCase } from "../../bench/simgrid/CrossCheckCase.js";

/** A case and the finish time of each of its transfers, derived by hand, seconds. */
export interface HandCase {
  case: CrossCheckCase;
  expectedFinishS: Record<string, number>;
}

const C = 1.25e9; // 10 Gb/s in bytes/s

function hand(name: string, nodes: string[], links: CaseLink[], transfers: Array<[string, string, number, string[]]>): CrossCheckCase {
  return {
    name,
    seed: 1,
    topology: { nodes: nodes.map((id) => ({ id })), links },
    workloads: transfers.map(([id, size, startS, path]) => ({
      transfer: { id, src: path[0], dst: path[path.length - 1], size, start: `${startS}s`, path },
    })),
  };
}

/** The hand-checkable cases; C is 10 Gb/s = 1.25e9 B/s throughout. */
export const HAND_CASES: HandCase[] = [
  {
    // Alone: bottleneck min(C, 4C) = C; L = 1 µs + 2 µs; finish = 0.5 + L + 1.25e6 / C.
    case: hand("one flow alone", ["a", "s", "b"], [
      { from: "a", to: "s", bandwidth: "10Gbps", latency: "1us" },
      { from: "s", to: "b", bandwidth: "40Gbps", latency: "2us" },
    ], [["f0", "1250000B", 0.5, ["a", "s", "b"]]]),
    expectedFinishS: { f0: 0.5 + 3e-6 + 1.25e6 / C },
  },
  {
    // Both cross s→b (capacity C): x0 + x1 ≤ C ⇒ x0 = x1 = C/2; finish = 2 µs + 1.25e6 / (C/2).
    case: hand("two flows sharing a link", ["a", "c", "s", "b"], [
      { from: "a", to: "s", bandwidth: "10Gbps", latency: "1us" },
      { from: "c", to: "s", bandwidth: "10Gbps", latency: "1us" },
      { from: "s", to: "b", bandwidth: "10Gbps", latency: "1us" },
    ], [
      ["f0", "1250000B", 0, ["a", "s", "b"]],
      ["f1", "1250000B", 0, ["c", "s", "b"]],
    ]),
    expectedFinishS: { f0: 2e-6 + 1.25e6 / (C / 2), f1: 2e-6 + 1.25e6 / (C / 2) },
  },
  {
    // Parking lot, zero latency: long + short_i ≤ C on each of the three channels ⇒ all C/2.
    // Shorts (625 kB) end at 1 ms; the long flow then has 625 kB left at C: 1.5 ms. The
    // reverse flow uses the other direction of the full-duplex links: alone at C, 1 ms.
    case: hand("parking lot", ["n0", "n1", "n2", "n3"], [
      { from: "n0", to: "n1", bandwidth: "10Gbps", latency: "0s" },
      { from: "n1", to: "n2", bandwidth: "10Gbps", latency: "0s" },
      { from: "n2", to: "n3", bandwidth: "10Gbps", latency: "0s" },
    ], [
      ["long", "1250000B", 0, ["n0", "n1", "n2", "n3"]],
      ["s1", "625000B", 0, ["n0", "n1"]],
      ["s2", "625000B", 0, ["n1", "n2"]],
      ["s3", "625000B", 0, ["n2", "n3"]],
      ["reverse", "1250000B", 0, ["n3", "n2", "n1", "n0"]],
    ]),
    expectedFinishS: { long: 1.5e-3, s1: 1e-3, s2: 1e-3, s3: 1e-3, reverse: 1e-3 },
  },
  {
    // Unequal capacities: f0 is held to C by a→s, so f1 gets the rest of s→b: 4C − C = 3C.
    // f0: 2 µs + 1.25e6 / C; f1: 2 µs + 3.75e6 / 3C — both 1.002 ms.
    case: hand("unequal capacities", ["a", "c", "s", "b"], [
      { from: "a", to: "s", bandwidth: "10Gbps", latency: "1us" },
      { from: "c", to: "s", bandwidth: "40Gbps", latency: "1us" },
      { from: "s", to: "b", bandwidth: "40Gbps", latency: "1us" },
    ], [
      ["f0", "1250000B", 0, ["a", "s", "b"]],
      ["f1", "3750000B", 0, ["c", "s", "b"]],
    ]),
    expectedFinishS: { f0: 2e-6 + 1e-3, f1: 2e-6 + 1e-3 },
  },
  {
    // Staggered starts, different latencies, bottleneck s→b = C.
    // f0 (L = 2 µs) drains alone at C from 2 µs; f1 (start 0.4 ms, L = 6 µs) arrives at
    // 406 µs, when f0 has 1.25e6 − 404e-6·C = 745 kB left. Both at C/2: f1's 250 kB take
    // 0.4 ms (ends 806 µs); f0 then has 495 kB left at C: 396 µs more, ends 1.202 ms.
    // f2 carries no bytes: it ends when it arrives, 0.1 ms + 2 µs.
    case: hand("staggered starts and latencies", ["a", "c", "s", "b"], [
      { from: "a", to: "s", bandwidth: "40Gbps", latency: "1us" },
      { from: "c", to: "s", bandwidth: "40Gbps", latency: "5us" },
      { from: "s", to: "b", bandwidth: "10Gbps", latency: "1us" },
    ], [
      ["f0", "1250000B", 0, ["a", "s", "b"]],
      ["f1", "250000B", 0.0004, ["c", "s", "b"]],
      ["f2", "0B", 0.0001, ["b", "s", "a"]],
    ]),
    expectedFinishS: { f0: 1.202e-3, f1: 0.806e-3, f2: 0.102e-3 },
  },
];
