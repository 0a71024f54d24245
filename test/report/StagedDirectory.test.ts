// Tests of StagedDirectory: a directory's contents are replaced whole, user files are never deleted, and leftovers of killed runs are finished or cleared.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { recoverDirectory, replaceDirectory, StagedDirectory } from "../../src/report/StagedDirectory.js";

const replaceable = ["a.csv", "b.csv", "jobs.csv", "run.json", "failed.txt"];
const file = (name: string, text: string) => ({ name, write: (p: string) => writeFile(p, text) });

/** A pid that no process has (pids are below 2^22 on Linux). */
const DEAD_PID = 4_194_304 + 12_345;

describe("StagedDirectory", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "staged-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("replaces the whole set: a file of the earlier set that the new one lacks does not stay", async () => {
    const out = join(dir, "out");
    await replaceDirectory(out, [file("a.csv", "a1\n"), file("jobs.csv", "j1\n"), file("run.json", "{}\n")], { replaceable });
    await replaceDirectory(out, [file("a.csv", "a2\n"), file("run.json", "{}\n")], { replaceable });
    expect(readdirSync(out).sort()).toEqual(["a.csv", "run.json"]);
    expect(readFileSync(join(out, "a.csv"), "utf8")).toBe("a2\n");
    expect(readdirSync(dir)).toEqual(["out"]); // no staging folder left beside it
  });

  it("gives a new directory the mode of any directory the user makes, and keeps the mode of an earlier one", async () => {
    const plain = join(dir, "plain");
    mkdirSync(plain);
    const out = join(dir, "out");
    await replaceDirectory(out, [file("a.csv", "1\n")], { replaceable });
    expect(statSync(out).mode & 0o7777).toBe(statSync(plain).mode & 0o7777);
    chmodSync(out, 0o750);
    await replaceDirectory(out, [file("a.csv", "2\n")], { replaceable });
    expect(statSync(out).mode & 0o7777).toBe(0o750);
  });

  it("keeps the earlier set and leaves nothing behind when a writer fails", async () => {
    const out = join(dir, "out");
    await replaceDirectory(out, [file("a.csv", "old\n")], { replaceable });
    const failing = { name: "b.csv", write: () => Promise.reject(new Error("disk full")) };
    await expect(replaceDirectory(out, [file("a.csv", "new\n"), failing], { replaceable })).rejects.toThrow("disk full");
    expect(readdirSync(out)).toEqual(["a.csv"]);
    expect(readFileSync(join(out, "a.csv"), "utf8")).toBe("old\n");
    expect(readdirSync(dir)).toEqual(["out"]);
  });

  it("refuses, as bad input, to replace a directory holding something it did not write, and deletes nothing", async () => {
    const out = join(dir, "mine");
    mkdirSync(join(out, "sub"), { recursive: true });
    writeFileSync(join(out, "a.csv"), "a\n");
    writeFileSync(join(out, "notes.txt"), "keep me\n");
    const attempt = StagedDirectory.open(out, { replaceable });
    await expect(attempt).rejects.toBeInstanceOf(InputError);
    await expect(StagedDirectory.open(out, { replaceable })).rejects.toThrow(/holds "(notes\.txt|sub)", which is not a chokepoint report/);
    expect(readdirSync(out).sort()).toEqual(["a.csv", "notes.txt", "sub"]);
    expect(readdirSync(dir)).toEqual(["mine"]);
  });

  it("refuses paths that cannot hold reports with one sentence, without hanging", async () => {
    writeFileSync(join(dir, "plain"), "");
    const cases: Array<[string, RegExp]> = [
      ["/dev/null/x", /^cannot write reports to \/dev\/null\/x: a part of the path is a file, not a directory$/],
      ["/proc/x", /^cannot write reports to \/proc\/x: no directory can be created there$/],
      [join(dir, "plain"), /: it is a file, not a directory$/],
      [join(dir, "plain", "x"), /: a part of the path is a file, not a directory$/],
    ];
    for (const [path, message] of cases) {
      const err = await StagedDirectory.open(path, { replaceable }).catch((e: unknown) => e);
      expect(err, path).toBeInstanceOf(InputError);
      expect((err as Error).message, path).toMatch(message);
    }
  });

  it("replaces the target of a symbolic link, keeping the link", async () => {
    const real = join(dir, "real");
    await replaceDirectory(real, [file("a.csv", "1\n")], { replaceable });
    symlinkSync(real, join(dir, "link"));
    await replaceDirectory(join(dir, "link"), [file("b.csv", "2\n")], { replaceable });
    expect(readdirSync(real)).toEqual(["b.csv"]);
    expect(readFileSync(join(dir, "link", "b.csv"), "utf8")).toBe("2\n");
  });

  it("removes the staging directories of dead processes (and of an earlier process with this pid), not those of live ones", async () => {
    const out = join(dir, "out");
    await replaceDirectory(out, [file("a.csv", "1\n")], { replaceable });
    const root = join(dir, ".out.staging");
    const dead = join(root, `partial-${DEAD_PID}-abcDEF`);
    const mine = join(root, `partial-${process.pid}-ghiJKL`);
    const live = join(root, `partial-${process.ppid}-mnoPQR`);
    for (const d of [dead, mine, live]) {
      mkdirSync(d, { recursive: true });
      writeFileSync(join(d, "a.csv"), "half");
    }
    await replaceDirectory(out, [file("a.csv", "2\n")], { replaceable });
    expect(readdirSync(root)).toEqual([`partial-${process.ppid}-mnoPQR`]);
    expect(readFileSync(join(out, "a.csv"), "utf8")).toBe("2\n");
  });

  it("finishes a swap killed between its two renames: the complete new set goes in place, the earlier one away", async () => {
    // The state a kill leaves right after `out` was moved aside: no `out`, the earlier set as old-…, the new set as ready-….
    const out = join(dir, "out");
    const root = join(dir, ".out.staging");
    mkdirSync(join(root, `old-${DEAD_PID}-abcDEF`), { recursive: true });
    writeFileSync(join(root, `old-${DEAD_PID}-abcDEF`, "a.csv"), "earlier\n");
    mkdirSync(join(root, `ready-${DEAD_PID}-abcDEF`));
    writeFileSync(join(root, `ready-${DEAD_PID}-abcDEF`, "a.csv"), "new\n");
    await recoverDirectory(out);
    expect(readFileSync(join(out, "a.csv"), "utf8")).toBe("new\n");
    expect(existsSync(root)).toBe(false);
  });

  it("leaves the earlier set in place when killed after staging, and the next open clears the staging", async () => {
    const out = join(dir, "out");
    await replaceDirectory(out, [file("a.csv", "earlier\n")], { replaceable });
    const root = join(dir, ".out.staging");
    mkdirSync(join(root, `ready-${DEAD_PID}-abcDEF`), { recursive: true });
    writeFileSync(join(root, `ready-${DEAD_PID}-abcDEF`, "a.csv"), "new\n");
    const staged = await StagedDirectory.open(out, { replaceable });
    expect(readFileSync(join(out, "a.csv"), "utf8")).toBe("earlier\n");
    expect(readdirSync(root)).toEqual([staged.path.slice(root.length + 1)]);
    await staged.discard();
    expect(readdirSync(dir)).toEqual(["out"]);
  });

  it("replaces a study run directory holding a failed.txt, a half-written failure note and an older version's staging", async () => {
    const run = join(dir, "runs", "p0-r0");
    mkdirSync(join(run, ".partial-123-abcDEF"), { recursive: true });
    writeFileSync(join(run, "failed.txt"), "internal error\n");
    writeFileSync(join(run, ".failed.123.tmp"), "internal");
    await replaceDirectory(run, [file("run.json", "{}\n")], { replaceable });
    expect(readdirSync(run)).toEqual(["run.json"]);
    expect(readdirSync(join(dir, "runs"))).toEqual(["p0-r0"]);
  });
});
