// parseCsvColumns: read only the named columns of a large report CSV (flows.csv, timeseries.csv, requests.csv), as text or as numbers.
import { parseCsvText } from "./parseCsvText.js";

/** The chosen columns of a CSV, one array per column, a row per index. */
export interface CsvColumns {
  /** Data rows. */
  rows: number;
  /** Whether the file has the column. */
  has(name: string): boolean;
  /** A text column as written ("" for every row when absent or not asked for). */
  text(name: string): readonly string[];
  /** A number column (NaN for an empty cell, and for every row when absent or not asked for). */
  num(name: string): Float64Array;
}

/**
 * Parse `text` (a CSV with a header line) keeping only the columns named in `textColumns`
 * and `numberColumns`. A 100,000-row flows.csv takes a fraction of splitting every cell:
 * only the cells asked for become strings, numbers go straight into typed arrays. Text
 * holding a quote (a quoted cell) goes through {@link parseCsvText} instead, with the
 * same result.
 */
export function parseCsvColumns(text: string, textColumns: readonly string[], numberColumns: readonly string[]): CsvColumns {
  const headerEnd = text.indexOf("\n");
  const headerLine = (headerEnd < 0 ? text : text.slice(0, headerEnd)).replace(/\r$/, "");
  const header = headerLine === "" ? [] : headerLine.split(",");
  const index = new Map(header.map((h, i) => [h, i] as const));
  const texts = new Map<string, string[]>();
  const nums = new Map<string, number[]>();
  // kind[i]: 0 skip, 1 text, 2 number; slot[i]: the column's array.
  const kind = new Uint8Array(header.length);
  const slot: Array<string[] | number[] | undefined> = new Array(header.length);
  for (const name of textColumns) {
    const i = index.get(name);
    if (i === undefined) continue;
    const a: string[] = [];
    texts.set(name, a);
    kind[i] = 1;
    slot[i] = a;
  }
  for (const name of numberColumns) {
    const i = index.get(name);
    if (i === undefined) continue;
    const a: number[] = [];
    nums.set(name, a);
    kind[i] = 2;
    slot[i] = a;
  }
  let last = -1;
  for (let i = 0; i < kind.length; i++) if (kind[i] !== 0) last = i;
  let rows = 0;
  if (text.indexOf('"') >= 0) {
    const table = parseCsvText(text);
    rows = table.rows.length;
    for (const r of table.rows) {
      for (let i = 0; i <= last; i++) {
        if (kind[i] === 1) (slot[i] as string[]).push(r[i] ?? "");
        else if (kind[i] === 2) (slot[i] as number[]).push(r[i] === undefined || r[i] === "" ? NaN : Number(r[i]));
      }
    }
  } else if (headerEnd >= 0) {
    let start = headerEnd + 1;
    const n = text.length;
    while (start < n) {
      let end = text.indexOf("\n", start);
      if (end < 0) end = n;
      const lineEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
      if (lineEnd > start) {
        let pos = start;
        for (let i = 0; i <= last; i++) {
          let next = pos <= lineEnd ? text.indexOf(",", pos) : -1;
          if (next < 0 || next > lineEnd) next = lineEnd;
          const k = kind[i];
          if (k === 1) (slot[i] as string[]).push(pos < next ? text.slice(pos, next) : "");
          else if (k === 2) (slot[i] as number[]).push(pos < next ? Number(text.slice(pos, next)) : NaN);
          pos = next + 1;
        }
        rows++;
      }
      start = end + 1;
    }
  }
  const emptyText = () => new Array<string>(rows).fill("");
  return {
    rows,
    has: (name) => index.has(name),
    text: (name) => texts.get(name) ?? emptyText(),
    num: (name) => {
      const a = nums.get(name);
      return a ? Float64Array.from(a) : new Float64Array(rows).fill(NaN);
    },
  };
}
