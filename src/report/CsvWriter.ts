// CsvWriter: a streaming CSV writer that formats each cell once, straight into large chunks written to the file.
import { closeSync, openSync, writeSync } from "node:fs";
import { CSV_NUMBER_MAX_BYTES, csvNumber, writeCsvNumber } from "./csvNumber.js";
import { isFormulaLike } from "./csvSafeCell.js";

/** Bytes of rows buffered before they are written to the file (about 1 MB). */
const CHUNK_BYTES = 1 << 20;
/** Bytes of the buffer at first (it doubles as rows fill it: a one-row file keeps a small one). */
const FIRST_BYTES = 1 << 16;

/**
 * The buffer of the last {@link CsvWriter} closed (or aborted), which the next one created
 * takes instead of allocating its own: a run writes its reports one file after the other,
 * and each writer's buffer grew to about 2 MB by doubling. A buffer of 128 KB or more is
 * memory mapped afresh by malloc, and each of its pages costs a page fault at its first
 * write (~13 µs of system time each on the 2-core machine), so the k=16 20,000-flow run's
 * seven large reports touched about 3,000 new pages; with the spare, the first file's
 * buffer serves them all. Holds at most one buffer (the largest given back); its bytes
 * are never read before being written again.
 */
let spareBuffer: Buffer | undefined;
/** A closed writer's buffer: writing into it fails (the old buffer may be another writer's by then). */
const EMPTY = Buffer.alloc(0);

/** A buffer for a new writer: the spare one if there is one, else a new small one. */
function takeBuffer(): Buffer {
  const b = spareBuffer ?? Buffer.allocUnsafe(FIRST_BYTES);
  spareBuffer = undefined;
  return b;
}

/** Give a closed writer's buffer back (kept if it is the largest given back since the last was taken). */
function giveBuffer(b: Buffer): void {
  if (!spareBuffer || b.length > spareBuffer.length) spareBuffer = b;
}

/** Where cells of a row go: a {@link CsvWriter}, or an array of cells (tests, `rows()` generators). */
export interface CellSink {
  /** A text cell (an id, a name): neutralised if formula-like, quoted if needed. */
  text(cell: string): void;
  /** A number cell, formatted by {@link csvNumber} (an empty cell for NaN and ±Infinity). */
  number(x: number): void;
}

/** A {@link CellSink} that also ends rows: where a table writes itself ({@link streamTable}). */
export interface RowSink extends CellSink {
  /** End the current row. */
  endRow(): void;
  /**
   * Whether the rows buffered so far are to be written out before more come (a
   * {@link CsvWriter}'s {@link CsvWriter.full}): a table may yield only then, rather than
   * after every row (a generator resumed 200,000 times costs more than the rows' bytes).
   * Absent or false: no yield is needed.
   */
  readonly full?: boolean;
}

/**
 * The rows `emit` writes into a sink, collected as arrays of text cells (the cells `writeCsv`
 * takes, and {@link streamCsv} writes the same bytes from): for tests and `rows()` functions.
 */
export function tableRows(emit: (sink: RowSink) => Iterable<unknown>): string[][] {
  const rows: string[][] = [];
  const cells = new CellArray();
  const sink: RowSink = { text: (c) => cells.text(c), number: (x) => cells.number(x), endRow: () => void rows.push(cells.take()) };
  for (const _ of emit(sink));
  return rows;
}

/** A {@link CellSink} that collects a row's cells as strings, as `writeCsv` would receive them. */
export class CellArray implements CellSink {
  cells: string[] = [];
  text(cell: string): void {
    this.cells.push(cell);
  }
  number(x: number): void {
    this.cells.push(csvNumber(x));
  }
  /** The collected cells; the sink starts a new row. */
  take(): string[] {
    const cells = this.cells;
    this.cells = [];
    return cells;
  }
}

/**
 * Writes a CSV file row by row with the exact bytes of `writeCsv` (fast-csv with
 * chokepoint's options), without its per-row stream machinery: each cell is written once,
 * as bytes, straight into a buffer written to the file about a megabyte at a time — a
 * number's digits by {@link writeCsvNumber} and an ASCII text cell character by character,
 * with no string made per cell or per row. A cell equal to the one above it (the same text,
 * or a number `===` to it), or a number equal to the row's last number cell, is copied from
 * the bytes written for that one while they are still in the buffer: a cell's bytes depend
 * on its value only, and report rows repeat a lot down a column (a workload's id over its
 * tiers) and along a row (a one-flow workload's mean and percentiles).
 *
 * Bytes: a header line, then one line per row, every line ending in "\n" (the last one
 * too). A text cell is first neutralised when a spreadsheet would read it as a formula
 * (`'` prefixed, {@link isFormulaLike}); NUL characters are dropped; then it is quoted when
 * it holds a `"` (doubled inside), a comma, CR, LF or `|` — fast-csv's rule, whose pattern
 * `[,\n|\r|\n]` also matches `|`, kept so the bytes do not change — and written as UTF-8. A number cell is
 * {@link csvNumber}'s text, which never needs either. `test/report/CsvWriter.test.ts` checks
 * random tables against fast-csv byte for byte.
 *
 * Use: `const w = await CsvWriter.create(path, headers)`, then per row the cells
 * ({@link text}, {@link number}) and {@link endRow}, awaiting {@link flush} when
 * {@link full}; finally {@link close}. On an error call {@link abort}; the partial file is
 * left behind (reports are written into a staging directory, see StagedDirectory).
 */
export class CsvWriter implements RowSink {
  /** The rows written since the last flush, as bytes: `buffer[0 … at)`. */
  private buffer: Buffer = takeBuffer();
  private at = 0;
  /** Column of the next cell in the current row. */
  private column = 0;
  /**
   * The last cell of each column, so that a cell equal to the one above it is copied from the
   * bytes written then instead of written again (report rows repeat a lot down a column): its
   * number (NaN if it was text; compared with `===`, so NaN is never equal, and 0 and −0, which
   * both write "0", are), or its text (undefined if it was a number), and where its bytes are in
   * the buffer (−1 once they were flushed: the buffer is then reused).
   */
  private lastNumber = new Float64Array(0);
  private lastText: Array<string | undefined> = [];
  private lastAt = new Int32Array(0);
  private lastLength = new Int32Array(0);
  /** The current row's last number cell and where its bytes are (−1: none yet), for a number repeated along a row. */
  private rowNumber = NaN;
  private rowNumberAt = -1;
  private rowNumberLength = 0;

  private constructor(private readonly fd: number) {}

  /**
   * Open (create or truncate) `path` and write the header line. The file is opened,
   * written and closed with synchronous calls: a report is written by one task with
   * nothing to overlap, and each awaited call would wait for a libuv worker thread and an
   * event-loop turn (on a loaded machine, a scheduling delay each).
   */
  static async create(path: string, headers: readonly string[]): Promise<CsvWriter> {
    const w = new CsvWriter(openSync(path, "w"));
    for (const h of headers) w.text(h);
    w.endRow();
    return w;
  }

  /** @inheritdoc */
  text(cell: string): void {
    const col = this.column++;
    const n = cell.length;
    if (this.at + n + 1 > this.buffer.length) this.room(n + 1);
    if (col >= this.lastAt.length) this.addColumns(col + 1);
    const buf = this.buffer;
    let at = this.at;
    if (col > 0) buf[at++] = 44; // ,
    const from = this.lastAt[col];
    if (cell === this.lastText[col] && from >= 0) {
      const len = this.lastLength[col];
      for (let i = 0; i < len; i++) buf[at + i] = buf[from + i];
      this.lastAt[col] = at;
      this.at = at + len;
      return;
    }
    this.lastText[col] = cell;
    this.lastNumber[col] = NaN;
    this.lastAt[col] = at;
    const c0 = n > 0 ? cell.charCodeAt(0) : 0;
    // = + - @ tab CR may make a formula (isFormulaLike decides): the general path.
    if (c0 !== 61 && c0 !== 43 && c0 !== 45 && c0 !== 64 && c0 !== 9 && c0 !== 13) {
      // Plain ASCII without " , | LF CR NUL: the characters are the bytes.
      let i = 0;
      for (; i < n; i++) {
        const c = cell.charCodeAt(i);
        if (c > 127 || c === 34 || c === 44 || c === 124 || c === 10 || c === 13 || c === 0) break;
        buf[at + i] = c;
      }
      if (i === n) {
        this.lastLength[col] = n;
        this.at = at + n;
        return;
      }
    }
    this.at = at;
    const text = quoted(isFormulaLike(cell) ? `'${cell}` : cell);
    this.room(Buffer.byteLength(text, "utf8"));
    // room() may have moved the bytes into a bigger buffer, at the same offsets.
    this.at += this.buffer.write(text, this.at, "utf8");
    this.lastLength[col] = this.at - at;
  }

  /** @inheritdoc */
  number(x: number): void {
    const col = this.column++;
    if (this.at + CSV_NUMBER_MAX_BYTES + 1 > this.buffer.length) this.room(CSV_NUMBER_MAX_BYTES + 1);
    if (col >= this.lastAt.length) this.addColumns(col + 1);
    const buf = this.buffer;
    let at = this.at;
    if (col > 0) buf[at++] = 44; // ,
    // The number of the cell above, or of the row's last number cell: its bytes copied.
    let from = this.lastAt[col];
    let len = this.lastLength[col];
    if (!(x === this.lastNumber[col] && from >= 0)) {
      from = this.rowNumberAt;
      len = this.rowNumberLength;
      if (!(x === this.rowNumber && from >= 0)) {
        const end = writeCsvNumber(buf, at, x);
        this.lastNumber[col] = x;
        this.lastText[col] = undefined;
        this.lastAt[col] = at;
        this.lastLength[col] = end - at;
        this.rowNumber = x;
        this.rowNumberAt = at;
        this.rowNumberLength = end - at;
        this.at = end;
        return;
      }
    }
    for (let i = 0; i < len; i++) buf[at + i] = buf[from + i];
    this.lastNumber[col] = x;
    this.lastText[col] = undefined;
    this.lastAt[col] = at;
    this.lastLength[col] = len;
    this.at = at + len;
  }

  /** End the current row. */
  endRow(): void {
    this.room(1);
    this.buffer[this.at++] = 10; // \n
    this.column = 0;
    this.rowNumberAt = -1;
  }

  /** Whether the buffered rows are large enough to be written ({@link flush}). */
  get full(): boolean {
    return this.at >= CHUNK_BYTES;
  }

  /** Write the buffered rows to the file (the buffer is reused once they are written). */
  async flush(): Promise<void> {
    const bytes = this.at;
    let at = 0;
    while (at < bytes) at += writeSync(this.fd, this.buffer, at, bytes - at);
    this.at = 0;
    // The buffer is reused: no cell's bytes are left to copy.
    this.lastAt.fill(-1);
    this.rowNumberAt = -1;
  }

  /** Write `rows` of text cells (as `writeCsv` takes them), each row cut or padded to `columns` cells as fast-csv does with headers. */
  async rows(rows: Iterable<readonly string[]>, columns: number): Promise<void> {
    for (const row of rows) {
      for (let i = 0; i < columns; i++) this.text(row[i] ?? "");
      this.endRow();
      if (this.full) await this.flush();
    }
  }

  /** Write what is buffered and close the file. */
  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      closeSync(this.fd);
      this.release();
    }
  }

  /** Close the file without writing what is buffered (after an error). */
  async abort(): Promise<void> {
    this.at = 0;
    closeSync(this.fd);
    this.release();
  }

  /** Hand the buffer to the next writer ({@link takeBuffer}); this one writes nothing more. */
  private release(): void {
    giveBuffer(this.buffer);
    this.buffer = EMPTY;
  }

  /** Make room for `bytes` more bytes after {@link at} (a row longer than the buffer grows it). */
  private room(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(2 * this.buffer.length, this.at + bytes));
    this.buffer.copy(bigger, 0, 0, this.at);
    this.buffer = bigger;
  }

  /** Room for the last cell of `columns` columns (none of the new ones written yet). */
  private addColumns(columns: number): void {
    const lastNumber = new Float64Array(columns).fill(NaN);
    const lastAt = new Int32Array(columns).fill(-1);
    const lastLength = new Int32Array(columns);
    lastNumber.set(this.lastNumber);
    lastAt.set(this.lastAt);
    lastLength.set(this.lastLength);
    this.lastNumber = lastNumber;
    this.lastAt = lastAt;
    this.lastLength = lastLength;
    while (this.lastText.length < columns) this.lastText.push(undefined);
  }
}

/** `cell` as fast-csv writes it: NULs dropped, quoted when it holds a quote, comma, CR, LF or `|`. */
function quoted(cell: string): string {
  let special = false;
  for (let i = 0; i < cell.length; i++) {
    const c = cell.charCodeAt(i);
    // " , | LF CR NUL
    if (c === 34 || c === 44 || c === 124 || c === 10 || c === 13 || c === 0) {
      special = true;
      break;
    }
  }
  if (!special) return cell;
  const text = cell.indexOf("\0") >= 0 ? cell.replace(/\0/g, "") : cell;
  if (text.indexOf('"') >= 0) return `"${text.replace(/"/g, '""')}"`;
  return /[,\n\r|]/.test(text) ? `"${text}"` : text;
}

/**
 * Write `headers` and `rows` (cells already formatted) to `path` with a {@link CsvWriter}:
 * the same bytes as `writeCsv`, for tables whose rows grow with the run (flows, links,
 * workloads, requests). Rows are pulled lazily.
 */
export async function streamCsv(path: string, headers: readonly string[], rows: Iterable<readonly string[]>): Promise<void> {
  await writeWith(path, headers, (w) => w.rows(rows, headers.length));
}

/**
 * Write `headers` and the table `emit` writes into the file's {@link CsvWriter} (text and
 * number cells, `endRow` after each row, and a yield where the buffered rows may be flushed:
 * after each row or few, or only when the sink is {@link RowSink.full}): the table's numbers
 * are formatted once, straight into the file, with no array of cells per row.
 */
export async function streamTable(path: string, headers: readonly string[], emit: (sink: RowSink) => Iterable<unknown>): Promise<void> {
  await writeWith(path, headers, async (w) => {
    for (const _ of emit(w)) if (w.full) await w.flush();
  });
}

/** Open a {@link CsvWriter} on `path`, let `fill` write the rows, and close it (aborting on an error). */
export async function writeWith(path: string, headers: readonly string[], fill: (w: CsvWriter) => Promise<void>): Promise<void> {
  const w = await CsvWriter.create(path, headers);
  try {
    await fill(w);
  } catch (err) {
    await w.abort();
    throw err;
  }
  await w.close();
}
