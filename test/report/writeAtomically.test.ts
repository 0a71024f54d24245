// Tests of writeAtomically: all files appear together or none do, and the staging directory never stays.
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeAtomically } from "../../src/report/writeAtomically.js";

describe("writeAtomically", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "atomic-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("moves every file into place and removes the staging directory", async () => {
    const out = join(dir, "out");
    await writeAtomically(out, [
      { name: "a.csv", write: (p) => writeFile(p, "a\n") },
      { name: "b.csv", write: (p) => writeFile(p, "b\n") },
    ]);
    expect((await readdir(out)).sort()).toEqual(["a.csv", "b.csv"]);
    expect(await readFile(join(out, "b.csv"), "utf8")).toBe("b\n");
  });

  it("leaves the previous results untouched when a writer fails", async () => {
    await writeFile(join(dir, "a.csv"), "old\n");
    const attempt = writeAtomically(dir, [
      { name: "a.csv", write: (p) => writeFile(p, "new\n") },
      { name: "b.csv", write: async () => Promise.reject(new Error("disk full")) },
    ]);
    await expect(attempt).rejects.toThrow("disk full");
    expect(await readdir(dir)).toEqual(["a.csv"]);
    expect(await readFile(join(dir, "a.csv"), "utf8")).toBe("old\n");
  });

  it("removes the staging directories that killed processes left, keeping a live process's", async () => {
    const dead = `.partial-${4_194_304 + 12_345}-abcDEF`; // above Linux's largest pid: no such process
    const live = `.partial-${process.ppid}-ghiJKL`;
    for (const d of [dead, live]) {
      await mkdir(join(dir, d));
      await writeFile(join(dir, d, "sweep.csv"), "half");
    }
    await writeAtomically(dir, [{ name: "sweep.csv", write: (p) => writeFile(p, "whole\n") }]);
    expect((await readdir(dir)).sort()).toEqual([live, "sweep.csv"].sort());
  });

  it("refuses two files of the same name", async () => {
    const write = (p: string) => writeFile(p, "");
    await expect(writeAtomically(dir, [{ name: "a", write }, { name: "a", write }])).rejects.toThrow('two files named "a"');
  });
});
