// readTransferCsv reads a transfers file into columns (units or bare numbers, paths, quoting) and names the line, column and cell of each mistake.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readTransferCsv } from "../../src/scenario/readTransferCsv.js";

const dir = mkdtempSync(join(tmpdir(), "transfercsv-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function read(text: string, maxRows = 1e9) {
  const path = join(dir, `t${n++}.csv`);
  writeFileSync(path, text);
  return readTransferCsv(
    path,
    (where, message) => {
      throw new Error(`${where}: ${message}`);
    },
    maxRows,
  );
}

function error(text: string, maxRows?: number): string {
  try {
    read(text, maxRows);
  } catch (e) {
    return (e as Error).message;
  }
  return "";
}

describe("readTransferCsv", () => {
  it("says a directory is not a file in one sentence, and names a missing file by its error code", () => {
    const folder = join(dir, "folder.csv");
    mkdirSync(folder);
    const message = (path: string) => {
      try {
        readTransferCsv(
          path,
          (where, m) => {
            throw new Error(`${where}: ${m}`);
          },
          10,
        );
      } catch (e) {
        return (e as Error).message;
      }
      return "";
    };
    expect(message(folder)).toBe(": is not a file");
    expect(message(join(dir, "absent.csv"))).toBe(": cannot read the file (ENOENT)");
  });

  it("reads sizes and starts with units, paths as node ids separated by spaces, and an empty path as none", () => {
    const { list } = read('# a comment\nid,src,dst,size,start,path\nf0,a,b,1.5MB,10ms,a  s b\n"f,1",b,a,1.1KiB,0s,\n\nf2,a,b,0B,1 min, a s b \n');
    expect(list.count).toBe(3);
    expect(list.ids).toEqual(["f0", "f,1", "f2"]);
    expect(list.nodes).toEqual(["a", "b", "s"]);
    expect([...list.src]).toEqual([0, 1, 0]);
    expect([...list.dst]).toEqual([1, 0, 1]);
    // Sizes in whole bytes, as the scenario reads them ("1.1KiB" is 1126.4 B → 1126 B).
    expect([...list.sizeBytes]).toEqual([1.5e6, 1126, 0]);
    expect([...list.startS]).toEqual([0.01, 0, 60]);
    expect([...list.pathStart!]).toEqual([0, 3, 3, 6]);
    expect([...list.pathNodes!]).toEqual([0, 2, 1, 0, 2, 1]);
  });

  it("reads size_bytes and start_s as bare numbers, columns in any order, and keeps no path arrays without paths", () => {
    const { list } = read("start_s,size_bytes,dst,src,id\n0.25,1500,b,a,x\n1e-3,+42,a,b,y\r\n.5,9007199254740993,a,b,z");
    expect(list.ids).toEqual(["x", "y", "z"]);
    expect([...list.startS]).toEqual([0.25, 0.001, 0.5]);
    expect([...list.sizeBytes]).toEqual([1500, 42, 9007199254740992]);
    expect(list.pathStart).toBeUndefined();
    expect(list.pathNodes).toBeUndefined();
  });

  it("refuses a header with an unknown, repeated, doubled or missing column", () => {
    expect(error("id,src,dst,sise,start\n")).toBe(
      '1:12: unknown column "sise" (did you mean "size"?) — a transfers file has the columns id, src, dst, size (or size_bytes), start (or start_s) and optionally path',
    );
    expect(error("id,src,dst,size,start,src\n")).toBe('1:23: column "src" appears twice');
    expect(error("id,src,dst,size,size_bytes,start\n")).toBe("1:17: give one of size (with a unit) or size_bytes (a bare number), not both");
    expect(error("# nothing\nid,src,size,start\n")).toMatch(/^2:1: missing column "dst" — a transfers file has/);
    expect(error("id,src,dst,size\nf,a,b,1B\n")).toMatch(/^1:1: missing column "start" — /);
  });

  it("refuses an empty file and a file without rows", () => {
    expect(error("# only a comment\n\n")).toMatch(/^: the file is empty — a transfers file has the columns/);
    expect(error("id,src,dst,size,start\n")).toMatch(/^: the file has a header but no transfers — /);
  });

  it("names the line, column and cell of a bad row", () => {
    const head = "id,src,dst,size,start,path\n";
    expect(error(`${head}f0,a,b,1MB,0s,\nf1,a,b,1MB\n`)).toBe("3:1: expected 6 cells (id, src, dst, size, start, path), found 4");
    expect(error(`${head},a,b,1MB,0s,\n`)).toBe("2:1 (id): an id must not be empty");
    expect(error(`${head}f0,a,,1MB,0s,\n`)).toBe("2:6 (dst): a node id must not be empty");
    expect(error(`${head}f0,a,b,1MB,0s,\nf1,a,b,1MB,0s,\nf0,a,b,1MB,0s,\n`)).toBe('4:1 (id): transfer id "f0" is used twice (ids must be unique in the file)');
    expect(error(`${head}f0,a,b,-1MB,0s,\n`)).toBe('2:8 (size): "-1MB" is negative — a size must be ≥ 0');
    expect(error(`${head}f0,a,b,1MB,10,\n`)).toBe('2:12 (start): "10" is not a time — use e.g. "10ms", "5us" or "1.5e-5s", or name the column start_s to give bare seconds');
    expect(error(`${head}f0,a,b,1500,0s,\n`)).toMatch(/^2:8 \(size\): "1500" is not a size — .*, or name the column size_bytes to give bare bytes$/);
    expect(error(`${head}f0,a,b,1MB,0s,a\n`)).toBe("2:15 (path): a path lists at least the source and the destination (node ids separated by spaces)");
    expect(error("id,src,dst,size_bytes,start_s\nf0,a,b,1.5,0\n")).toBe('2:8 (size_bytes): "1.5" is not a whole number of bytes ≥ 0 (size_bytes takes a bare number, e.g. 1500)');
    expect(error("id,src,dst,size_bytes,start_s\nf0,a,b,1MB,0\n")).toMatch(/^2:8 \(size_bytes\): "1MB" is not a whole number of bytes/);
    expect(error("id,src,dst,size_bytes,start_s\nf0,a,b,1,-2\n")).toBe('2:10 (start_s): "-2" is not a number of seconds ≥ 0 (start_s takes a bare number, e.g. 0.25)');
    expect(error("id,src,dst,size_bytes,start_s\nf0,a,b,1,1e400\n")).toMatch(/^2:10 \(start_s\): "1e400" is not a number of seconds/);
    expect(error('id,src,dst,size,start\nf"0,a,b,1MB,0s\n')).toBe('2:2: a quote inside an unquoted cell — quote the whole cell ("…") and double the quotes inside');
  });

  it("refuses more rows than the memory allows", () => {
    expect(error("id,src,dst,size,start\na,a,b,1B,0s\nb,a,b,1B,0s\nc,a,b,1B,0s\n", 2)).toBe(
      "4:1: more than 2 transfers — too large to simulate in the memory this process may use (docs/scenarios.md, Limits)",
    );
  });

  it("locates a row's cell, and a path's hop, for later messages", () => {
    const { locate } = read('id,src,dst,size,start,path\n\nf0,a,b,1MB,0s,a s b\n"f\n1",a,b,1MB,0s,"a  s b"\n');
    expect(locate(0, "dst")).toBe("3:6 (dst)");
    expect(locate(0, "path", 2)).toBe("3:19 (path)");
    expect(locate(1, "id")).toBe("4:1 (id)");
    expect(locate(1, "src")).toBe("5:4 (src)");
    expect(locate(1, "path", 1)).toBe("5:19 (path)");
  });
});
