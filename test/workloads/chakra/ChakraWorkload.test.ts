// ChakraWorkload replays traces on a network: dependencies order compute, collectives wait for every member, sends feed recvs.
import { describe, expect, it } from "vitest";
import type { ChakraNodeSpec } from "../../../src/workloads/chakra/encodeChakraTrace.js";
import { runTraining } from "../training/runTraining.js";
import { writeTrace } from "./writeTrace.js";

/** n GPUs g0 … g(n−1) on one switch; every link 8 Gb/s (1e9 B/s each way), 1 µs: GPU to GPU is 2 µs + S / 1e9 B/s alone. */
const star = (n: number) => ({
  nodes: [...Array.from({ length: n }, (_, i) => ({ id: `g${i}`, kind: "gpu" })), { id: "s", kind: "switch" }],
  links: Array.from({ length: n }, (_, i) => ({ from: `g${i}`, to: "s", bandwidth: "8Gbps", latency: "1us" })),
});

function replay(ranks: ChakraNodeSpec[][], extra: Record<string, unknown> = {}, trace = writeTrace(ranks)) {
  const n = extra.ranks as number | undefined;
  const { results } = runTraining(star(n ?? ranks.length), [{ chakra: { name: "job", trace, transport: { model: "maxmin" }, allReduce: { algorithm: "ring" }, ...extra } }]);
  return results.get("job")!;
}

const comp = (id: number, durationMicros: number, dataDeps: number[] = [], ctrlDeps: number[] = []): ChakraNodeSpec => ({ id, type: "COMP_NODE", durationMicros, dataDeps, ctrlDeps });
const p2p = (id: number, type: "COMM_SEND_NODE" | "COMM_RECV_NODE", src: number, dst: number, size: number, dataDeps: number[] = []): ChakraNodeSpec => ({
  id,
  name: "act",
  type,
  dataDeps,
  attrs: [
    { name: "comm_src", int32: src },
    { name: "comm_dst", int32: dst },
    { name: "comm_size", int64: size },
  ],
});
const allReduce = (id: number, size: number, dataDeps: number[] = []): ChakraNodeSpec => ({
  id,
  name: "grads",
  type: "COMM_COLL_NODE",
  dataDeps,
  attrs: [
    { name: "comm_type", int64: 0 },
    { name: "comm_size", int64: size },
  ],
});

describe("ChakraWorkload", () => {
  it("runs compute nodes once their data and control dependencies are done, independent ones at once: 10 ‖ 20, then 5, then 1 µs = 26 µs", () => {
    const r = replay([[comp(0, 10), comp(1, 20), comp(2, 5, [0, 1]), comp(3, 1, [], [2])]]);
    expect(r.iterations).toHaveLength(1);
    expect(r.iterations![0].iterationS).toBeCloseTo(26e-6, 15);
    expect(r.iterations![0].computeS).toBeCloseTo(36e-6, 15);
  });

  it("MEM_LOAD, MEM_STORE and METADATA nodes take no time", () => {
    const r = replay([[{ id: 0, type: "METADATA_NODE" }, { id: 1, type: "MEM_LOAD_NODE", dataDeps: [0] }, comp(2, 10, [1]), { id: 3, type: "MEM_STORE_NODE", dataDeps: [2] }]]);
    expect(r.iterations![0].iterationS).toBeCloseTo(10e-6, 15);
  });

  it("a send starts its transfer when issued and the recv completes when the bytes arrive: 100 µs + 2 µs + 1 ms + 50 µs", () => {
    const r = replay([[comp(0, 100), p2p(1, "COMM_SEND_NODE", 0, 1, 1e6, [0])], [p2p(0, "COMM_RECV_NODE", 0, 1, 1e6), comp(1, 50, [0])]], { iterations: 2 });
    const one = 100e-6 + 2e-6 + 1e-3 + 50e-6;
    expect(r.iterations!.map((i) => i.iterationS)).toEqual([expect.closeTo(one, 12), expect.closeTo(one, 12)]);
    // The second replay starts when every rank has finished the first.
    expect(r.iterations![1].startS).toBeCloseTo(one, 12);
    const sends = r.collectives!.filter((c) => c.kind === "send-recv");
    expect(sends.map((c) => [c.name, c.iteration, c.sizeBytes, c.participants])).toEqual([
      ["act", 0, 1e6, 2],
      ["act", 1, 1e6, 2],
    ]);
    expect(sends[0].startS).toBeCloseTo(100e-6, 12);
    expect(sends[0].durationS).toBeCloseTo(1.002e-3, 12);
  });

  it("a collective starts when its last member issues it and completes on every member: ring all-reduce of 3 MB over 3 ranks after rank 0's 300 µs", () => {
    // 2(n−1) = 4 steps of S/n = 1 MB on disjoint channels: 4 × (2 µs + 1 ms) = 4.008 ms.
    const r = replay([[comp(0, 300), allReduce(1, 3e6, [0]), comp(2, 7, [1])], [allReduce(0, 3e6), comp(1, 7, [0])], [allReduce(0, 3e6)]]);
    const [c] = r.collectives!;
    expect([c.kind, c.algorithm, c.participants, c.sizeBytes, c.name]).toEqual(["all-reduce", "ring", 3, 3e6, "grads"]);
    expect(c.startS).toBeCloseTo(300e-6, 12);
    expect(c.durationS).toBeCloseTo(4.008e-3, 12);
    expect(r.iterations![0].iterationS).toBeCloseTo(300e-6 + 4.008e-3 + 7e-6, 12);
  });

  it("replays ASTRA-sim's 4-rank 1 MiB all-reduce microbenchmark: 6 ring steps of 262,144 B = 6 × (2 + 262.144) µs", () => {
    const r = replay([], { ranks: 4 }, "test/workloads/chakra/astra-sim-all_reduce/all_reduce");
    const [c] = r.collectives!;
    expect([c.kind, c.participants, c.sizeBytes]).toEqual(["all-reduce", 4, 1048576]);
    expect(r.iterations![0].iterationS).toBeCloseTo(6 * (2e-6 + 262.144e-6), 12);
  });
});
