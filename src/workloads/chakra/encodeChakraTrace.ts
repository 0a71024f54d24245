// encodeChakraTrace: write one rank's Chakra `.et` bytes from a plain description (for tests, examples and scripts/writeChakraTrace.ts).
import { CHAKRA_NODE_TYPES } from "./ChakraTrace.js";

/** An attribute with the protobuf type it is written as (Chakra writes comm_type and comm_size as int64, comm_src/dst/tag as int32). */
export type ChakraAttrSpec =
  | { name: string; int64: number }
  | { name: string; int32: number }
  | { name: string; uint64: number }
  | { name: string; double: number }
  | { name: string; bool: boolean }
  | { name: string; string: string }
  | { name: string; boolList: boolean[] };

/** A node to write; `type` by name (e.g. "COMP_NODE") or number. */
export interface ChakraNodeSpec {
  id: number;
  name?: string;
  type: (typeof CHAKRA_NODE_TYPES)[number] | number;
  ctrlDeps?: number[];
  dataDeps?: number[];
  durationMicros?: number;
  attrs?: ChakraAttrSpec[];
}

/** Growable byte buffer with the protobuf primitives. */
class Writer {
  private buf = new Uint8Array(256);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  byte(b: number): void {
    this.room(1);
    this.buf[this.length++] = b;
  }

  /** An unsigned varint of a non-negative safe integer, or a two's-complement 64-bit one of a negative. */
  varint(value: number): void {
    let v = value < 0 ? BigInt.asUintN(64, BigInt(value)) : BigInt(value);
    while (v >= 0x80n) {
      this.byte(Number(v & 0x7fn) | 0x80);
      v >>= 7n;
    }
    this.byte(Number(v));
  }

  tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** A length-delimited field holding what `fill` writes. */
  nested(field: number, fill: (w: Writer) => void): void {
    const inner = new Writer();
    fill(inner);
    this.tag(field, 2);
    this.varint(inner.length);
    this.bytes(inner.result());
  }

  string(field: number, s: string): void {
    const b = new TextEncoder().encode(s);
    this.tag(field, 2);
    this.varint(b.length);
    this.bytes(b);
  }

  result(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}

function writeAttr(w: Writer, a: ChakraAttrSpec): void {
  w.string(1, a.name);
  if ("int64" in a) (w.tag(9, 0), w.varint(a.int64));
  else if ("int32" in a) (w.tag(7, 0), w.varint(a.int32));
  else if ("uint64" in a) (w.tag(13, 0), w.varint(a.uint64));
  else if ("bool" in a) (w.tag(27, 0), w.varint(a.bool ? 1 : 0));
  else if ("string" in a) w.string(29, a.string);
  else if ("double" in a) {
    w.tag(3, 1);
    const b = new Uint8Array(8);
    new DataView(b.buffer).setFloat64(0, a.double, true);
    w.bytes(b);
  } else w.nested(28, (l) => l.nested(1, (p) => a.boolList.forEach((v) => p.varint(v ? 1 : 0))));
}

function writeNode(w: Writer, n: ChakraNodeSpec): void {
  const type = typeof n.type === "number" ? n.type : CHAKRA_NODE_TYPES.indexOf(n.type);
  if (n.id !== 0) (w.tag(1, 0), w.varint(n.id));
  if (n.name) w.string(2, n.name);
  if (type !== 0) (w.tag(3, 0), w.varint(type));
  // proto3 packs repeated numbers.
  if (n.ctrlDeps?.length) w.nested(4, (p) => n.ctrlDeps!.forEach((d) => p.varint(d)));
  if (n.dataDeps?.length) w.nested(5, (p) => n.dataDeps!.forEach((d) => p.varint(d)));
  if (n.durationMicros) (w.tag(7, 0), w.varint(n.durationMicros));
  for (const a of n.attrs ?? []) w.nested(10, (p) => writeAttr(p, a));
}

/** The `.et` bytes of one rank: a GlobalMetadata with `version`, then every node, each preceded by its length as a varint. */
export function encodeChakraTrace(nodes: readonly ChakraNodeSpec[], version = "0.0.4"): Uint8Array {
  const out = new Writer();
  const message = (fill: (w: Writer) => void) => {
    const m = new Writer();
    fill(m);
    out.varint(m.length);
    out.bytes(m.result());
  };
  message((m) => m.string(1, version));
  for (const n of nodes) message((m) => writeNode(m, n));
  return out.result();
}
