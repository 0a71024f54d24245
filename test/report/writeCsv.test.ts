// Tests of writeCsv: header always written, cells quoted only when needed, a final newline.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeCsv } from "../../src/report/writeCsv.js";

describe("writeCsv", () => {
  it("writes the header of an empty table", async () => {
    const dir = await mkdtemp(join(tmpdir(), "csv-"));
    try {
      await writeCsv(join(dir, "t.csv"), ["a", "b"], []);
      expect(await readFile(join(dir, "t.csv"), "utf8")).toBe("a,b\n");
    } finally {
      await rm(dir, { recursive: true });
    }
  });

  it("quotes cells holding commas or quotes and streams a generator", async () => {
    const dir = await mkdtemp(join(tmpdir(), "csv-"));
    function* rows() {
      yield ["x,y", "1"];
      yield ['say "hi"', "2"];
    }
    try {
      await writeCsv(join(dir, "t.csv"), ["name", "n"], rows());
      expect(await readFile(join(dir, "t.csv"), "utf8")).toBe('name,n\n"x,y",1\n"say ""hi""",2\n');
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});
