// End-to-end tests of studies: the same sweep.csv whatever the jobs, shards or interruptions; bad points run nothing.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeStudyTables } from "../../src/sweep/runStudy.js";
import { readCsv } from "../../src/report/readCsv.js";
import { runCli } from "../cli/runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-study-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** 2 bandwidths × 2 loads × 3 repetitions = 12 runs of web-search traffic on a small leaf–spine. */
function study(flows: number): string {
  const file = join(tmp, `tiny-${flows}.yaml`);
  writeFileSync(
    file,
    `name: tiny
seed: 3
sweep:
  vars:
    bw: [10, 40]
    load: [0.3, 0.6]
  repeat: 3
topology:
  leafSpine: { leaves: 2, spines: 1, hostsPerLeaf: 4, hostBandwidth: "\${bw}Gbps", uplinkBandwidth: 40Gbps, latency: 1us }
workloads:
  - traffic: { name: ws, pattern: uniform, load: "\${load}", size: { cdf: websearch }, flows: ${flows} }
`,
  );
  return file;
}

const read = (dir: string, name = "sweep.csv") => readFileSync(join(dir, name));

describe("chokepoint sweep", () => {
  const file = study(150);
  const one = join(tmp, "jobs1");

  it("expands, runs and tabulates every run: 12 rows in run order with the variables as written", async () => {
    const r = await runCli("sweep", file, "--out", one, "--jobs", "1", "--quiet");
    expect(r.code).toBe(0);
    const rows = await readCsv(join(one, "sweep.csv"));
    expect(rows.map((x) => x.run_id)).toEqual([
      "p0-r0", "p0-r1", "p0-r2", "p1-r0", "p1-r1", "p1-r2", "p2-r0", "p2-r1", "p2-r2", "p3-r0", "p3-r1", "p3-r2",
    ]);
    // First variable slowest: (10, 0.3), (10, 0.6), (40, 0.3), (40, 0.6).
    expect(rows.filter((x) => x.repetition === "0").map((x) => `${x.bw}/${x.load}`)).toEqual(["10/0.3", "10/0.6", "40/0.3", "40/0.6"]);
    expect(rows.every((x) => x.status === "ok" && x.flows === "150")).toBe(true);
    // Common random numbers: a repetition has one seed at every point; repetition 0 keeps the study's seed.
    for (const rep of ["0", "1", "2"]) expect(new Set(rows.filter((x) => x.repetition === rep).map((x) => x.seed)).size).toBe(1);
    expect(rows.find((x) => x.run_id === "p0-r0")!.seed).toBe("3");
    const summary = await readCsv(join(one, "sweep-summary.csv"));
    expect(summary).toHaveLength(4);
    expect(summary[0].n_ok).toBe("3");
  });

  it("writes a byte-identical sweep.csv with two jobs", async () => {
    const two = join(tmp, "jobs2");
    expect((await runCli("sweep", file, "--out", two, "--jobs", "2", "--quiet")).code).toBe(0);
    expect(read(two).equals(read(one))).toBe(true);
    expect(read(two, "sweep-summary.csv").equals(read(one, "sweep-summary.csv"))).toBe(true);
  });

  it("writes a byte-identical sweep.csv from two shards merged", async () => {
    const shards = [0, 1].map((i) => join(tmp, `shard-${i}`));
    for (const [i, dir] of shards.entries()) {
      expect((await runCli("sweep", file, "--out", dir, "--shard", `${i}/2`, "--quiet")).code).toBe(0);
    }
    expect((await readCsv(join(shards[0], "sweep.csv"))).length).toBe(6);
    const merged = join(tmp, "merged");
    expect((await runCli("merge", ...shards, "--out", merged)).code).toBe(0);
    expect(read(merged).equals(read(one))).toBe(true);
    expect(read(merged, "sweep-summary.csv").equals(read(one, "sweep-summary.csv"))).toBe(true);
  });

  it("resumes an interrupted study (killed mid-run) to a byte-identical sweep.csv, redoing only what was missing", async () => {
    const big = study(3000);
    const full = join(tmp, "uninterrupted");
    expect((await runCli("sweep", big, "--out", full, "--jobs", "2", "--quiet")).code).toBe(0);
    const out = join(tmp, "interrupted");
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli/main.ts", "sweep", big, "--out", out, "--jobs", "1", "--quiet"], {
      stdio: "ignore",
    });
    const runsDir = join(out, "runs");
    const completed = () => (existsSync(runsDir) ? readdirSync(runsDir).filter((d) => existsSync(join(runsDir, d, "run.json"))).length : 0);
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        if (completed() >= 2) {
          clearInterval(timer);
          child.kill("SIGKILL");
          resolve();
        }
      }, 20);
      child.on("exit", () => {
        clearInterval(timer);
        reject(new Error("the study finished before it could be interrupted"));
      });
    });
    await new Promise((r) => child.once("exit", r));
    const before = completed();
    expect(before).toBeGreaterThanOrEqual(2);
    expect(before).toBeLessThan(12);
    expect(existsSync(join(out, "sweep.csv"))).toBe(false);
    const runJson = (id: string) => readFileSync(join(runsDir, id, "run.json"), "utf8");
    const kept = readdirSync(runsDir).find((d) => existsSync(join(runsDir, d, "run.json")))!;
    const keptInfo = runJson(kept);
    expect((await runCli("sweep", big, "--out", out, "--jobs", "2", "--quiet")).code).toBe(0);
    expect(runJson(kept)).toBe(keptInfo); // a complete run is skipped, not redone
    expect(read(out).equals(read(full))).toBe(true);
  });

  it("lists points and counts runs with --dry-run, writing nothing", async () => {
    const out = join(tmp, "dry");
    const r = await runCli("sweep", file, "--out", out, "--dry-run");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("4 points × 3 repetitions = 12 runs");
    expect(existsSync(out)).toBe(false);
  });

  it("runs a subset with --filter by expression or by run ids", async () => {
    const byExpr = join(tmp, "filter-expr");
    expect((await runCli("sweep", file, "--out", byExpr, "--filter", "bw == 40 && repetition == 1", "--quiet")).code).toBe(0);
    expect((await readCsv(join(byExpr, "sweep.csv"))).map((x) => x.run_id)).toEqual(["p2-r1", "p3-r1"]);
    const byIds = join(tmp, "filter-ids");
    expect((await runCli("sweep", file, "--out", byIds, "--filter", "p0-r2,p3-r0", "--quiet")).code).toBe(0);
    expect((await readCsv(join(byIds, "sweep.csv"))).map((x) => x.run_id)).toEqual(["p0-r2", "p3-r0"]);
  });

  it("refuses a point whose substituted scenario is wrong: exit 2, the point named, nothing run", async () => {
    const bad = join(tmp, "bad.yaml");
    writeFileSync(bad, readFileSync(file, "utf8").replace("bw: [10, 40]", "bw: [10, -5]"));
    const out = join(tmp, "bad-out");
    const r = await runCli("sweep", bad, "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}: point 2 (bw=-5, load=0.3): topology.leafSpine.hostBandwidth: "-5Gbps" is negative`);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
    const unknown = join(tmp, "unknown-var.yaml");
    writeFileSync(unknown, readFileSync(file, "utf8").replace("${load}", "${lod}"));
    const u = await runCli("sweep", unknown, "--out", out);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/lod/);
    expect(existsSync(out)).toBe(false);
  });

  it("records a failed run in sweep.csv with its message instead of stopping the study", async () => {
    const dir = join(tmp, "tables");
    mkdirSync(join(dir, "runs", "p0-r0"), { recursive: true });
    writeFileSync(join(dir, "runs", "p0-r0", "failed.txt"), "flow \"x\": something went wrong\n");
    const runs = [{ runId: "p0-r0", point: 0, repetition: 0, seed: 1, values: { bw: 10 } }];
    expect(await writeStudyTables(dir, runs, ["bw"])).toEqual({ ok: 0, failed: 1 });
    const [row] = await readCsv(join(dir, "sweep.csv"));
    expect(row).toMatchObject({ run_id: "p0-r0", bw: "10", status: "failed", message: 'flow "x": something went wrong', flows: "" });
    const [summary] = await readCsv(join(dir, "sweep-summary.csv"));
    expect(summary).toMatchObject({ n_ok: "0", n_failed: "1" });
  });
});
