// A study whose worker dies (out of memory): that run is recorded as failed, the others finish; resume keeps it, --retry-failed runs it again.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { runStudy, type StudyOptions } from "../../src/sweep/runStudy.js";
import { readCsv } from "../../src/report/readCsv.js";
import { runCli } from "../cli/runCli.js";

// The heap and flow counts below were measured with the worker started on the sources under tsx, whose loader
// takes part of that heap; the other tests start the bundled worker (test/useBundledWorkers.ts), which fits point 1.
vi.unmock("../../src/sweep/sweepWorkerUrl.js");

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-study-dies-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Write a study file holding `text` and return its path. */
function studyFile(name: string, text: string): string {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
}

describe("chokepoint sweep when a worker dies", () => {
  // Point 1 simulates 140,000 flows: within the size estimate (500 B a flow, docs/scenarios.md, Limits) for
  // a 24 MB heap (72 MiB with the young generation), but its worker overflows that heap; points 0 and 2 are small.
  // (150,000 flows in 32 MB overflowed until the reports stopped holding what they write.)
  const file = studyFile(
    "dies.yaml",
    `name: dies
seed: 4
sweep:
  vars:
    n: [30, 140000, 40]
topology:
  leafSpine: { leaves: 2, spines: 1, hostsPerLeaf: 2, hostBandwidth: 10Gbps, uplinkBandwidth: 20Gbps, latency: 1us }
workloads:
  - traffic: { name: ws, pattern: uniform, load: 0.3, size: { cdf: websearch }, flows: "\${n}" }
`,
  );
  const out = join(tmp, "dies");
  const options = (extra: Partial<StudyOptions> = {}): StudyOptions => ({
    outDir: out,
    jobs: 2,
    dryRun: false,
    version: "test",
    print: () => {},
    workerHeapMb: 24,
    ...extra,
  });

  it("records that run as failed with the reason, and finishes and tabulates the others", async () => {
    const outcome = await runStudy(file, options());
    expect(outcome).toEqual({ points: 3, runs: 3, ok: 2, failed: 1, reused: 0 });
    const rows = await readCsv(join(out, "sweep.csv"));
    expect(rows.map((r) => [r.run_id, r.status])).toEqual([["p0-r0", "ok"], ["p1-r0", "failed"], ["p2-r0", "ok"]]);
    expect(rows[1].message).toBe(
      "the worker ran out of memory (its heap is limited to 24 MB) — the other runs went on; rerun the study with --retry-failed to try this one again",
    );
    for (const id of ["p0-r0", "p2-r0"]) {
      for (const f of ["flows.csv", "links.csv", "bottlenecks.csv", "summary.csv", "run.json", "point.json"]) {
        expect(existsSync(join(out, "runs", id, f))).toBe(true);
      }
    }
    expect(readFileSync(join(out, "runs", "p1-r0", "failed.txt"), "utf8")).toContain("ran out of memory");
    expect(existsSync(join(out, "sweep-summary.csv"))).toBe(true);
  });

  it("keeps a failed run on resume, and runs it again with --retry-failed", async () => {
    const skipped = (o: StudyOptions) => {
      const seen: number[] = [];
      return { ...o, onProgress: (done: number) => seen.push(done), seen };
    };
    const keep = skipped(options());
    expect(await runStudy(file, keep)).toMatchObject({ ok: 2, failed: 1, reused: 3 });
    expect(keep.seen).toEqual([3]); // all three reused, nothing run
    const retry = skipped(options({ retryFailed: true }));
    expect(await runStudy(file, retry)).toMatchObject({ ok: 2, failed: 1, reused: 2 });
    expect(retry.seen).toEqual([2, 3]); // the failed run was run again (and died again)
  });

  it("passes --retry-failed and CHOKEPOINT_WORKER_MEMORY_MB through the command line", async () => {
    process.env.CHOKEPOINT_WORKER_MEMORY_MB = "24";
    try {
      const failedAt = () => statSync(join(out, "runs", "p1-r0", "failed.txt")).mtimeMs;
      const before = failedAt();
      const r = await runCli("sweep", file, "--out", out, "--retry-failed");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("3 runs: 2 ok, 1 failed");
      expect(failedAt()).toBeGreaterThan(before);
      expect(readFileSync(join(out, "runs", "p1-r0", "failed.txt"), "utf8")).toContain("limited to 24 MB");
    } finally {
      delete process.env.CHOKEPOINT_WORKER_MEMORY_MB;
    }
  });
});
