// skipCrossCheck: without python3-simgrid, libns3-dev or g++ the cross-checks skip with one line naming the package, except under CI, where they fail.
import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { missingNs3Packages, missingSimgridPackages } from "../../bench/missingPackages.js";
import { isCi, skipCrossCheck } from "./skipCrossCheck.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const dir = mkdtempSync(join(tmpdir(), "chokepoint-skip-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A Python that runs but cannot import simgrid: /usr/bin/python3 without site-packages (-S), or no Python at all.
const pythonWithoutSimgrid = join(dir, "python-without-simgrid");
writeFileSync(pythonWithoutSimgrid, '#!/bin/sh\nexec /usr/bin/python3 -S "$@"\n');
chmodSync(pythonWithoutSimgrid, 0o755);
const emptyInclude = join(dir, "include");
const HIDDEN = { SIMGRID_PYTHON: pythonWithoutSimgrid, NS3_INCLUDE_DIR: emptyInclude, CXX: join(dir, "no-such-g++") };

/** Run vitest on `files` in a child process with `env` over this process's environment (less vitest's own variables and CI). */
function vitest(files: string[], env: Record<string, string>): { status: number | null; output: string } {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("VITEST") && k !== "CI" && k !== "NODE_OPTIONS"));
  const r = spawnSync(process.execPath, [join(ROOT, "node_modules/vitest/vitest.mjs"), "run", ...files], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...base, NO_COLOR: "1", FORCE_COLOR: "0", ...env },
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

const CROSS_CHECKS = ["test/crosscheck/simgrid.test.ts", "test/crosscheck/simgridNative.test.ts", "test/crosscheck/ns3.test.ts"];

describe("missing packages", () => {
  it("python3-simgrid is reported missing when the Python cannot import simgrid, or does not exist", () => {
    for (const python of [pythonWithoutSimgrid, join(dir, "no-such-python3")]) {
      const missing = missingSimgridPackages(python);
      expect(missing.map((m) => m.name), python).toEqual(["python3-simgrid"]);
      expect(missing[0].reason).toContain(python);
    }
  });

  it("libns3-dev is reported missing without ns-3's headers, g++ without a compiler", () => {
    expect(missingNs3Packages({ NS3_INCLUDE_DIR: emptyInclude, CXX: process.execPath }).map((m) => m.name)).toEqual(["libns3-dev"]);
    expect(missingNs3Packages({ ...HIDDEN }).map((m) => m.name)).toEqual(["libns3-dev", "g++"]);
    expect(missingNs3Packages({ ...HIDDEN })[1].reason).toBe(`cannot run the C++ compiler ${HIDDEN.CXX}`);
  });
});

describe("skipCrossCheck(what, missing, env)", () => {
  const missing = [{ name: "libns3-dev", reason: "/x/ns3/core-module.h not found" }, { name: "g++", reason: "cannot run the C++ compiler g++" }];

  it("skips with exactly one line naming every missing package outside CI", () => {
    const lines: string[] = [];
    expect(skipCrossCheck("ns3.test.ts", missing, {}, (l) => lines.push(l))).toBe(true);
    expect(lines).toEqual([
      "ns3.test.ts skipped: libns3-dev, g++ not installed (/x/ns3/core-module.h not found; cannot run the C++ compiler g++); apt-get install libns3-dev g++ to run it (CI does)\n",
    ]);
  });

  it("never skips under CI (so the missing package fails the run) and never when nothing is missing", () => {
    const lines: string[] = [];
    for (const ci of ["true", "1", "yes"]) expect(skipCrossCheck("x", missing, { CI: ci }, (l) => lines.push(l))).toBe(false);
    expect(skipCrossCheck("x", [], {}, (l) => lines.push(l))).toBe(false);
    expect(lines).toEqual([]);
    expect([isCi({}), isCi({ CI: "" }), isCi({ CI: "false" }), isCi({ CI: "0" }), isCi({ CI: "true" })]).toEqual([false, false, false, false, true]);
  });
});

describe("the cross-check files on a machine without the packages (hidden through SIMGRID_PYTHON, NS3_INCLUDE_DIR, CXX)", () => {
  it("outside CI they pass, skipping every cross-check, with one line per file naming the missing package", () => {
    const r = vitest(CROSS_CHECKS, HIDDEN);
    expect(r.status, r.output).toBe(0);
    const lines = r.output.split("\n").filter((l) => l.includes(" skipped: "));
    expect(lines.sort()).toEqual([
      expect.stringMatching(/^test\/crosscheck\/ns3\.test\.ts \(ns-3 cross-check\) skipped: libns3-dev, g\+\+ not installed \(/),
      expect.stringMatching(/^test\/crosscheck\/simgrid\.test\.ts \(SimGrid cross-check\) skipped: python3-simgrid not installed \(/),
      expect.stringMatching(/^test\/crosscheck\/simgridNative\.test\.ts \(SimGrid cross-check\) skipped: python3-simgrid not installed \(/),
    ]);
    expect(r.output).toMatch(/Tests\s+\d+ skipped/);
    expect(r.output).not.toMatch(/\d+ passed/);
  });

  it("under CI=true they fail, naming the missing package", () => {
    const r = vitest(CROSS_CHECKS, { ...HIDDEN, CI: "true" });
    expect(r.status, r.output).not.toBe(0);
    expect(r.output).not.toContain(" skipped: ");
    expect(r.output).toContain("python3-simgrid");
    expect(r.output).toContain("libns3-dev");
    expect(r.output).toMatch(/FAIL .*simgrid\.test\.ts .*python3-simgrid is installed|FAIL .*simgrid\.test\.ts .*importable/);
  });
});
