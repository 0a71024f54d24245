// Tests of ensureWritableDirectory: creates what is missing, refuses unwritable paths as bad input without hanging, and can take back what it created.
import { existsSync, writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { InputError } from "../../src/core/InputError.js";
import { ensureWritableDirectory } from "../../src/report/ensureWritableDirectory.js";

describe("ensureWritableDirectory", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "writable-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("creates the directory and its parents, and undo removes exactly what it created", async () => {
    const deep = join(dir, "a", "b", "c");
    const created = await ensureWritableDirectory(deep, "the study");
    expect(existsSync(deep)).toBe(true);
    await created.undo();
    expect(existsSync(join(dir, "a"))).toBe(false);
    expect(existsSync(dir)).toBe(true);
  });

  it("refuses a file in the way, /dev/null/x and /proc/x as bad input (recursive mkdir would loop forever on /proc)", async () => {
    writeFileSync(join(dir, "f"), "");
    const cases: Array<[string, string]> = [
      [join(dir, "f"), "a part of the path is a file, not a directory"],
      ["/dev/null/x", "a part of the path is a file, not a directory"],
      ["/proc/x", "no directory can be created there"],
    ];
    for (const [path, reason] of cases) {
      const err = await ensureWritableDirectory(path, "the study").catch((e: unknown) => e);
      expect(err).toBeInstanceOf(InputError);
      expect((err as Error).message).toBe(`cannot write the study to ${path}: ${reason}`);
    }
  });
});
