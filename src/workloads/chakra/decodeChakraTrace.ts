// decodeChakraTrace: read one rank's Chakra `.et` bytes (protobuf wire format, length-delimited messages) into a ChakraTrace.
import { InputError } from "../../core/InputError.js";
import type { ChakraAttrValue, ChakraNode, ChakraTrace } from "./ChakraTrace.js";

/*
 * A small decoder of the protobuf wire format limited to et_def.proto's GlobalMetadata, Node
 * and AttributeProto (mlcommons/chakra schema/protobuf/et_def.proto), rather than the
 * protobufjs package: the replay reads eight fields and the attribute oneof, the wire format
 * is four rules (varint, 64-bit, length-delimited, 32-bit), and a hand decoder can name the
 * byte where a file is broken. Unknown fields are skipped, as protobuf requires; repeated
 * numbers are accepted packed and unpacked.
 *
 * File layout (Chakra's protolib encodeMessage, ASTRA-sim's ProtoInputStream): every message
 * is preceded by its length as a varint; the first is a GlobalMetadata, each next one a Node.
 */

const WIRE_VARINT = 0;
const WIRE_64 = 1;
const WIRE_LEN = 2;
const WIRE_32 = 5;

type ScalarKind = "double" | "float" | "int32" | "int64" | "uint32" | "uint64" | "sint32" | "sint64" | "fixed32" | "fixed64" | "sfixed32" | "sfixed64" | "bool" | "string" | "bytes";

/** AttributeProto's oneof: field number of the scalar → its type; the list of the same type is the next number. */
const ATTR_SCALARS: Record<number, ScalarKind> = {
  3: "double",
  5: "float",
  7: "int32",
  9: "int64",
  11: "uint32",
  13: "uint64",
  15: "sint32",
  17: "sint64",
  19: "fixed32",
  21: "fixed64",
  23: "sfixed32",
  25: "sfixed64",
  27: "bool",
  29: "string",
  31: "bytes",
};

function wireOf(kind: ScalarKind): number {
  if (kind === "double" || kind === "fixed64" || kind === "sfixed64") return WIRE_64;
  if (kind === "float" || kind === "fixed32" || kind === "sfixed32") return WIRE_32;
  if (kind === "string" || kind === "bytes") return WIRE_LEN;
  return WIRE_VARINT;
}

const utf8 = new TextDecoder("utf-8");

/** A cursor over a byte range; every read checks the range and names the absolute byte offset on failure. */
class Reader {
  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
    readonly end: number,
    /** Shared by a message and its fields (one view per file). */
    private readonly view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
  ) {}

  fail(message: string, at = this.pos): never {
    throw new InputError(`byte ${at}: ${message}`);
  }

  /** An unsigned varint that must fit a safe integer (ids, lengths, durations). */
  varint(): number {
    const start = this.pos;
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) this.fail("the file ends inside a varint (truncated)", start);
      const b = this.bytes[this.pos++];
      value += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (value > Number.MAX_SAFE_INTEGER) this.fail(`the number ${value} is larger than 2^53 − 1, which chokepoint cannot hold exactly`, start);
        return value;
      }
      scale *= 128;
    }
    return this.fail("a varint longer than 10 bytes (not protobuf)", start);
  }

  /**
   * A varint of an attribute as a number, read as `kind`: below 2^49 (7 bytes, the usual case)
   * without BigInt; longer ones (negative int32/int64 are 10 bytes) through {@link varintBig}.
   */
  varintAs(kind: "int32" | "int64" | "uint32" | "uint64" | "sint32" | "sint64" | "bool"): number | boolean {
    const start = this.pos;
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 7 && this.pos < this.end; i++) {
      const b = this.bytes[this.pos++];
      value += (b & 0x7f) * scale;
      if (b < 0x80) {
        if (kind === "bool") return value !== 0;
        if (kind === "sint32" || kind === "sint64") return value % 2 === 0 ? value / 2 : -(value + 1) / 2;
        if (kind === "int32" || kind === "uint32") return kind === "int32" ? value | 0 : value >>> 0;
        return value;
      }
      scale *= 128;
    }
    this.pos = start;
    const v = this.varintBig();
    switch (kind) {
      case "bool":
        return v !== 0n;
      case "int32":
        return Number(BigInt.asIntN(32, v));
      case "int64":
        return Number(BigInt.asIntN(64, v));
      case "uint32":
        return Number(BigInt.asUintN(32, v));
      case "uint64":
        return Number(v);
      default:
        return Number((v >> 1n) ^ -(v & 1n));
    }
  }

  /** A varint as a 64-bit unsigned BigInt. */
  varintBig(): bigint {
    const start = this.pos;
    let value = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) this.fail("the file ends inside a varint (truncated)", start);
      const b = this.bytes[this.pos++];
      value |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asUintN(64, value);
      shift += 7n;
    }
    return this.fail("a varint longer than 10 bytes (not protobuf)", start);
  }

  take(n: number): number {
    const at = this.pos;
    if (n > this.end - this.pos) this.fail(`a field declares ${n} bytes but only ${this.end - this.pos} remain (truncated)`);
    this.pos += n;
    return at;
  }

  /** A length-delimited field's body as a sub-reader. */
  sub(): Reader {
    const n = this.varint();
    const at = this.take(n);
    return new Reader(this.bytes, at, at + n, this.view);
  }

  string(): string {
    const r = this.sub();
    // Names are short and ASCII: build them directly, TextDecoder for anything else.
    if (r.end - r.pos <= 64) {
      let out = "";
      for (let i = r.pos; i < r.end; i++) {
        const c = this.bytes[i];
        if (c >= 0x80) return utf8.decode(this.bytes.subarray(r.pos, r.end));
        out += String.fromCharCode(c);
      }
      return out;
    }
    return utf8.decode(this.bytes.subarray(r.pos, r.end));
  }

  /** Skip a field of wire type `wire` (groups, types 3 and 4, are not in this schema). */
  skip(wire: number, tagAt: number): void {
    if (wire === WIRE_VARINT) this.varintBig();
    else if (wire === WIRE_64) this.take(8);
    else if (wire === WIRE_32) this.take(4);
    else if (wire === WIRE_LEN) this.sub();
    else this.fail(`wire type ${wire} is not used by Chakra's schema (not a Chakra trace, or a corrupt one)`, tagAt);
  }

  /** One scalar of `kind` (its wire type already checked or implied by packing). */
  scalar(kind: ScalarKind): number | string | boolean | undefined {
    switch (kind) {
      case "double":
        return this.view.getFloat64(this.take(8), true);
      case "float":
        return this.view.getFloat32(this.take(4), true);
      case "fixed32":
        return this.view.getUint32(this.take(4), true);
      case "sfixed32":
        return this.view.getInt32(this.take(4), true);
      case "fixed64":
        return Number(this.view.getBigUint64(this.take(8), true));
      case "sfixed64":
        return Number(this.view.getBigInt64(this.take(8), true));
      case "int32":
      case "int64":
      case "uint32":
      case "uint64":
      case "sint32":
      case "sint64":
      case "bool":
        return this.varintAs(kind);
      case "string":
        return this.string();
      case "bytes":
        this.sub();
        return undefined;
    }
  }
}

/** A field's key (field number × 8 + wire type); field number 0 is not protobuf. */
function readTag(r: Reader): number {
  const tag = r.varint();
  if (tag < 8) r.fail("field number 0 (not protobuf)", r.pos - 1);
  return tag;
}

/** A repeated uint64 (ctrl_deps, data_deps), packed or not. */
function readIds(r: Reader, wire: number, into: number[], tagAt: number): void {
  if (wire === WIRE_LEN) {
    const p = r.sub();
    while (p.pos < p.end) into.push(p.varint());
    r.pos = p.end;
  } else if (wire === WIRE_VARINT) into.push(r.varint());
  else r.fail(`a dependency list has wire type ${wire}, expected a varint or a packed list`, tagAt);
}

/** The `values` of a DoubleList, Int64List, … message (field 1, packed or not). */
function readList(r: Reader, kind: ScalarKind): Array<number | string | boolean> {
  const values: Array<number | string | boolean> = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const tag = readTag(r);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field !== 1) {
      r.skip(wire, at);
      continue;
    }
    const expected = wireOf(kind);
    if (wire === WIRE_LEN && expected !== WIRE_LEN) {
      const p = r.sub();
      while (p.pos < p.end) values.push(p.scalar(kind) as number | boolean);
      r.pos = p.end;
    } else if (wire === expected) {
      const v = r.scalar(kind);
      if (v !== undefined) values.push(v);
    } else r.fail(`a ${kind} list holds wire type ${wire}, expected ${expected}`, at);
  }
  return values;
}

function readAttr(r: Reader): { name: string; value: ChakraAttrValue | undefined } {
  let name = "";
  let value: ChakraAttrValue | undefined;
  while (r.pos < r.end) {
    const at = r.pos;
    const tag = readTag(r);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 1 && wire === WIRE_LEN) name = r.string();
    else if (field >= 3 && field <= 32) {
      const kind = ATTR_SCALARS[field % 2 === 1 ? field : field - 1];
      if (field % 2 === 1) {
        if (wire !== wireOf(kind)) r.fail(`attribute "${name}": a ${kind} value has wire type ${wire}, expected ${wireOf(kind)}`, at);
        value = r.scalar(kind);
      } else {
        if (wire !== WIRE_LEN) r.fail(`attribute "${name}": a ${kind} list has wire type ${wire}, expected 2`, at);
        const p = r.sub();
        value = kind === "bytes" ? undefined : readList(p, kind);
        r.pos = p.end;
      }
    } else r.skip(wire, at);
  }
  return { name, value };
}

function wrongWire(r: Reader, field: string, wire: number, expected: number, at: number): never {
  return r.fail(`Node.${field} has wire type ${wire}, expected ${expected}`, at);
}

function readNode(r: Reader): ChakraNode {
  const node: ChakraNode = { id: 0, name: "", type: 0, ctrlDeps: [], dataDeps: [], durationMicros: 0, attrs: new Map() };
  while (r.pos < r.end) {
    const at = r.pos;
    const tag = readTag(r);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 1) {
      if (wire !== WIRE_VARINT) wrongWire(r, "id", wire, WIRE_VARINT, at);
      node.id = r.varint();
    } else if (field === 2) {
      if (wire !== WIRE_LEN) wrongWire(r, "name", wire, WIRE_LEN, at);
      node.name = r.string();
    } else if (field === 3) {
      if (wire !== WIRE_VARINT) wrongWire(r, "type", wire, WIRE_VARINT, at);
      node.type = r.varint();
    } else if (field === 4) readIds(r, wire, node.ctrlDeps, at);
    else if (field === 5) readIds(r, wire, node.dataDeps, at);
    else if (field === 7) {
      if (wire !== WIRE_VARINT) wrongWire(r, "duration_micros", wire, WIRE_VARINT, at);
      node.durationMicros = r.varint();
    } else if (field === 10) {
      if (wire !== WIRE_LEN) wrongWire(r, "attr", wire, WIRE_LEN, at);
      const p = r.sub();
      const { name, value } = readAttr(p);
      r.pos = p.end;
      if (value !== undefined) node.attrs.set(name, value);
    } else r.skip(wire, at);
  }
  return node;
}

function readMetadata(r: Reader): string {
  let version = "";
  while (r.pos < r.end) {
    const at = r.pos;
    const tag = readTag(r);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (field === 1 && wire === WIRE_LEN) version = r.string();
    else r.skip(wire, at);
  }
  return version;
}

/**
 * Decode a whole `.et` file: a length-prefixed GlobalMetadata, then length-prefixed Nodes
 * until the end. (Gzip is the caller's business.)
 * @throws InputError "byte N: …" when the bytes are not such a file (truncated, bad wire type, empty).
 */
export function decodeChakraTrace(bytes: Uint8Array): ChakraTrace {
  if (bytes.length === 0) throw new InputError("byte 0: the file is empty");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const r = new Reader(bytes, 0, bytes.length, view);
  const message = (): Reader => {
    const at = r.pos;
    const n = r.varint();
    if (n > r.end - r.pos) r.fail(`a message declares ${n} bytes but only ${r.end - r.pos} remain (truncated file)`, at);
    const m = new Reader(bytes, r.pos, r.pos + n, view);
    r.pos += n;
    return m;
  };
  const version = readMetadata(message());
  const nodes: ChakraNode[] = [];
  while (r.pos < r.end) nodes.push(readNode(message()));
  return { version, nodes };
}
