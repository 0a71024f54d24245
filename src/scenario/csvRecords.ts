// csvRecords: read a CSV file record by record, in chunks of bytes and synchronously, knowing where each cell starts (RFC 4180, as fast-csv reads it).
import { closeSync, openSync, readSync } from "node:fs";

/** Bytes read from the file at a time (a record longer than this grows the buffer). */
const CHUNK_BYTES = 4 << 20;

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
const HASH = 35;

/** Where a CSV problem is, and what: `fail(line, column, message)` throws, naming the file. */
export type CsvFail = (line: number, column: number, message: string) => never;

/**
 * One record of a CSV file, valid only during the callback it is passed to (the next
 * record reuses it): its cells are byte ranges of `bytes`, so a caller can look at a
 * cell's bytes (hash a name, parse a number) without making a string of it.
 */
export class CsvRecord {
  /** The bytes the ranges refer to. */
  bytes: Buffer = Buffer.alloc(0);
  /** Number of cells. */
  count = 0;
  /** Index of the record among the file's records (blank and comment lines not counted), from 0. */
  index = -1;
  /** The cell's text: bytes [start, end) — inside the quotes of a quoted cell. */
  start = new Int32Array(16);
  end = new Int32Array(16);
  /** 1 for a quoted cell holding doubled quotes ("") that stand for one. */
  escaped = new Uint8Array(16);
  /** Where the cell begins (its opening quote, if quoted): byte offset, line (from 1) and the byte offset of that line's start. */
  at = new Int32Array(16);
  line = new Int32Array(16);
  lineStart = new Int32Array(16);

  /** Cell `k` as a string (quotes undone). */
  text(k: number): string {
    const s = this.bytes.toString("utf8", this.start[k], this.end[k]);
    return this.escaped[k] ? s.replace(/""/g, '"') : s;
  }

  /** Column (from 1, in characters) where cell `k` begins on its line. */
  column(k: number): number {
    return this.bytes.toString("utf8", this.lineStart[k], this.at[k]).length + 1;
  }

  /** Make room for `n` cells. */
  reserve(n: number): void {
    if (n <= this.start.length) return;
    const size = Math.max(n, this.start.length * 2);
    const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size);
      b.set(a);
      return b;
    };
    this.start = grow(this.start);
    this.end = grow(this.end);
    this.escaped = grow(this.escaped);
    this.at = grow(this.at);
    this.line = grow(this.line);
    this.lineStart = grow(this.lineStart);
  }
}

/** What {@link parseRecord} found at the position it was given. */
const enum Found {
  Record,
  Skipped,
  NeedMore,
  End,
}

/**
 * Call `onRecord` for every record of the CSV file at `path`, in order. Cells are separated
 * by commas, records by LF, CRLF or CR; a cell may be quoted ("…", a quote inside doubled),
 * and may then hold commas and line breaks. Blank lines, lines that start with `#` and
 * records whose cells are all blank are skipped, as fast-csv does with `ignoreEmpty` and
 * `comment: "#"` (`test/scenario/csvRecords.test.ts` checks that on random files); a UTF-8
 * byte-order mark is dropped. Cells are kept as written (fast-csv drops the spaces of a
 * blank first cell and of a cell's start before a quote). Where fast-csv would guess — a
 * quote inside an unquoted cell, text after a closing quote, a quote never closed — `fail`
 * is called with the line and column. The file is read in chunks of `chunkBytes` (4 MiB), so its size does not matter.
 */
export function forEachCsvRecord(path: string, onRecord: (record: CsvRecord) => void, fail: CsvFail, chunkBytes = CHUNK_BYTES): void {
  const fd = openSync(path, "r");
  try {
    new CsvReader(fd, fail, chunkBytes).run(onRecord);
  } finally {
    closeSync(fd);
  }
}

class CsvReader {
  private buf: Buffer;
  /** Bytes of `buf` holding file data. */
  private filled = 0;
  private eof = false;
  /** Parse position, current line (from 1) and the offset of its start in `buf`. */
  private pos = 0;
  private line = 1;
  private lineStart = 0;
  private readonly record = new CsvRecord();

  constructor(
    private readonly fd: number,
    private readonly fail: CsvFail,
    chunkBytes: number,
  ) {
    this.buf = Buffer.allocUnsafe(chunkBytes);
  }

  run(onRecord: (record: CsvRecord) => void): void {
    // Enough bytes to see a byte-order mark.
    do this.read();
    while (this.filled < 3 && !this.eof);
    if (this.filled >= 3 && this.buf[0] === 0xef && this.buf[1] === 0xbb && this.buf[2] === 0xbf) {
      this.pos = 3;
      this.lineStart = 3;
    }
    let index = 0;
    for (;;) {
      const startPos = this.pos;
      const startLine = this.line;
      const startLineStart = this.lineStart;
      const found = this.parseRecord();
      if (found === Found.End) return;
      if (found === Found.NeedMore) {
        // The record goes on past the bytes read: keep it, read more and parse it again.
        this.pos = startPos;
        this.line = startLine;
        this.lineStart = startLineStart;
        this.read();
        continue;
      }
      if (found === Found.Record) {
        this.record.index = index++;
        this.record.bytes = this.buf;
        onRecord(this.record);
      }
    }
  }

  /** Move the unparsed bytes to the front of the buffer (growing it if they fill it) and read more after them. */
  private read(): void {
    const keep = this.filled - this.pos;
    if (this.pos > 0) {
      this.buf.copyWithin(0, this.pos, this.filled);
      this.lineStart -= this.pos;
      this.pos = 0;
      this.filled = keep;
    } else if (this.filled === this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.filled);
      this.buf = bigger;
    }
    while (this.filled < this.buf.length) {
      const n = readSync(this.fd, this.buf, this.filled, this.buf.length - this.filled, null);
      if (n === 0) {
        this.eof = true;
        break;
      }
      this.filled += n;
    }
  }

  /** The character column (from 1) of byte offset `at` on the line starting at `lineStart`. */
  private columnOf(lineStart: number, at: number): number {
    return this.buf.toString("utf8", lineStart, at).length + 1;
  }

  /** Parse the record (or blank or comment line) at `pos`, advancing past it. */
  private parseRecord(): Found {
    const b = this.buf;
    const filled = this.filled;
    let p = this.pos;
    if (p >= filled) return this.eof ? Found.End : Found.NeedMore;
    const c0 = b[p];
    if (c0 === LF || c0 === CR || c0 === HASH) {
      // A blank or comment line.
      let e = p;
      while (e < filled && b[e] !== LF && b[e] !== CR) e++;
      return this.endLine(e) ? Found.Skipped : Found.NeedMore;
    }
    const r = this.record;
    let k = 0;
    for (;;) {
      r.reserve(k + 1);
      r.at[k] = p;
      r.line[k] = this.line;
      r.lineStart[k] = this.lineStart;
      if (p < filled && b[p] === QUOTE) {
        let q = p + 1;
        let escaped = 0;
        let close = -1;
        while (close < 0) {
          const j = b.indexOf(QUOTE, q);
          if (j < 0 || j >= filled) {
            if (!this.eof) return Found.NeedMore;
            this.countLines(q, filled);
            return this.fail(r.line[k], this.columnOf(r.lineStart[k], p), "a quoted cell is never closed (a quote opens it, none ends it)");
          }
          this.countLines(q, j);
          if (j + 1 >= filled && !this.eof) return Found.NeedMore;
          if (j + 1 < filled && b[j + 1] === QUOTE) {
            escaped = 1;
            q = j + 2;
          } else close = j;
        }
        r.start[k] = p + 1;
        r.end[k] = close;
        r.escaped[k] = escaped;
        p = close + 1;
        if (p < filled && b[p] !== COMMA && b[p] !== LF && b[p] !== CR) {
          return this.fail(this.line, this.columnOf(this.lineStart, p), "text after the closing quote of a cell — a quoted cell ends at its closing quote");
        }
      } else {
        const s = p;
        while (p < filled) {
          const c = b[p];
          if (c === COMMA || c === LF || c === CR) break;
          if (c === QUOTE) {
            return this.fail(this.line, this.columnOf(this.lineStart, p), 'a quote inside an unquoted cell — quote the whole cell ("…") and double the quotes inside');
          }
          p++;
        }
        r.start[k] = s;
        r.end[k] = p;
        r.escaped[k] = 0;
      }
      k++;
      if (p >= filled) {
        if (!this.eof) return Found.NeedMore;
        break;
      }
      if (b[p] === COMMA) {
        p++;
        continue;
      }
      break;
    }
    r.count = k;
    if (!this.endLine(p)) return Found.NeedMore;
    return this.blank(r) ? Found.Skipped : Found.Record;
  }

  /** Whether every cell of `r` is empty or white space (ASCII: space, tab, line breaks, vertical tab, form feed). */
  private blank(r: CsvRecord): boolean {
    const b = this.buf;
    for (let k = 0; k < r.count; k++) {
      for (let i = r.start[k]; i < r.end[k]; i++) {
        const c = b[i];
        if (c !== 32 && (c < 9 || c > 13)) return false;
      }
    }
    return true;
  }

  /** Step over the line break at `p` (or the end of the file); false when the bytes read end inside it. */
  private endLine(p: number): boolean {
    const b = this.buf;
    if (p >= this.filled) {
      if (!this.eof) return false;
      this.pos = p;
      return true;
    }
    if (b[p] === CR) {
      if (p + 1 >= this.filled && !this.eof) return false;
      p += p + 1 < this.filled && b[p + 1] === LF ? 2 : 1;
    } else p++;
    this.line++;
    this.lineStart = p;
    this.pos = p;
    return true;
  }

  /** Count the line breaks of a quoted cell's bytes [from, to) into the line position. */
  private countLines(from: number, to: number): void {
    const b = this.buf;
    for (let i = from; i < to; i++) {
      const c = b[i];
      if (c === LF || (c === CR && !(i + 1 < to && b[i + 1] === LF))) {
        this.line++;
        this.lineStart = i + 1;
      }
    }
  }
}
