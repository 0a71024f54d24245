// Cross-check of the maxmin-rtt model against SimGrid 3.32's native CM02 sharing (shares ∝ 1/route latency).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { compareFinishTimes } from "../../bench/simgrid/compareFinishTimes.js";
import type { CrossCheckCase } from "../../bench/simgrid/CrossCheckCase.js";
import { makeCase } from "../../bench/simgrid/makeCase.js";
import { runChokepoint } from "../../bench/simgrid/runChokepoint.js";
import { runSimgrid, SIMGRID_PYTHON } from "../../bench/simgrid/runSimgrid.js";
import { missingSimgridPackages } from "../../bench/missingPackages.js";
import { skipCrossCheck } from "./skipCrossCheck.js";

const TOLERANCE = 1e-9;
const missing = missingSimgridPackages();
const skip = skipCrossCheck("test/crosscheck/simgridNative.test.ts (SimGrid cross-check)", missing);
const dir = mkdtempSync(join(tmpdir(), "chokepoint-native-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The case with chokepoint's maxmin-rtt model selected (SimGrid's replay ignores the key). */
function writeRttCase(c: CrossCheckCase): string {
  const file = join(dir, `${c.name.replace(/\W+/g, "-")}.json`);
  writeFileSync(file, JSON.stringify({ ...c, transport: { model: "maxmin-rtt" } }));
  return file;
}

/**
 * Two 1 GB flows into one 10 Gb/s link (C = 1.25e9 B/s); f0's route has 1 ms of latency,
 * f1's 3 ms. f0 drains alone from 1 ms to 3 ms (2.5e6 B); then shares go as 1/latency,
 * 3:1: f0 at 0.9375e9 B/s needs (1.25e9 − 2.5e6)/0.9375e9 = 1.3306667 s → 1.3336667 s.
 * All 2.5e9 B cross the link at C from 1 ms on, so f1 ends at 1 ms + 2 s = 2.001 s.
 */
const twoLatencies: CrossCheckCase = {
  name: "two flows, routes of 1 ms and 3 ms",
  seed: 1,
  topology: {
    nodes: [{ id: "a" }, { id: "c" }, { id: "s" }, { id: "b" }],
    links: [
      { from: "a", to: "s", bandwidth: "100Gbps", latency: "1ms" },
      { from: "c", to: "s", bandwidth: "100Gbps", latency: "3ms" },
      { from: "s", to: "b", bandwidth: "10Gbps", latency: "0s" },
    ],
  },
  workloads: [
    { transfer: { id: "f0", src: "a", dst: "b", size: "1250000000B", start: "0s", path: ["a", "s", "b"] } },
    { transfer: { id: "f1", src: "c", dst: "b", size: "1250000000B", start: "0s", path: ["c", "s", "b"] } },
  ],
};
const expected: Record<string, number> = { f0: 0.003 + (1.25e9 - 2.5e6) / 0.9375e9, f1: 2.001 };

describe.skipIf(skip)(`maxmin-rtt against SimGrid's native CM02 (${SIMGRID_PYTHON})`, () => {
  it("python3-simgrid is installed (CI installs it; elsewhere this file is skipped without it)", () => {
    expect(missing.map((m) => `${m.name} is not installed: ${m.reason}`)).toEqual([]);
  });

  it("two flows with 1 ms and 3 ms routes: SimGrid and chokepoint give the hand-derived finish times", () => {
    const file = writeRttCase(twoLatencies);
    const theirs = runSimgrid(file, SIMGRID_PYTHON, true);
    const ours = runChokepoint(file);
    for (const [id, t] of Object.entries(expected)) {
      expect(Math.abs(theirs.finishS.get(id)! - t) / t, `SimGrid ${id}`).toBeLessThanOrEqual(TOLERANCE);
      expect(Math.abs(ours.finishS.get(id)! - t) / t, `chokepoint ${id}`).toBeLessThanOrEqual(TOLERANCE);
    }
  });

  it("a k=8 fat-tree with 1,000 web-search flows (routes of 2 to 6 hops) finishes every flow as SimGrid does", () => {
    const file = writeRttCase(makeCase({ k: 8, flows: 1000, load: 0.5, seed: 2 }));
    const theirs = runSimgrid(file, SIMGRID_PYTHON, true);
    const ours = runChokepoint(file);
    const cmp = compareFinishTimes(ours.finishS, theirs.finishS, ours.startS);
    expect(cmp.flows).toBe(1000);
    expect(cmp.maxRelativeError, `worst flow ${cmp.worstId}`).toBeLessThanOrEqual(TOLERANCE);
  });
});
