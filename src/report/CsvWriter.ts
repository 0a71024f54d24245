// CsvWriter: a streaming CSV writer that formats each cell once, straight into large chunks written to the file.
import { open, type FileHandle } from "node:fs/promises";
import { csvNumber } from "./csvNumber.js";
import { isFormulaLike } from "./csvSafeCell.js";
import { NumberCells } from "./NumberCells.js";

/** Characters of text kept as a string before they are encoded into a piece (64 KB of ASCII). */
const PIECE_CHARS = 1 << 16;
/** Bytes of encoded pieces buffered before they are written to the file (about 1 MB). */
const CHUNK_BYTES = 1 << 20;

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
 * chokepoint's options), without its per-row stream machinery: each cell is formatted once
 * and appended to a text piece, encoded every 64 KB and written to the file about a megabyte at a time.
 *
 * Bytes: a header line, then one line per row, every line ending in "\n" (the last one
 * too). A text cell is first neutralised when a spreadsheet would read it as a formula
 * (`'` prefixed, {@link isFormulaLike}); NUL characters are dropped; then it is quoted when
 * it holds a `"` (doubled inside), a comma, CR, LF or `|` — fast-csv's rule, whose pattern
 * `[,\n|\r|\n]` also matches `|`, kept so the bytes do not change. A number cell is
 * {@link csvNumber}'s text, which never needs either. `test/report/CsvWriter.test.ts` checks
 * random tables against fast-csv byte for byte.
 *
 * Use: `const w = await CsvWriter.create(path, headers)`, then per row the cells
 * ({@link text}, {@link number}) and {@link endRow}, awaiting {@link flush} when
 * {@link full}; finally {@link close}. On an error call {@link abort}; the partial file is
 * left behind (reports are written into a staging directory, see StagedDirectory).
 */
export class CsvWriter implements RowSink {
  /** Text of the current piece, appended cell by cell. */
  private chunk = "";
  /** Finished pieces, encoded: outside the JavaScript heap, so the collector never copies them. */
  private pieces: Buffer[] = [];
  private piecesBytes = 0;
  private first = true;
  /** Column of the next cell in the current row. */
  private column = 0;
  /** Number cells by column: a value repeated from the row above is not formatted again. */
  private readonly numbers = new NumberCells();

  private constructor(private readonly handle: FileHandle) {}

  /** Open (create or truncate) `path` and write the header line. */
  static async create(path: string, headers: readonly string[]): Promise<CsvWriter> {
    const w = new CsvWriter(await open(path, "w"));
    for (const h of headers) w.text(h);
    w.endRow();
    return w;
  }

  /** @inheritdoc */
  text(cell: string): void {
    if (isFormulaLike(cell)) cell = `'${cell}`;
    this.chunk += this.first ? quoted(cell) : `,${quoted(cell)}`;
    this.first = false;
    this.column++;
  }

  /** @inheritdoc */
  number(x: number): void {
    const cell = this.numbers.text(this.column++, x);
    this.chunk += this.first ? cell : `,${cell}`;
    this.first = false;
  }

  /** End the current row. */
  endRow(): void {
    this.chunk += "\n";
    this.first = true;
    this.column = 0;
    // A long string built by appending is a tree of thousands of small strings, which every
    // young-generation collection would copy while it lives: encode it early into a piece.
    if (this.chunk.length >= PIECE_CHARS) this.encodePiece();
  }

  /** Whether the buffered rows are large enough to be written ({@link flush}). */
  get full(): boolean {
    return this.piecesBytes >= CHUNK_BYTES;
  }

  /** Write the buffered rows to the file. */
  async flush(): Promise<void> {
    this.encodePiece();
    if (this.pieces.length === 0) return;
    const bytes = this.pieces.length === 1 ? this.pieces[0] : Buffer.concat(this.pieces, this.piecesBytes);
    this.pieces = [];
    this.piecesBytes = 0;
    let at = 0;
    while (at < bytes.length) at += (await this.handle.write(bytes, at, bytes.length - at)).bytesWritten;
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
      await this.handle.close();
    }
  }

  /** Close the file without writing what is buffered (after an error). */
  async abort(): Promise<void> {
    this.chunk = "";
    this.pieces = [];
    this.piecesBytes = 0;
    await this.handle.close();
  }

  private encodePiece(): void {
    if (this.chunk === "") return;
    const piece = Buffer.from(this.chunk, "utf8");
    this.chunk = "";
    this.pieces.push(piece);
    this.piecesBytes += piece.length;
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
 * number cells, `endRow` after each row, and a yield after each row or few, where the
 * buffered rows may be flushed): the table's numbers are formatted once, straight into the
 * file, with no array of cells per row.
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
