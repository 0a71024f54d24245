// decodeChakraTrace reads Chakra .et bytes written by ASTRA-sim's generator and by our encoder, and names the byte where a file breaks.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { InputError } from "../../../src/core/InputError.js";
import { decodeChakraTrace } from "../../../src/workloads/chakra/decodeChakraTrace.js";
import { encodeChakraTrace } from "../../../src/workloads/chakra/encodeChakraTrace.js";

const decodeError = (bytes: Uint8Array): string => {
  try {
    decodeChakraTrace(bytes);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    return (e as Error).message;
  }
  throw new Error("decoded without error");
};

describe("decodeChakraTrace(bytes)", () => {
  it("reads ASTRA-sim's example trace (examples/workload/microbenchmarks/all_reduce/4npus_1MB, rank 1): one 1 MiB ALL_REDUCE node", () => {
    // 83 bytes: length 7, GlobalMetadata{version "0.0.4"}, length 74, Node{id 1, name, type 7, attr is_cpu_op (bool), comm_type (int64 0), comm_size (int64 1048576)}.
    const trace = decodeChakraTrace(readFileSync("test/workloads/chakra/astra-sim-all_reduce/all_reduce.1.et"));
    expect(trace.version).toBe("0.0.4");
    expect(trace.nodes).toHaveLength(1);
    const [n] = trace.nodes;
    expect({ id: n.id, name: n.name, type: n.type, deps: [...n.dataDeps, ...n.ctrlDeps], durationMicros: n.durationMicros }).toEqual({ id: 1, name: "all_reduce_4npus_1MB", type: 7, deps: [], durationMicros: 0 });
    expect(Object.fromEntries(n.attrs)).toEqual({ is_cpu_op: false, comm_type: 0, comm_size: 1048576 });
  });

  it("round-trips the encoder: packed dependencies, durations, int32/int64/uint64/double/bool/string/bool-list attributes, negative int32", () => {
    const bytes = encodeChakraTrace(
      [
        { id: 0, name: "a", type: "COMP_NODE", durationMicros: 123456789 },
        {
          id: 300,
          name: "b",
          type: "COMM_COLL_NODE",
          dataDeps: [0],
          ctrlDeps: [0, 7],
          attrs: [
            { name: "comm_type", int64: 7 },
            { name: "comm_size", int64: 2 ** 40 },
            { name: "comm_src", int32: -1 },
            { name: "big", uint64: 2 ** 52 + 1 },
            { name: "x", double: 0.1 },
            { name: "is_cpu_op", bool: true },
            { name: "pg_name", string: "dp0" },
            { name: "involved_dim", boolList: [true, false, true] },
          ],
        },
        { id: 7, type: "METADATA_NODE" },
      ],
      "1.0.0",
    );
    const t = decodeChakraTrace(bytes);
    expect(t.version).toBe("1.0.0");
    expect(t.nodes.map((n) => [n.id, n.name, n.type, n.dataDeps, n.ctrlDeps, n.durationMicros])).toEqual([
      [0, "a", 4, [], [], 123456789],
      [300, "b", 7, [0], [0, 7], 0],
      [7, "", 1, [], [], 0],
    ]);
    expect(Object.fromEntries(t.nodes[1].attrs)).toEqual({ comm_type: 7, comm_size: 2 ** 40, comm_src: -1, big: 2 ** 52 + 1, x: 0.1, is_cpu_op: true, pg_name: "dp0", involved_dim: [true, false, true] });
  });

  it("accepts unpacked repeated dependencies and skips fields it does not read (start_time_micros, inputs)", () => {
    // Node: id=5 (08 05), data_deps 1 and 2 unpacked (28 01, 28 02), start_time_micros=9 (30 09), inputs IOInfo{values "v"} (42 03 0a 01 76), type=4 (18 04).
    const node = [0x08, 0x05, 0x28, 0x01, 0x28, 0x02, 0x30, 0x09, 0x42, 0x03, 0x0a, 0x01, 0x76, 0x18, 0x04];
    const bytes = Uint8Array.from([0x00, node.length, ...node]);
    const t = decodeChakraTrace(bytes);
    expect(t.version).toBe("");
    expect(t.nodes.map((n) => [n.id, n.type, n.dataDeps])).toEqual([[5, 4, [1, 2]]]);
  });

  it("reads zigzag sint64, fixed32 and a packed int64 list as protobuf defines them", () => {
    // attr { name "s" (0a 01 73), sint64_val 5 → −3 (88 01 05) }, attr { name "f", fixed32_val 7 (9d 01 07 00 00 00) },
    // attr { name "l", int64_list { values [1, 300] packed (52 04 0a 02 01 ac 02 → 0a 03 01 ac 02) } }.
    const attrs = [
      [0x0a, 0x01, 0x73, 0x88, 0x01, 0x05],
      [0x0a, 0x01, 0x66, 0x9d, 0x01, 0x07, 0x00, 0x00, 0x00],
      [0x0a, 0x01, 0x6c, 0x52, 0x05, 0x0a, 0x03, 0x01, 0xac, 0x02],
    ];
    const node = attrs.flatMap((a) => [0x52, a.length, ...a]);
    const t = decodeChakraTrace(Uint8Array.from([0x00, node.length, ...node]));
    expect(Object.fromEntries(t.nodes[0].attrs)).toEqual({ s: -3, f: 7, l: [1, 300] });
  });

  it("a truncated file names the byte and says truncated", () => {
    const whole = readFileSync("test/workloads/chakra/astra-sim-all_reduce/all_reduce.1.et");
    expect(decodeError(whole.subarray(0, 40))).toBe("byte 8: a message declares 74 bytes but only 31 remain (truncated file)");
  });

  it("an empty file, a varint running off the end, an unknown wire type: one sentence each", () => {
    // What is expected instead is said once, by the caller (toChakraSpec: "— expected a Chakra execution trace (…)").
    expect(decodeError(new Uint8Array(0))).toBe("byte 0: the file is empty");
    expect(decodeError(Uint8Array.from([0x00, 0x02, 0x08, 0x80]))).toBe("byte 3: the file ends inside a varint (truncated)");
    expect(decodeError(Uint8Array.from([0x00, 0x02, 0x33, 0x00]))).toBe("byte 2: wire type 3 is not used by Chakra's schema (not a Chakra trace, or a corrupt one)");
  });
});
