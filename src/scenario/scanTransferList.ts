// scanTransferList: read a JSON scenario's trailing list of plain transfers straight from the file's bytes, without JSON.parse making a document of them.
import { fastTransferSpec } from "./fastTransfers.js";
import type { TransferLoadSpec } from "./Scenario.js";

/** What {@link scanTransferList} splits a file into. */
export interface ScannedTransfers {
  /**
   * The file's text with the transfer list emptied: everything before the list's key, then
   * `"workloads":[]}`. Its JSON.parse is the file's, with `workloads` an empty list.
   */
  rest: string;
  /** The transfers' engine specs, in file order: what fastTransferSpec makes of each entry of the file's document. */
  transfers: TransferLoadSpec[];
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** The byte strings each entry is made of, in order, between its five strings and its path. */
const ENTRY_HEAD = bytesOf('{"transfer":{"id":"');
const SRC = bytesOf('","src":"');
const DST = bytesOf('","dst":"');
const SIZE = bytesOf('","size":"');
const START = bytesOf('","start":"');
const PATH = bytesOf('","path":["');
const KEY = '"workloads":[';

/**
 * The transfers of an ASCII JSON scenario file whose last top-level key is `workloads`,
 * a non-empty list of entries each written exactly as
 * `{"transfer":{"id":"…","src":"…","dst":"…","size":"…","start":"…","path":["…",…]}}`
 * (no spaces, these keys in this order, strings without escapes or control characters),
 * followed only by the closing `}` and white space: the list as bytes, read entry by entry
 * into the specs fastTransferSpec makes (each entry goes through fastTransferSpec, so
 * its checks and its spec are that function's), and the rest of the file as text. Undefined
 * for any other file, and for any entry fastTransferSpec refuses: the caller then reads the
 * file as a whole, and every message stays the document reader's.
 *
 * The split is safe only once `rest` parses: the caller must JSON.parse it and use this only
 * when that succeeds. `rest` then ends in a member `"workloads":[]` of the top-level mapping
 * (a key found inside a string or a nested mapping leaves `rest` unbalanced or unterminated),
 * and as the list's last member, it is the value JSON.parse keeps for a repeated key, as in
 * the whole file. The list adds four levels of nesting below the top level and no number.
 *
 * The ids of nodes (src, dst, the hops) are made once each and shared, as JSON.parse shares
 * short strings: 20,000 transfers name a fabric's ~1,000 hosts and switches over and over.
 */
export function scanTransferList(bytes: Buffer): ScannedTransfers | undefined {
  const keyAt = bytes.lastIndexOf(KEY, undefined, "latin1");
  if (keyAt < 0) return undefined;
  const n = bytes.length;
  const names = new NameTable(bytes);
  const hops: string[] = [];
  const transfers: TransferLoadSpec[] = [];
  let p = keyAt + KEY.length;
  for (;;) {
    // One entry: {"transfer":{"id":"…","src":"…","dst":"…","size":"…","start":"…","path":["…",…]}}
    if (!at(bytes, p, ENTRY_HEAD)) return undefined;
    let a = p + ENTRY_HEAD.length;
    let b = stringEnd(bytes, a);
    if (b < 0 || !at(bytes, b, SRC)) return undefined;
    const id = bytes.toString("latin1", a, b);
    a = b + SRC.length;
    b = stringEnd(bytes, a);
    if (b < 0 || !at(bytes, b, DST)) return undefined;
    const src = names.get(a, b);
    a = b + DST.length;
    b = stringEnd(bytes, a);
    if (b < 0 || !at(bytes, b, SIZE)) return undefined;
    const dst = names.get(a, b);
    a = b + SIZE.length;
    b = stringEnd(bytes, a);
    if (b < 0 || !at(bytes, b, START)) return undefined;
    const size = bytes.toString("latin1", a, b);
    a = b + START.length;
    b = stringEnd(bytes, a);
    if (b < 0 || !at(bytes, b, PATH)) return undefined;
    const start = bytes.toString("latin1", a, b);
    a = b + PATH.length;
    let hopCount = 0;
    for (;;) {
      b = stringEnd(bytes, a);
      if (b < 0) return undefined;
      hops[hopCount++] = names.get(a, b);
      // After a hop's closing quote: `,"` and the next hop, or `]}}` and the entry's end.
      if (bytes[b + 1] === 0x2c && bytes[b + 2] === QUOTE) a = b + 3;
      else if (bytes[b + 1] === 0x5d && bytes[b + 2] === 0x7d && bytes[b + 3] === 0x7d) break;
      else return undefined;
    }
    p = b + 4;
    // The entry as JSON.parse would make it, checked and turned into its spec by fastTransferSpec (the path, an exact-length copy, becomes the spec's).
    const spec = fastTransferSpec({ transfer: { id, src, dst, size, start, path: hops.slice(0, hopCount) } }, true);
    if (spec === undefined) return undefined;
    transfers.push(spec);
    if (bytes[p] === 0x2c) p++;
    else if (bytes[p] === 0x5d) break;
    else return undefined;
  }
  // The list's `]`, then the top-level mapping's `}`, then only white space.
  if (bytes[++p] !== 0x7d) return undefined;
  for (p++; p < n; p++) {
    const c = bytes[p];
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) return undefined;
  }
  return { rest: `${bytes.toString("latin1", 0, keyAt)}"workloads":[]}`, transfers };
}

/**
 * The end (index of the closing quote) of the JSON string whose characters start at `a`, or
 * −1 if it is empty, or holds an escape, a control character or a non-ASCII byte (the
 * document reader's cases), or does not end.
 */
function stringEnd(bytes: Buffer, a: number): number {
  const n = bytes.length;
  for (let i = a; i < n; i++) {
    const c = bytes[i];
    if (c === QUOTE) return i > a ? i : -1;
    if (c < 0x20 || c === BACKSLASH || c > 0x7e) return -1;
  }
  return -1;
}

/** Whether `bytes` holds `what` from `p`. */
function at(bytes: Buffer, p: number, what: Uint8Array): boolean {
  if (p + what.length > bytes.length) return false;
  for (let i = 0; i < what.length; i++) if (bytes[p + i] !== what[i]) return false;
  return true;
}

function bytesOf(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
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
