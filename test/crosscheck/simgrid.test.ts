// Cross-check against SimGrid 3.32: hand-derived cases and a fat-tree of web-search flows agree to 1e-9.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareFinishTimes } from "../../bench/simgrid/compareFinishTimes.js";
import type { CrossCheckCase } from "../../bench/simgrid/CrossCheckCase.js";
import { makeCase } from "../../bench/simgrid/makeCase.js";
import { runChokepoint, SHARING_ENGINES } from "../../bench/simgrid/runChokepoint.js";
import { runSimgrid, SIMGRID_PYTHON } from "../../bench/simgrid/runSimgrid.js";
import { missingSimgridPackages } from "../../bench/missingPackages.js";
import { HAND_CASES } from "./handCases.js";
import { skipCrossCheck } from "./skipCrossCheck.js";
import type { EngineName } from "../../src/run/simulate.js";

const TOLERANCE = 1e-9;
const missing = missingSimgridPackages();
const skip = skipCrossCheck("test/crosscheck/simgrid.test.ts (SimGrid cross-check)", missing);
const dir = mkdtempSync(join(tmpdir(), "chokepoint-crosscheck-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function writeCase(c: CrossCheckCase): string {
  const file = join(dir, `${c.name.replace(/\W+/g, "-")}.json`);
  writeFileSync(file, JSON.stringify(c));
  return file;
}

function relativeError(value: number, reference: number): number {
  return reference === value ? 0 : Math.abs(value - reference) / Math.abs(reference);
}

describe.skipIf(skip)("cross-check against SimGrid 3.32", () => {
  it(`SimGrid's Python binding is importable from ${SIMGRID_PYTHON} (python3-simgrid; CI installs it, elsewhere this file is skipped without it)`, () => {
    expect(missing.map((m) => `${m.name} is not installed: ${m.reason}`)).toEqual([]);
  });

  for (const { case: c, expectedFinishS } of HAND_CASES) {
    it(`${c.name}: chokepoint (every sharing engine) and SimGrid both give the hand-derived finish times`, () => {
      const file = writeCase(c);
      const theirs = runSimgrid(file);
      expect(theirs.finishS.size).toBe(Object.keys(expectedFinishS).length);
      for (const [id, expected] of Object.entries(expectedFinishS)) {
        expect(relativeError(theirs.finishS.get(id)!, expected), `SimGrid ${id}`).toBeLessThanOrEqual(TOLERANCE);
      }
      for (const engine of Object.keys(SHARING_ENGINES)) {
        const ours = runChokepoint(file, engine as EngineName);
        expect(ours.finishS.size).toBe(Object.keys(expectedFinishS).length);
        for (const [id, expected] of Object.entries(expectedFinishS)) {
          const t = ours.finishS.get(id)!;
          expect(relativeError(t, expected), `chokepoint (${engine}) ${id}`).toBeLessThanOrEqual(TOLERANCE);
          expect(relativeError(t, theirs.finishS.get(id)!), `chokepoint (${engine}) vs SimGrid ${id}`).toBeLessThanOrEqual(TOLERANCE);
        }
      }
    });
  }

  it("a k=8 fat-tree with 2,000 web-search flows at 50% load finishes every flow as SimGrid does, with every sharing engine", () => {
    const c = makeCase({ k: 8, flows: 2000, load: 0.5, seed: 1 });
    const file = writeCase(c);
    const theirs = runSimgrid(file);
    for (const engine of Object.keys(SHARING_ENGINES)) {
      const ours = runChokepoint(file, engine as EngineName);
      const cmp = compareFinishTimes(ours.finishS, theirs.finishS, ours.startS);
      expect(cmp.missing, engine).toEqual([]);
      expect(cmp.flows, engine).toBe(2000);
      expect(cmp.maxRelativeError, `${engine}: worst flow ${cmp.worstId}`).toBeLessThanOrEqual(TOLERANCE);
    }
  });
});
