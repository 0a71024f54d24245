// ChakraPlan checks a set of rank traces: node types, dependencies and cycles, collective groups and order, send/recv pairs, deadlocks.
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/InputError.js";
import { ChakraPlan } from "../../../src/workloads/chakra/ChakraPlan.js";
import type { ChakraNode } from "../../../src/workloads/chakra/ChakraTrace.js";
import { CHAKRA_NODE_TYPES } from "../../../src/workloads/chakra/ChakraTrace.js";

type NodeIn = { id: number; type: (typeof CHAKRA_NODE_TYPES)[number] | number; deps?: number[]; ctrl?: number[]; us?: number; name?: string; attrs?: Record<string, number | string> };

const node = (n: NodeIn): ChakraNode => ({
  id: n.id,
  name: n.name ?? "",
  type: typeof n.type === "number" ? n.type : CHAKRA_NODE_TYPES.indexOf(n.type),
  dataDeps: n.deps ?? [],
  ctrlDeps: n.ctrl ?? [],
  durationMicros: n.us ?? 0,
  attrs: new Map(Object.entries(n.attrs ?? {})),
});
const plan = (ranks: NodeIn[][], groups?: Record<string, number[]>) => new ChakraPlan(ranks.map((nodes, r) => ({ file: `t.${r}.et`, trace: { version: "", nodes: nodes.map(node) } })), groups);
const problem = (ranks: NodeIn[][], groups?: Record<string, number[]>): string => {
  try {
    plan(ranks, groups);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error("no problem found");
};
const coll = (id: number, type: number, size: number, pg?: string, deps: number[] = []): NodeIn => ({ id, type: "COMM_COLL_NODE", deps, attrs: { comm_type: type, comm_size: size, ...(pg !== undefined && { pg_name: pg }) } });
const send = (id: number, src: number, dst: number, size: number, tag = 0, deps: number[] = []): NodeIn => ({ id, type: "COMM_SEND_NODE", deps, attrs: { comm_src: src, comm_dst: dst, comm_size: size, comm_tag: tag } });
const recv = (id: number, src: number, dst: number, size: number, tag = 0, deps: number[] = []): NodeIn => ({ id, type: "COMM_RECV_NODE", deps, attrs: { comm_src: src, comm_dst: dst, comm_size: size, comm_tag: tag } });

describe("ChakraPlan", () => {
  it("counts distinct data and control dependencies and lists children", () => {
    const p = plan([[{ id: 10, type: "COMP_NODE", us: 5 }, { id: 11, type: "COMP_NODE", deps: [10], ctrl: [10], us: 7 }, { id: 12, type: "MEM_LOAD_NODE", ctrl: [10, 11] }]]);
    const r = p.ranks[0];
    expect([...r.depCount]).toEqual([0, 1, 2]);
    expect([...r.childList.subarray(r.childStart[0], r.childStart[1])]).toEqual([1, 2]);
    expect(r.computeS).toBeCloseTo(12e-6, 15);
  });

  it("matches collectives per process group by order: members inferred from pg_name, no pg_name means every rank", () => {
    const p = plan([
      [coll(0, 0, 100, "a"), coll(1, 2, 40), coll(2, 0, 200, "a", [0])],
      [coll(5, 2, 40)],
      [coll(0, 0, 100, "a"), coll(1, 0, 200, "a"), coll(2, 2, 40)],
    ]);
    expect(p.collectives.map((c) => [c.pg, c.seq, c.kind, c.sizeBytes, c.ranks, c.nodes])).toEqual([
      ["", 0, "all-gather", 40, [0, 1, 2], [1, 0, 2]],
      ["a", 0, "all-reduce", 100, [0, 2], [0, 0]],
      ["a", 1, "all-reduce", 200, [0, 2], [2, 1]],
    ]);
  });

  it("explicit groups set the members and their ring order", () => {
    const p = plan([[coll(0, 6, 8, "x")], [], [coll(0, 6, 8, "x")]], { x: [2, 0] });
    expect(p.collectives[0].ranks).toEqual([2, 0]);
    expect(p.collectives[0].kind).toBe("all-to-all");
  });

  it("pairs sends and recvs by source, destination, tag and order", () => {
    const p = plan([
      [send(0, 0, 1, 10, 3), send(1, 0, 1, 20, 3), send(2, 0, 1, 30, 4)],
      [recv(0, 0, 1, 30, 4), recv(1, 0, 1, 10, 3), recv(2, 0, 1, 20, 3)],
    ]);
    expect(p.sendRecvs.map((s) => [s.tag, s.sizeBytes, s.sendNode, s.recvNode])).toEqual([
      [4, 30, 2, 0],
      [3, 10, 0, 1],
      [3, 20, 1, 2],
    ]);
  });

  it("rejects an unknown node type, naming the file, the node and the type", () => {
    expect(problem([[{ id: 4, type: 9 }]])).toBe("t.0.et: node 4: unknown node type 9 (et_def.proto's NodeType has 0 … 7: INVALID_NODE, METADATA_NODE, MEM_LOAD_NODE, MEM_STORE_NODE, COMP_NODE, COMM_SEND_NODE, COMM_RECV_NODE, COMM_COLL_NODE)");
  });

  it("rejects an unsupported collective type and a collective without comm_type", () => {
    expect(problem([[coll(3, 5, 10)]])).toBe("t.0.et: node 3: COMM_COLL_NODE with comm_type BROADCAST is not supported (supported: ALL_REDUCE, ALL_GATHER, REDUCE_SCATTER, ALL_TO_ALL, BARRIER)");
    expect(problem([[{ id: 3, type: "COMM_COLL_NODE" }]])).toBe("t.0.et: node 3: COMM_COLL_NODE has no comm_type attribute");
  });

  it("rejects a dependency on a missing node, a duplicate id and a dependency cycle", () => {
    expect(problem([[{ id: 1, type: "COMP_NODE", deps: [9] }]])).toBe("t.0.et: node 1: depends on node 9, which is not in the file");
    expect(problem([[{ id: 1, type: "COMP_NODE" }, { id: 1, type: "COMP_NODE" }]])).toBe("t.0.et: node id 1 appears twice (nodes 0 and 1 of the file)");
    expect(
      problem([
        [
          { id: 0, type: "COMP_NODE" },
          { id: 1, type: "COMP_NODE", deps: [0, 3] },
          { id: 2, type: "COMP_NODE", deps: [1] },
          { id: 3, type: "COMP_NODE", ctrl: [2] },
        ],
      ]),
    ).toBe("t.0.et: dependency cycle: node 1 → node 3 → node 2 → node 1 (each depends on the next)");
  });

  it("rejects collectives that differ between members, or that a member lacks", () => {
    expect(problem([[coll(0, 0, 100)], [coll(0, 0, 101)]])).toBe("t.1.et: node 0: collective 0 of process group (default) is all-reduce of 101 bytes but on t.0.et (node 0) it is all-reduce of 100 bytes");
    expect(problem([[coll(0, 0, 100), coll(1, 0, 100, "", [0])], [coll(0, 0, 100)]])).toBe(
      "t.1.et: has 1 collectives of process group (default) but t.0.et has 2; every member must run the same collectives in the same order",
    );
    expect(problem([[coll(0, 0, 1, "g")], [coll(0, 0, 1, "g")]], { g: [0] })).toBe('t.1.et: node 0: COMM_COLL_NODE of process group "g", but groups.g does not list rank 1');
  });

  it("rejects unmatched sends and recvs, and sizes that differ", () => {
    expect(problem([[send(0, 0, 1, 10)], []])).toBe("t.0.et: node 0: COMM_SEND_NODE to rank 1 with tag 0 has no matching COMM_RECV_NODE in that rank's file");
    expect(problem([[], [recv(0, 0, 1, 10, 2)]])).toBe("t.1.et: node 0: COMM_RECV_NODE from rank 0 with tag 2 has no matching COMM_SEND_NODE in rank 0's file (send 1 of that source, destination and tag is missing)");
    expect(problem([[send(0, 0, 1, 10)], [recv(0, 0, 1, 11)]])).toBe("t.1.et: node 0: COMM_RECV_NODE of 11 bytes matches a send of 10 bytes (t.0.et: node 0)");
  });

  it("finds a deadlock across ranks: each rank's send waits for its recv", () => {
    expect(problem([[recv(0, 1, 0, 8), send(1, 0, 1, 8, 0, [0])], [recv(0, 0, 1, 8), send(1, 1, 0, 8, 0, [0])]])).toBe(
      "t.0.et: node 0: COMM_RECV_NODE waits for its COMM_SEND_NODE on rank 1, which is never issued (the ranks' dependencies and communication wait on each other: a deadlock)",
    );
    // Collectives of two groups issued in opposite orders on the shared rank.
    expect(problem([[coll(0, 0, 8, "a"), coll(1, 0, 8, "b", [0])], [coll(0, 0, 8, "b"), coll(1, 0, 8, "a", [0])]])).toBe(
      't.0.et: node 0: COMM_COLL_NODE waits for collective 0 of process group "a" on ranks that never reach it (the ranks\' dependencies and communication wait on each other: a deadlock)',
    );
  });
});
