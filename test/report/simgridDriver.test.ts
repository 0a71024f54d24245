// simgridDriver: the exported run_simgrid.py refuses a bad --tolerance in one sentence (no traceback), before SimGrid is imported.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { MissingPackage } from "../../bench/missingPackages.js";
import { SIMGRID_PYTHON } from "../../bench/simgrid/runSimgrid.js";
import { SIMGRID_DRIVER } from "../../src/report/simgridDriver.js";
import { skipCrossCheck } from "../crosscheck/skipCrossCheck.js";

/** The driver's argument checks need only Python 3 (simgrid is imported after them). */
function missingPython(): MissingPackage[] {
  const r = spawnSync(SIMGRID_PYTHON, ["-c", "0"]);
  return r.error || r.status !== 0 ? [{ name: "python3", reason: `cannot run ${SIMGRID_PYTHON}` }] : [];
}

const missing = missingPython();
const skip = skipCrossCheck("test/report/simgridDriver.test.ts (run_simgrid.py's arguments)", missing);
const dir = mkdtempSync(join(tmpdir(), "simgrid-driver-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function driver(...args: string[]): { status: number | null; stderr: string; stdout: string } {
  const script = join(dir, "run_simgrid.py");
  writeFileSync(script, SIMGRID_DRIVER);
  const r = spawnSync(SIMGRID_PYTHON, [script, ...args], { encoding: "utf8" });
  return { status: r.status, stderr: r.stderr, stdout: r.stdout };
}

describe.skipIf(skip)("run_simgrid.py --tolerance", () => {
  it("has Python 3 to run on", () => {
    expect(missing).toEqual([]);
  });

  it.each([
    [["--tolerance"], "None"],
    [["--tolerance", "tight"], "'tight'"],
    [["--tolerance", "-1e-9"], "'-1e-9'"],
    [["--tolerance", "nan"], "'nan'"],
    [["--tolerance", "inf"], "'inf'"],
    [[dir, "--tolerance", "1e-9x"], "'1e-9x'"],
  ])("refuses %j in one sentence naming the value, exit 1, no traceback", (args, shown) => {
    const r = driver(...args);
    expect(r.status).toBe(1);
    expect(r.stderr).not.toContain("Traceback");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(`--tolerance: expected a non-negative relative difference such as 1e-9, got ${shown}`);
    expect(r.stderr).toContain("usage: /usr/bin/python3 run_simgrid.py [DIR] [--tolerance 1e-9]");
  });

  it("takes a valid tolerance and then checks the rest (two directories: the usage line)", () => {
    const r = driver(dir, dir, "--tolerance", "0");
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toBe("usage: /usr/bin/python3 run_simgrid.py [DIR] [--tolerance 1e-9]");
  });
});
