// bench/ns3/compare.ts: which CLI a comparison runs (chooseCli) — a named build, the sources, or this checkout's bundle.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SOURCE_CLI, chooseCli } from "../../../bench/ns3/compare.js";

const dir = mkdtempSync(join(tmpdir(), "chokepoint-choose-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("chooseCli({ build, source, root })", () => {
  it("runs a named build's CLI as given, without building this checkout", () => {
    const main = join(dir, "main.js");
    writeFileSync(main, "");
    expect(chooseCli({ build: main, root: "/nonexistent-root" })).toEqual([main]);
  });

  it("runs the sources through tsx with source", () => {
    expect(chooseCli({ source: true, root: "/nonexistent-root" })).toBe(SOURCE_CLI);
  });

  it("refuses a build path that names no file, and a build given with source, in one sentence each", () => {
    expect(() => chooseCli({ build: join(dir, "missing.js"), root: dir })).toThrow(/^--build: no CLI at .*missing\.js \(give a build's dist\/cli\/main\.js\)$/);
    expect(() => chooseCli({ build: dir, root: dir })).toThrow(/^--build: no CLI at /);
    expect(() => chooseCli({ build: join(dir, "main.js"), source: true, root: dir })).toThrow("--build and --source each choose the CLI: give one of them");
  });
});
