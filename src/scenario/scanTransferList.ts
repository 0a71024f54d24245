// scanTransferList: read a JSON scenario's trailing list of plain transfers straight from the file's bytes, without JSON.parse making a document of them.
import { plainQuantityOfBytes, type UnitKind } from "../core/units.js";
import { transferSpec } from "./fastTransfers.js";
import { readQuantity } from "./schemaParts.js";
import type { TransferLoadSpec } from "./Scenario.js";

/** What {@link scanTransferList} splits a file into. */
export interface ScannedTransfers {
  /**
   * The file's text with the transfer list emptied: everything before the list's key, then
   * `"workloads":[]}` (or `"workloads":[]` and the members after the list). Its JSON.parse is
   * the file's, with `workloads` an empty list.
   */
  rest: string;
  /** The transfers' engine specs, in file order: what fastTransferSpec makes of each entry of the file's document. */
  transfers: TransferLoadSpec[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;
const OPEN_MAP = 0x7b;
const CLOSE_MAP = 0x7d;
const KEY = '"workloads"';
/** The keys a transfer may have here (fastTransferSpec's, no other), quoted. A key's bit in `seen` is 1 << its index. */
const KEYS = ["id", "src", "dst", "size", "start", "path", "weight", "cap"].map((k) => Uint8Array.from(`"${k}"`, (c) => c.charCodeAt(0)));
const [ID, SRC, DST, SIZE, START, PATH, WEIGHT, CAP] = [0, 1, 2, 3, 4, 5, 6, 7];
const TRANSFER_KEY = Uint8Array.from('"transfer"', (c) => c.charCodeAt(0));
/** A JSON number, whole (the grammar of RFC 8259 §6). */
const JSON_NUMBER = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/;

/**
 * The transfers of an ASCII JSON scenario file whose last top-level key is `workloads`, a
 * non-empty list of entries `{"transfer":{…}}`, each transfer a mapping of keys among id, src,
 * dst, size, start, path, weight and cap, in any order and each at most once, whose values are
 * strings without escapes or control characters, a number (weight), or a list of such strings
 * (path); followed by the closing `}`, or by more members of the top-level mapping (kept in
 * `rest` after the emptied list). JSON white space may stand anywhere JSON allows
 * it (compact files and JSON.stringify(doc, null, 2) alike). Each entry is checked and made
 * into its spec as fastTransferSpec checks and makes it (its checks written out on the scanned
 * values, the quantities read by readQuantity's rule, most from the bytes: quantityAt; the
 * spec by fastTransferSpec's own transferSpec), with no object of the entry's keys made
 * first. The result: the specs, and the rest of the file as text. Undefined for any other file, and for any entry
 * fastTransferSpec would refuse (a number where the schema wants a quantity string, say): the
 * caller then reads the file as a whole, and every message stays the document reader's.
 *
 * The split is safe only once `rest` parses: the caller must JSON.parse it and use this only
 * when that succeeds. `rest` then ends in a member `"workloads":[]` of the top-level mapping
 * (a key found inside a string or a nested mapping leaves `rest` unbalanced or unterminated),
 * and as the list's last member, it is the value JSON.parse keeps for a repeated key, as in
 * the whole file. With members after the list, `rest` parsing proves less (a list nested in
 * one of them would parse too), so the key is also checked to stand at the top level; being
 * the file's last key named `workloads`, it is again the one JSON.parse keeps. The list adds
 * four levels of nesting below the top level and, but for weights (finite, or the file is
 * refused), no number.
 *
 * The ids of nodes (src, dst, the hops) are made once each and shared, as JSON.parse shares
 * short strings: 20,000 transfers name a fabric's ~1,000 hosts and switches over and over.
 */
export function scanTransferList(bytes: Buffer): ScannedTransfers | undefined {
  // The last "workloads" that is a key (followed by a colon): a node or transfer of that name is a value.
  let keyAt = bytes.length;
  let p: number;
  do {
    keyAt = keyAt > 0 ? bytes.lastIndexOf(KEY, keyAt - 1, "latin1") : -1;
    if (keyAt < 0) return undefined;
    p = space(bytes, keyAt + KEY.length);
  } while (bytes[p] !== COLON);
  p = space(bytes, p + 1);
  if (bytes[p] !== OPEN_LIST) return undefined;
  const names = new NameTable(bytes);
  const hops: string[] = [];
  const transfers: TransferLoadSpec[] = [];
  // White space is skipped by a call only where there is some (`bytes[p] > 0x20 ? p : space(…)`): a compact file costs none.
  for (;;) {
    p = scanEntry(bytes, p, names, hops, transfers);
    if (p < 0) return undefined;
    p = bytes[++p] > 0x20 ? p : space(bytes, p);
    if (bytes[p] === CLOSE_LIST) break;
    if (bytes[p] !== COMMA) return undefined;
  }
  // The list's `]`, then the top-level mapping's `}`, then only white space.
  p = space(bytes, p + 1);
  if (bytes[p] === CLOSE_MAP && space(bytes, p + 1) === bytes.length) return { rest: `${bytes.toString("latin1", 0, keyAt)}"workloads":[]}`, transfers };
  // Or more members of the top-level mapping after the list (a scenario's `transport`): the key
  // must then be the top-level mapping's own (nothing else shows it: a list nested in a later
  // member would parse too), and the members stay in `rest` after the emptied list.
  if (bytes[p] !== COMMA || depthAt(bytes, keyAt) !== 1) return undefined;
  return { rest: `${bytes.toString("latin1", 0, keyAt)}"workloads":[]${bytes.toString("latin1", p)}`, transfers };
}

/**
 * One entry of the list, `{ "transfer" : { key : value , … } }`, from `p` (at the `[` or `,`
 * before it): its spec checked and pushed to `transfers`; the position of the entry's closing
 * `}`, or −1 where the scan gives the file to the document reader. A function of its own, called
 * per entry, not the body of scanTransferList's loop: V8 compiles it as called, a smaller job
 * sooner ready, where the one long loop was compiled by on-stack replacement (a 34 ms TurboFan
 * job) while baseline code scanned on: one scan of the k=16 20,000-transfer file, all threads,
 * 774–876 M → 720–747 M instructions (s47-whole).
 */
function scanEntry(bytes: Buffer, p: number, names: NameTable, hops: string[], transfers: TransferLoadSpec[]): number {
    // One entry: { "transfer" : { key : value , … } }, p at the `[` or `,` before it.
    p = bytes[++p] > 0x20 ? p : space(bytes, p);
    if (bytes[p] !== OPEN_MAP) return -1;
    p = bytes[++p] > 0x20 ? p : space(bytes, p);
    if (!at(bytes, p, TRANSFER_KEY)) return -1;
    p += TRANSFER_KEY.length;
    p = bytes[p] > 0x20 ? p : space(bytes, p);
    if (bytes[p] !== COLON) return -1;
    p = bytes[++p] > 0x20 ? p : space(bytes, p);
    if (bytes[p] !== OPEN_MAP) return -1;
    let id, src, dst: string | undefined;
    // The quantities' text as byte ranges: most are read from the bytes with no string (quantityAt).
    let sizeAt = 0, sizeEnd = 0, startAt = 0, startEnd = 0, capAt = 0, capEnd = 0;
    let path: string[] | undefined;
    let weight: number | undefined;
    let seen = 0;
    do {
      // A key, p at the `{` or `,` before it; then its value.
      p = bytes[++p] > 0x20 ? p : space(bytes, p);
      const k = keyIndex(bytes, p);
      if (k < 0 || seen & (1 << k)) return -1;
      seen |= 1 << k;
      let b = p + KEYS[k].length;
      p = bytes[b] > 0x20 ? b : space(bytes, b);
      if (bytes[p] !== COLON) return -1;
      p = bytes[++p] > 0x20 ? p : space(bytes, p);
      if (k === PATH) {
        // A list of names, p then past its `]`.
        if (bytes[p] !== OPEN_LIST) return -1;
        let count = 0;
        p = bytes[++p] > 0x20 ? p : space(bytes, p);
        while (bytes[p] !== CLOSE_LIST || count > 0) {
          b = bytes[p] === QUOTE ? stringEnd(bytes, p + 1) : -1;
          if (b < 0) return -1;
          hops[count++] = names.get(p + 1, b);
          p = bytes[++b] > 0x20 ? b : space(bytes, b);
          if (bytes[p] === CLOSE_LIST) break;
          if (bytes[p] !== COMMA) return -1;
          p = bytes[++p] > 0x20 ? p : space(bytes, p);
        }
        path = hops.slice(0, count);
        p++;
      } else if (k === WEIGHT) {
        b = numberEnd(bytes, p);
        const text = bytes.toString("latin1", p, b);
        weight = Number(text);
        if (!JSON_NUMBER.test(text) || !Number.isFinite(weight)) return -1;
        p = b;
      } else {
        b = bytes[p] === QUOTE ? stringEnd(bytes, p + 1) : -1;
        if (b < 0) return -1;
        if (k === SRC) src = names.get(p + 1, b);
        else if (k === DST) dst = names.get(p + 1, b);
        else if (k === ID) id = bytes.toString("latin1", p + 1, b);
        else if (k === SIZE) (sizeAt = p + 1), (sizeEnd = b);
        else if (k === START) (startAt = p + 1), (startEnd = b);
        else (capAt = p + 1), (capEnd = b);
        p = b + 1;
      }
      p = bytes[p] > 0x20 ? p : space(bytes, p);
    } while (bytes[p] === COMMA);
    if (bytes[p] !== CLOSE_MAP) return -1;
    p = bytes[++p] > 0x20 ? p : space(bytes, p);
    if (bytes[p] !== CLOSE_MAP) return -1;
    // fastTransferSpec's checks, on the scanned values; its spec by the same transferSpec.
    if (!(seen & (1 << SRC)) || !(seen & (1 << DST)) || !(seen & (1 << SIZE)) || src === "" || dst === "") return -1;
    const sizeBytes = quantityAt(bytes, sizeAt, sizeEnd, "size", "nonnegative", names);
    if (sizeBytes === undefined) return -1;
    let startS = 0;
    if (seen & (1 << START)) {
      const value = quantityAt(bytes, startAt, startEnd, "time", "nonnegative", names);
      if (value === undefined) return -1;
      startS = value;
    }
    if (seen & (1 << ID) && id === "") return -1;
    if (seen & (1 << PATH)) {
      if (path!.length < 2) return -1;
      for (let j = 0; j < path!.length; j++) if (path![j] === "") return -1;
    }
    if (seen & (1 << WEIGHT) && !(weight! > 0)) return -1;
    let capBps: number | undefined;
    if (seen & (1 << CAP)) {
      capBps = quantityAt(bytes, capAt, capEnd, "rate", "positive", names);
      if (capBps === undefined) return -1;
    }
    transfers.push(transferSpec(id, src!, dst!, sizeBytes, startS, path, weight, capBps));
  return p;
}

/**
 * readQuantity's value of the quantity string `bytes[a … b)` (`kind`, `min`), or undefined
 * where it is not ok (the scan then gives the file to the document reader): the commonest
 * forms read from the bytes (plainQuantityOfBytes, its unit's name interned in `names`), any
 * other through a string and readQuantity itself.
 */
function quantityAt(bytes: Buffer, a: number, b: number, kind: UnitKind, min: "positive" | "nonnegative", names: NameTable): number | undefined {
  const plain = plainQuantityOfBytes(bytes, a, b, kind, (from, to) => names.get(from, to));
  if (plain !== undefined && (min !== "positive" || plain > 0)) return plain;
  const r = readQuantity(bytes.toString("latin1", a, b), kind, min);
  return r.ok ? r.value : undefined;
}

/**
 * How deep position `end` of `bytes` is in the JSON text before it: lists and mappings open
 * and not closed, strings skipped (−1 where `end` is within a string). The top-level mapping's
 * keys are at depth 1.
 */
function depthAt(bytes: Buffer, end: number): number {
  let depth = 0;
  for (let i = 0; i < end; i++) {
    const c = bytes[i];
    if (c === QUOTE) {
      // To the string's closing quote, past escaped characters.
      for (i++; i < end && bytes[i] !== QUOTE; i++) if (bytes[i] === BACKSLASH) i++;
      if (i >= end) return -1;
    } else if (c === OPEN_MAP || c === OPEN_LIST) depth++;
    else if (c === CLOSE_MAP || c === CLOSE_LIST) depth--;
  }
  return depth;
}

/** The first position from `p` past JSON white space (space, tab, line feed, carriage return). */
function space(bytes: Buffer, p: number): number {
  let c = bytes[p];
  while (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) c = bytes[++p];
  return p;
}

/**
 * The end (index of the closing quote) of the JSON string whose characters start at `a`, or
 * −1 if it holds an escape, a control character or a non-ASCII byte (the document reader's
 * cases), or does not end.
 */
function stringEnd(bytes: Buffer, a: number): number {
  const n = bytes.length;
  for (let i = a; i < n; i++) {
    const c = bytes[i];
    if (c === QUOTE) return i;
    if (c < 0x20 || c === BACKSLASH || c > 0x7e) return -1;
  }
  return -1;
}

/** The end of the run of bytes from `p` that may make a JSON number (JSON_NUMBER then checks its grammar). */
function numberEnd(bytes: Buffer, p: number): number {
  let c = bytes[p];
  while (c === 0x2d || c === 0x2b || c === 0x2e || c === 0x45 || c === 0x65 || (c >= 0x30 && c <= 0x39)) c = bytes[++p];
  return p;
}

/** The index in KEYS of the key (quotes included) at `p`, or −1: the one key its first two letters may start, if it is that key. */
function keyIndex(bytes: Buffer, p: number): number {
  const first = bytes[p + 1];
  const second = bytes[p + 2];
  const k = first === 0x73 ? (second === 0x72 ? SRC : second === 0x69 ? SIZE : START) : first === 0x64 ? DST : first === 0x70 ? PATH : first === 0x69 ? ID : first === 0x77 ? WEIGHT : CAP;
  return at(bytes, p, KEYS[k]) ? k : -1;
}

/** Whether `bytes` holds `what` from `p`. */
function at(bytes: Buffer, p: number, what: Uint8Array): boolean {
  if (p + what.length > bytes.length) return false;
  for (let i = 0; i < what.length; i++) if (bytes[p + i] !== what[i]) return false;
  return true;
}

/**
 * The strings of byte ranges of one buffer, each made once: a hash of the bytes finds the
 * string made before, which is compared with the bytes (a different string under the same
 * hash is made afresh, not kept).
 */
class NameTable {
  private readonly byHash = new Map<number, string>();
  constructor(private readonly bytes: Buffer) {}

  /** The string of `bytes[a … b)`. */
  get(a: number, b: number): string {
    const bytes = this.bytes;
    let h = b - a;
    for (let i = a; i < b; i++) h = (Math.imul(h, 31) + bytes[i]) | 0;
    const known = this.byHash.get(h);
    if (known !== undefined && known.length === b - a) {
      let same = true;
      for (let i = 0; i < known.length; i++) {
        if (known.charCodeAt(i) !== bytes[a + i]) {
          same = false;
          break;
        }
      }
      if (same) return known;
      return bytes.toString("latin1", a, b);
    }
    const made = bytes.toString("latin1", a, b);
    if (known === undefined) this.byHash.set(h, made);
    return made;
  }
}
