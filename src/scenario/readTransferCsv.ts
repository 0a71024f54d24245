// readTransferCsv: read a CSV file of transfers (id, src, dst, size, start, optional path) into columns, refusing each mistake with its line and column.
import { statSync } from "node:fs";
import { closest } from "../core/closest.js";
import { grown } from "../core/grown.js";
import type { TransferList } from "../workloads/specs.js";
import { forEachCsvRecord, type CsvRecord } from "./csvRecords.js";
import { NameTable } from "./NameTable.js";
import { readQuantity } from "./schemaParts.js";

/** The columns a transfers file may have, as named in its header. */
export const TRANSFER_COLUMNS = ["id", "src", "dst", "size", "size_bytes", "start", "start_s", "path"] as const;
/** A column of a transfers file. */
export type TransferColumn = (typeof TRANSFER_COLUMNS)[number];

const EXPECTED = "a transfers file has the columns id, src, dst, size (or size_bytes), start (or start_s) and optionally path";

/** Where a problem is: "" (the file), or "line:column (name)" of a cell. */
export type TransferCsvFail = (where: string, message: string) => never;

/** A transfer list read from a file, with the way back from a row to the file for later messages. */
export interface TransferCsv {
  list: TransferList;
  /**
   * Where row `row`'s cell `column` is in the file, "line:column (name)" — of its `hop`-th
   * node for the path — for messages about it after reading (unknown nodes, broken paths).
   * Reads the file again up to that row.
   */
  locate(row: number, column: "id" | "src" | "dst" | "path", hop?: number): string;
}

/** Thrown to stop reading once the located record is found. */
class Found {
  constructor(readonly where: string) {}
}

/**
 * Read the transfers file at `path`. The first record is the header: `id`, `src`, `dst`,
 * `size` (with a unit, "1.5MB", as in a scenario) or `size_bytes` (a whole number of
 * bytes), `start` (with a unit, "10ms") or `start_s` (a number of seconds), and optionally
 * `path` (node ids separated by spaces, source first; an empty cell routes the row on
 * shortest paths), in any order. Each later record is one transfer. Ids must be unique in
 * the file. Cells are read as bytes (see {@link forEachCsvRecord} and {@link NameTable}), so
 * a million rows take about a second. Every problem calls `fail` with the cell's
 * "line:column (name)" and one sentence; more than `maxRows` rows is refused as too large.
 */
export function readTransferCsv(path: string, fail: TransferCsvFail, maxRows: number): TransferCsv {
  let isFile = true;
  try {
    isFile = statSync(path).isFile();
  } catch (e) {
    fail("", `cannot read the file (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  // Outside the try: fail throws, and its sentence must not be wrapped in "cannot read the file (…)".
  if (!isFile) fail("", "is not a file");
  const header = new Map<TransferColumn, number>();
  let headerLine = 0;
  const ids = new NameTable();
  const nodes = new NameTable();
  let cap = 1024;
  let src = new Int32Array(cap);
  let dst = new Int32Array(cap);
  let sizeBytes = new Float64Array(cap);
  let startS = new Float64Array(cap);
  let pathStart = new Int32Array(cap + 1);
  let pathNodes = new Int32Array(cap);
  let hops = 0;
  let rows = 0;
  let cells = 0;
  let col = { id: 0, src: 0, dst: 0, size: 0, start: 0, path: -1 };
  let sizeUnits = true;
  let startUnits = true;
  const at = (r: CsvRecord, k: number) => `${r.line[k]}:${r.column(k)} (${[...header].find(([, i]) => i === k)?.[0] ?? "?"})`;
  const csvFail = (line: number, column: number, message: string): never => fail(`${line}:${column}`, message);
  forEachCsvRecord(
    path,
    (r) => {
      if (r.index === 0) {
        headerLine = r.line[0];
        readHeader(r, header, fail);
        cells = r.count;
        col = { id: header.get("id")!, src: header.get("src")!, dst: header.get("dst")!, size: 0, start: 0, path: header.get("path") ?? -1 };
        sizeUnits = header.has("size");
        startUnits = header.has("start");
        col.size = header.get(sizeUnits ? "size" : "size_bytes")!;
        col.start = header.get(startUnits ? "start" : "start_s")!;
        return;
      }
      if (r.count !== cells) {
        fail(`${r.line[0]}:1`, `expected ${cells} cells (${[...header.keys()].join(", ")}), found ${r.count}`);
      }
      if (rows === maxRows) {
        fail(`${r.line[0]}:1`, `more than ${maxRows.toLocaleString("en-US")} transfers — too large to simulate in the memory this process may use (docs/scenarios.md, Limits)`);
      }
      const i = rows++;
      if (i === cap) {
        cap *= 2;
        src = grown(src, cap);
        dst = grown(dst, cap);
        sizeBytes = grown(sizeBytes, cap);
        startS = grown(startS, cap);
        pathStart = grown(pathStart, cap + 1);
      }
      const id = intern(ids, r, col.id);
      if (id < 0) fail(at(r, col.id), "an id must not be empty");
      if (id !== i) fail(at(r, col.id), `transfer id "${ids.names[id]}" is used twice (ids must be unique in the file)`);
      src[i] = intern(nodes, r, col.src);
      if (src[i] < 0) fail(at(r, col.src), "a node id must not be empty");
      dst[i] = intern(nodes, r, col.dst);
      if (dst[i] < 0) fail(at(r, col.dst), "a node id must not be empty");
      sizeBytes[i] = sizeUnits ? quantityCell(r, col.size, "size", at, fail) : bytesCell(r, col.size, at, fail);
      startS[i] = startUnits ? quantityCell(r, col.start, "time", at, fail) : secondsCell(r, col.start, at, fail);
      if (col.path >= 0) {
        const first = hops;
        const b = r.bytes;
        let text = b;
        let s = r.start[col.path];
        let e = r.end[col.path];
        if (r.escaped[col.path]) {
          text = Buffer.from(r.text(col.path));
          s = 0;
          e = text.length;
        }
        let p = s;
        while (p < e) {
          while (p < e && (text[p] === 32 || text[p] === 9)) p++;
          if (p === e) break;
          const h = p;
          while (p < e && text[p] !== 32 && text[p] !== 9) p++;
          if (hops === pathNodes.length) pathNodes = grown(pathNodes, 2 * hops);
          pathNodes[hops++] = nodes.intern(text, h, p);
        }
        if (hops - first === 1) fail(at(r, col.path), "a path lists at least the source and the destination (node ids separated by spaces)");
      }
      pathStart[i + 1] = hops;
    },
    csvFail,
  );
  if (headerLine === 0) fail("", `the file is empty — ${EXPECTED}, in a header row`);
  if (rows === 0) fail("", `the file has a header but no transfers — ${EXPECTED}, and one row per transfer`);
  const list: TransferList = {
    count: rows,
    ids: ids.names,
    nodes: nodes.names,
    src: src.slice(0, rows),
    dst: dst.slice(0, rows),
    sizeBytes: sizeBytes.slice(0, rows),
    startS: startS.slice(0, rows),
  };
  if (hops > 0) {
    list.pathStart = pathStart.slice(0, rows + 1);
    list.pathNodes = pathNodes.slice(0, hops);
  }
  return { list, locate: (row, column, hop) => locate(path, header, row, column, hop) };
}

/** Check the header record and note each column's position. */
function readHeader(r: CsvRecord, header: Map<TransferColumn, number>, fail: TransferCsvFail): void {
  for (let k = 0; k < r.count; k++) {
    const name = r.text(k).trim();
    const where = `${r.line[k]}:${r.column(k)}`;
    if (!(TRANSFER_COLUMNS as readonly string[]).includes(name)) {
      const near = closest(name, TRANSFER_COLUMNS);
      fail(where, `unknown column "${name}"${near ? ` (did you mean "${near}"?)` : ""} — ${EXPECTED}`);
    }
    const column = name as TransferColumn;
    if (header.has(column)) fail(where, `column "${name}" appears twice`);
    const twin = column === "size" ? "size_bytes" : column === "size_bytes" ? "size" : column === "start" ? "start_s" : column === "start_s" ? "start" : undefined;
    if (twin && header.has(twin)) {
      const [withUnit, bare] = column.endsWith("_s") || column.endsWith("_bytes") ? [twin, column] : [column, twin];
      fail(where, `give one of ${withUnit} (with a unit) or ${bare} (a bare number), not both`);
    }
    header.set(column, k);
  }
  const missing = (["id", "src", "dst"] as const).find((c) => !header.has(c)) ?? (!header.has("size") && !header.has("size_bytes") ? "size" : !header.has("start") && !header.has("start_s") ? "start" : undefined);
  if (missing) fail(`${r.line[0]}:1`, `missing column "${missing}" — ${EXPECTED}`);
}

/** The number in `table` of cell `k`'s text, or −1 for an empty cell. */
function intern(table: NameTable, r: CsvRecord, k: number): number {
  if (r.end[k] === r.start[k]) return -1;
  if (!r.escaped[k]) return table.intern(r.bytes, r.start[k], r.end[k]);
  const b = Buffer.from(r.text(k));
  return table.intern(b, 0, b.length);
}

type At = (r: CsvRecord, k: number) => string;

/** A size or time with a unit, read as the scenario reads one (≥ 0); a bare number is pointed to the column that takes it. */
function quantityCell(r: CsvRecord, k: number, kind: "size" | "time", at: At, fail: TransferCsvFail): number {
  const q = readQuantity(r.text(k), kind, "nonnegative");
  if (q.ok) return q.value;
  const bare = Number.isFinite(plainNumber(r, k)) ? `, or name the column ${kind === "size" ? "size_bytes to give bare bytes" : "start_s to give bare seconds"}` : "";
  return fail(at(r, k), q.reason + bare);
}

/** A whole number of bytes ≥ 0 (size_bytes). */
function bytesCell(r: CsvRecord, k: number, at: At, fail: TransferCsvFail): number {
  const x = plainNumber(r, k);
  if (!(x >= 0 && Number.isInteger(x))) fail(at(r, k), `${JSON.stringify(r.text(k))} is not a whole number of bytes ≥ 0 (size_bytes takes a bare number, e.g. 1500)`);
  return x;
}

/** A number of seconds ≥ 0 (start_s). */
function secondsCell(r: CsvRecord, k: number, at: At, fail: TransferCsvFail): number {
  const x = plainNumber(r, k);
  if (!(x >= 0 && Number.isFinite(x))) fail(at(r, k), `${JSON.stringify(r.text(k))} is not a number of seconds ≥ 0 (start_s takes a bare number, e.g. 0.25)`);
  return x;
}

/** Cell `k` as a plain decimal number (digits, an optional point and exponent), or NaN. */
function plainNumber(r: CsvRecord, k: number): number {
  const b = r.bytes;
  const s = r.start[k];
  const e = r.end[k];
  let p = s;
  if (p < e && b[p] === 43) p++;
  let digits = 0;
  let whole = 0;
  while (p < e && b[p] >= 48 && b[p] <= 57) {
    whole = whole * 10 + (b[p] - 48);
    p++;
    digits++;
  }
  // A short run of digits alone is an exact integer already.
  if (p === e && digits > 0 && digits <= 15) return whole;
  if (p < e && b[p] === 46) {
    p++;
    while (p < e && b[p] >= 48 && b[p] <= 57) {
      p++;
      digits++;
    }
  }
  if (digits === 0) return NaN;
  if (p < e && (b[p] === 101 || b[p] === 69)) {
    p++;
    if (p < e && (b[p] === 43 || b[p] === 45)) p++;
    const d = p;
    while (p < e && b[p] >= 48 && b[p] <= 57) p++;
    if (p === d) return NaN;
  }
  return p === e ? Number(b.toString("latin1", s, e)) : NaN;
}

/** "line:column (name)" of row `row`'s cell `column` (its `hop`-th node for the path), reading the file again. */
function locate(path: string, header: Map<TransferColumn, number>, row: number, column: "id" | "src" | "dst" | "path", hop?: number): string {
  const k = header.get(column)!;
  try {
    forEachCsvRecord(
      path,
      (r) => {
        if (r.index !== row + 1) return;
        let c = r.column(k);
        if (hop !== undefined) {
          const text = r.text(k);
          const quote = r.bytes[r.at[k]] === 34 ? 1 : 0;
          const m = [...text.matchAll(/[^ \t]+/g)][hop];
          if (m?.index !== undefined) c += quote + m.index;
        }
        throw new Found(`${r.line[k]}:${c} (${column})`);
      },
      () => {
        throw new Found(`? (${column})`);
      },
    );
  } catch (e) {
    if (e instanceof Found) return e.where;
    throw e;
  }
  return `? (${column})`;
}
