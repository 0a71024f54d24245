// CsvWriter writes the very bytes fast-csv (writeCsv) writes — quoting, formula neutralising, NULs, final newline — on random tables.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CellArray, CsvWriter, streamCsv, streamTable, tableRows, type RowSink, writeWith } from "../../src/report/CsvWriter.js";
import { csvNumber } from "../../src/report/csvNumber.js";
import { writeCsv } from "../../src/report/writeCsv.js";

let dir = "";
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "csvwriter-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Characters that decide quoting or neutralising, mixed with plain ones and non-ASCII. */
const ALPHABET = ['"', ",", "|", "\n", "\r", "\0", "=", "+", "-", "@", "\t", "'", " ", ".", "e", "1", "7", "a", "Z", "é", "→", "😀"];

function randomCell(rng: () => number): string {
  const n = Math.floor(rng() * 6);
  let s = "";
  for (let i = 0; i < n; i++) s += ALPHABET[Math.floor(rng() * ALPHABET.length)];
  return s;
}

async function bothBytes(name: string, headers: string[], rows: string[][]): Promise<[string, string]> {
  const a = join(dir, `${name}-fastcsv.csv`);
  const b = join(dir, `${name}-writer.csv`);
  await writeCsv(a, headers, rows);
  await streamCsv(b, headers, rows);
  return [await readFile(a, "utf8"), await readFile(b, "utf8")];
}

describe("CsvWriter", () => {
  it("writes each file whole when writers follow one another on the buffer the last one gave back", async () => {
    // A file of ~2.5 MB (its buffer grows past a megabyte and is flushed twice), then a short one, one
    // that aborts, another short one and a long one again: each must hold its own rows only.
    const big = Array.from({ length: 60_000 }, (_, i) => [`row${i}`, String(i * 7), "same", i % 3 === 0 ? "x,y" : "é"]);
    const tables: Array<[string, string[][]]> = [["big", big], ["small", [["a", "1"], ["a", "2"]]], ["small2", [["b"]]], ["big2", big.slice(0, 30_000)]];
    for (const [name, rows] of tables) {
      if (name === "small2") {
        await expect(writeWith(join(dir, "aborted.csv"), ["h"], async (w) => {
          w.text("lost");
          throw new Error("stop");
        })).rejects.toThrow("stop");
      }
      const [expected, written] = await bothBytes(`reuse-${name}`, ["k", "v", "s", "t"].slice(0, rows[0].length), rows);
      expect(written, name).toBe(expected);
    }
  });

  it("writes the same bytes as fast-csv for 200 random tables of special characters", async () => {
    const rng = seedrandom("csvwriter");
    for (let t = 0; t < 200; t++) {
      const columns = 1 + Math.floor(rng() * 4);
      const headers = Array.from({ length: columns }, () => randomCell(rng) || "h");
      const rows = Array.from({ length: Math.floor(rng() * 5) }, () => Array.from({ length: columns }, () => randomCell(rng)));
      const [expected, actual] = await bothBytes(`t${t}`, headers, rows);
      expect(actual, JSON.stringify({ headers, rows })).toBe(expected);
    }
  });

  it("cuts and pads rows to the header's width as fast-csv does", async () => {
    const [expected, actual] = await bothBytes("width", ["a", "b"], [["1"], ["1", "2", "3"], []]);
    expect(actual).toBe(expected);
    expect(actual).toBe("a,b\n1,\n1,2\n,\n");
  });

  it("writes numbers through csvNumber, unquoted, and the header of an empty table", async () => {
    const path = join(dir, "numbers.csv");
    const values = [0, -1.5, 2 / 3, 0.1 + 0.2, 1e-7, 54160000000, NaN, Infinity, -0];
    await writeWith(path, ["x"], async (w) => {
      for (const x of values) {
        w.number(x);
        w.endRow();
      }
    });
    expect(await readFile(path, "utf8")).toBe(`x\n${values.map(csvNumber).join("\n")}\n`);
    await streamCsv(join(dir, "empty.csv"), ["a", "=b"], []);
    expect(await readFile(join(dir, "empty.csv"), "utf8")).toBe("a,'=b\n");
  });

  it("writes a number repeated down a column, among text cells, as csvNumber writes it in every row", async () => {
    const path = join(dir, "repeats.csv");
    const rows: Array<[string, number, number]> = [["a", 1 / 3, 0.25], ["b", 1 / 3, NaN], ["c", 2 / 3, NaN], ["d", 2 / 3, -0], ["e", 1 / 3, 0]];
    await writeWith(path, ["id", "x", "y"], async (w) => {
      for (const [id, x, y] of rows) {
        w.text(id);
        w.number(x);
        w.number(y);
        w.endRow();
      }
    });
    expect(await readFile(path, "utf8")).toBe(`id,x,y\n${rows.map(([id, x, y]) => `${id},${csvNumber(x)},${csvNumber(y)}`).join("\n")}\n`);
  });

  it("copies a cell equal to the one above or to the row's last number, across chunks and a column changing between text and numbers", async () => {
    // Cells drawn from small pools, so most repeat the cell above or a number of the same row;
    // column 1 holds a number or a text cell (an empty one, as a missing rate is written) by turns.
    const rng = seedrandom("repeats");
    const texts = ["h1->e0_0", "host-nic", "a,b", "=x", "", "f7", "é"];
    const numbers = [0, -0, 1 / 3, 0.5, 2.5e-7, 42, NaN, 1e21, 4299178];
    const pick = <T>(pool: T[]) => pool[Math.floor(rng() ** 3 * pool.length)];
    const table = Array.from({ length: 40_000 }, (_, i) => {
      const x = pick(numbers);
      return [pick(texts), i % 7 < 3 ? pick(numbers) : pick(texts), x, rng() < 0.5 ? x : pick(numbers), pick(texts)] as const;
    });
    function* emit(sink: RowSink): Generator<void> {
      for (const [a, b, x, y, c] of table) {
        sink.text(a);
        if (typeof b === "number") sink.number(b);
        else sink.text(b);
        sink.number(x);
        sink.number(y);
        sink.text(c);
        sink.endRow();
        if (sink.full) yield;
      }
    }
    const path = join(dir, "copies.csv");
    await streamTable(path, ["a", "b", "x", "y", "c"], emit);
    const reference = join(dir, "copies-fastcsv.csv");
    await writeCsv(reference, ["a", "b", "x", "y", "c"], tableRows(emit));
    const written = await readFile(path, "utf8");
    expect(written.length).toBeGreaterThan(1 << 20);
    expect(written).toBe(await readFile(reference, "utf8"));
  });

  it("streams a table larger than one chunk in several writes, unchanged", async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => [`flow-${i}`, csvNumber(i / 7), i % 11 === 0 ? "a,b" : "=x"]);
    const [expected, actual] = await bothBytes("large", ["id", "v", "t"], rows);
    expect(actual.length).toBeGreaterThan(1 << 20);
    expect(actual).toBe(expected);
  });

  it("writes a table emitted straight into the writer with the bytes of its rows collected by tableRows, across many pieces and chunks", async () => {
    const rng = seedrandom("streamtable");
    const values = [0, -0, 1 / 3, -2.5e-7, 1e21, 42, NaN, Infinity, 0.1 + 0.2];
    const table = Array.from({ length: 50_000 }, (_, i): [string, number, number] => [
      i % 13 === 0 ? randomCell(rng) : `f${i}`,
      values[Math.floor(rng() * values.length)],
      i % 5 === 0 ? i / 7 : 1 / 3,
    ]);
    function* emit(sink: RowSink): Generator<void> {
      for (const [id, x, y] of table) {
        sink.text(id);
        sink.number(x);
        sink.number(y);
        sink.endRow();
        yield;
      }
    }
    const rows = tableRows(emit);
    expect(rows[1]).toEqual([table[1][0], csvNumber(table[1][1]), csvNumber(table[1][2])]);
    const [expected] = await bothBytes("table", ["id", "x", "y"], rows);
    const path = join(dir, "table-stream.csv");
    await streamTable(path, ["id", "x", "y"], emit);
    const actual = await readFile(path, "utf8");
    expect(actual.length).toBeGreaterThan(1 << 20);
    expect(actual).toBe(expected);
  });

  it("writes a table that yields only when the writer is full with the same bytes, a megabyte at a time", async () => {
    const rng = seedrandom("yield-when-full");
    const table = Array.from({ length: 100_000 }, (_, i): [string, number, number] => [`row-${i}`, rng() * 1e6, i]);
    let yields = 0;
    function* emit(sink: RowSink): Generator<void> {
      for (const [id, x, y] of table) {
        sink.text(id);
        sink.number(x);
        sink.number(y);
        sink.endRow();
        if (sink.full) {
          yields++;
          yield;
        }
      }
    }
    const [expected] = await bothBytes("full", ["id", "x", "y"], tableRows(emit));
    // tableRows' sink is never full: the rows came without a yield.
    expect(yields).toBe(0);
    const path = join(dir, "full-stream.csv");
    await streamTable(path, ["id", "x", "y"], emit);
    const actual = await readFile(path, "utf8");
    expect(actual.length).toBeGreaterThan(2 << 20);
    // One yield per megabyte buffered (each chunk a little over one).
    expect(yields).toBeGreaterThanOrEqual(2);
    expect(yields).toBeLessThanOrEqual(Math.floor(actual.length / (1 << 20)));
    expect(actual).toBe(expected);
  });

  it("collects cells as strings with CellArray, as writeCsv receives them", () => {
    const sink = new CellArray();
    sink.text("=a");
    sink.number(1 / 3);
    sink.number(NaN);
    expect(sink.take()).toEqual(["=a", "0.333333333333", ""]);
    expect(sink.take()).toEqual([]);
  });

  it("leaves the file to the caller after an error in the rows", async () => {
    const path = join(dir, "broken.csv");
    function* rows(): Generator<string[]> {
      yield ["1"];
      throw new Error("boom");
    }
    await expect(streamCsv(path, ["a"], rows())).rejects.toThrow("boom");
    const w = await CsvWriter.create(join(dir, "closed.csv"), ["a"]);
    await w.close();
    expect(await readFile(join(dir, "closed.csv"), "utf8")).toBe("a\n");
  });
});
