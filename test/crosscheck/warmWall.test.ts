// warmWall: a case run N times as one study on one worker gives N walls of one computation; bad run counts are refused.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { checkCopies, warmWall } from "../../bench/ns3/warmWall.js";
import { bundledModuleUrl } from "../bundledModuleUrl.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const tmp = mkdtempSync(join(tmpdir(), "warm-wall-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
/** chokepoint's CLI as this run's bundle of src (test/bundleSources.ts), as compare.ts's BUILT_CLI is the build's. */
const CLI = [fileURLToPath(bundledModuleUrl("main.js"))];

/** Two hosts, one 10 Gb/s link, three pinned transfers under tcp: a case like compare.ts's. */
const CASE = {
  name: "warm-two-hosts",
  seed: 3,
  transport: { model: "tcp" },
  topology: { nodes: [{ id: "a" }, { id: "b" }], links: [{ from: "a", to: "b", bandwidth: "10Gbps", latency: "10us" }] },
  workloads: [
    { transfer: { id: "f1", src: "a", dst: "b", size: "1MB", start: "0s" } },
    { transfer: { id: "f2", src: "a", dst: "b", size: "200KB", start: "10us" } },
    { transfer: { id: "f3", src: "b", dst: "a", size: "50KB", start: "20us" } },
  ],
};

describe("warmWall(scenario, copies)", () => {
  it("runs the case `copies` times as one study and returns each run's wall and the median of the warm ones", () => {
    const path = join(tmp, "case.json");
    writeFileSync(path, JSON.stringify(CASE));
    const w = warmWall(path, 3, tmp, CLI, ROOT);
    expect(w.runsS).toHaveLength(3);
    for (const s of w.runsS) expect(s).toBeGreaterThan(0);
    const [lo, hi] = [Math.min(w.runsS[1], w.runsS[2]), Math.max(w.runsS[1], w.runsS[2])];
    // d3's median of two interpolates lo + (hi − lo)·0.5, which can differ from (lo + hi)/2 in the last bit.
    expect(w.warmS).toBe(lo + (hi - lo) * 0.5);
  }, 120_000);

  it("refuses a study (the case must be plain) and a run count below 2 or not whole", () => {
    const path = join(tmp, "study.json");
    writeFileSync(path, JSON.stringify({ ...CASE, sweep: { vars: { x: [1, 2] } } }));
    expect(() => warmWall(path, 2, tmp, CLI, ROOT)).toThrow(/already a study \(it has a sweep block\)/);
    for (const bad of [1, 0, 2.5, "x", "3s", ""]) {
      expect(() => checkCopies(bad)).toThrow(`--warm takes a whole number of runs of at least 2 (one cold, then warm ones), got ${bad}`);
    }
    expect(checkCopies("8")).toBe(8);
  });
});
