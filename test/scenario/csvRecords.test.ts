// forEachCsvRecord reads what fast-csv reads (ignoreEmpty, comment "#") from random files, in chunks of any size, and says where malformed ones break.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseString } from "fast-csv";
import seedrandom from "seedrandom";
import { afterAll, describe, expect, it } from "vitest";
import { forEachCsvRecord } from "../../src/scenario/csvRecords.js";

const dir = mkdtempSync(join(tmpdir(), "csvrecords-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
function fileWith(text: string): string {
  const path = join(dir, `f${files++}.csv`);
  writeFileSync(path, text);
  return path;
}

/** Records as our reader returns them (cells as strings). */
function ours(text: string, chunkBytes?: number): string[][] {
  const rows: string[][] = [];
  forEachCsvRecord(
    fileWith(text),
    (r) => rows.push(Array.from({ length: r.count }, (_, k) => r.text(k))),
    (line, column, message) => {
      throw new Error(`${line}:${column}: ${message}`);
    },
    chunkBytes,
  );
  return rows;
}

/** Records as fast-csv returns them with the options forEachCsvRecord matches. */
function fastCsv(text: string): Promise<string[][]> {
  return new Promise((resolve, reject) => {
    const rows: string[][] = [];
    parseString(text, { ignoreEmpty: true, comment: "#" })
      .on("error", reject)
      .on("data", (row: string[]) => rows.push(row))
      .on("end", () => resolve(rows));
  });
}

const PLAIN = ["a", "b", "Z", "0", "9", ".", "-", " ", "é", "→", "😀", "_"];
const QUOTABLE = [...PLAIN, ",", '"', "\n", "\r\n", "\r", "#"];

function randomFile(rng: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  const eol = () => pick(["\n", "\r\n", "\r"]);
  let text = rng() < 0.1 ? "\ufeff" : "";
  const records = Math.floor(rng() * 8);
  for (let i = 0; i < records; i++) {
    if (rng() < 0.15) text += eol();
    if (rng() < 0.1) text += `#${pick(PLAIN)}${pick(PLAIN)}${eol()}`;
    const cells = 1 + Math.floor(rng() * 4);
    const row: string[] = [];
    for (let k = 0; k < cells; k++) {
      const n = Math.floor(rng() * 5);
      if (rng() < 0.35) {
        let s = "";
        for (let j = 0; j < n; j++) s += pick(QUOTABLE);
        row.push(`"${s.replace(/"/g, '""')}"`);
      } else {
        let s = "";
        for (let j = 0; j < n; j++) s += pick(PLAIN);
        // No cell starts with a space: fast-csv drops a blank first cell's spaces and reads
        // spaces before a quote as the start of a quoted cell (we keep cells as written).
        row.push(s.replace(/^ +/, ""));
      }
    }
    text += row.join(",");
    if (i < records - 1 || rng() < 0.7) text += eol();
  }
  return text;
}

describe("forEachCsvRecord", () => {
  it("reads 300 random files (quotes, line breaks in cells, CR/LF/CRLF, blank and comment lines, BOM) as fast-csv does", async () => {
    const rng = seedrandom("csvRecords");
    for (let t = 0; t < 300; t++) {
      const text = randomFile(rng);
      expect(ours(text), JSON.stringify(text)).toEqual(await fastCsv(text));
    }
  });

  it("gives the same records whatever the chunk size (records split across reads)", () => {
    const rng = seedrandom("chunks");
    for (let t = 0; t < 60; t++) {
      const text = randomFile(rng);
      const whole = ours(text);
      for (const chunk of [1, 2, 3, 5, 8]) expect(ours(text, chunk), JSON.stringify({ text, chunk })).toEqual(whole);
    }
  });

  it("numbers records from 0, skipping blank and comment lines, and knows each cell's line and column", () => {
    const seen: Array<[number, number, number, string]> = [];
    forEachCsvRecord(
      fileWith('# header comment\nid,name\n\n1,"two\nlines"\r\n2,é,x\n'),
      (r) => {
        for (let k = 0; k < r.count; k++) seen.push([r.index, r.line[k], r.column(k), r.text(k)]);
      },
      () => {
        throw new Error("unexpected");
      },
    );
    expect(seen).toEqual([
      [0, 2, 1, "id"],
      [0, 2, 4, "name"],
      [1, 4, 1, "1"],
      [1, 4, 3, "two\nlines"],
      [2, 6, 1, "2"],
      [2, 6, 3, "é"],
      [2, 6, 5, "x"],
    ]);
  });

  it("refuses a stray quote, text after a closing quote and a quote never closed, with line and column", () => {
    const error = (text: string) => {
      try {
        ours(text);
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    };
    expect(error('a,b\nx,y"z\n')).toBe('2:4: a quote inside an unquoted cell — quote the whole cell ("…") and double the quotes inside');
    expect(error('a,b\n"x"y,z\n')).toBe("2:4: text after the closing quote of a cell — a quoted cell ends at its closing quote");
    expect(error('a,b\nx,"y\n\nz')).toBe("2:3: a quoted cell is never closed (a quote opens it, none ends it)");
  });
});
