// End-to-end tests of studies: the same sweep.csv whatever the jobs, shards or interruptions; bad points run nothing.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { writeStudyTables } from "../../src/sweep/runStudy.js";
import { readCsv } from "../../src/report/readCsv.js";
import { bundledModuleUrl } from "../bundledModuleUrl.js";
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

  it("gives a shard that selects no run (13/20 of 12 runs) the header lines of a run's sweep.csv and sweep-summary.csv", async () => {
    const none = join(tmp, "shard-13-of-20");
    expect((await runCli("sweep", file, "--out", none, "--shard", "13/20", "--quiet")).code).toBe(0);
    const oneRun = join(tmp, "only-p0-r0");
    expect((await runCli("sweep", file, "--out", oneRun, "--filter", "p0-r0", "--quiet")).code).toBe(0);
    const firstLine = (dir: string, name: string) => read(dir, name).toString("utf8").split("\n")[0];
    for (const name of ["sweep.csv", "sweep-summary.csv"]) {
      expect(firstLine(oneRun, name), name).toMatch(/^(run_id|point),/);
      expect(read(none, name).toString("utf8"), name).toBe(`${firstLine(oneRun, name)}\n`);
    }
  });

  it("resumes an interrupted study (killed mid-run) to a byte-identical sweep.csv, redoing only what was missing", async () => {
    const big = study(3000);
    const full = join(tmp, "uninterrupted");
    expect((await runCli("sweep", big, "--out", full, "--jobs", "2", "--quiet")).code).toBe(0);
    const out = join(tmp, "interrupted");
    const child = spawn(process.execPath, [fileURLToPath(bundledModuleUrl("main.js")), "sweep", big, "--out", out, "--jobs", "1", "--quiet"], {
      stdio: "ignore",
    });
    const runsDir = join(out, "runs");
    const finished = () => (existsSync(runsDir) ? readdirSync(runsDir).filter((d) => existsSync(join(runsDir, d, "point.json"))) : []);
    const completed = () => finished().length;
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
    const kept = finished()[0];
    const keptInfo = runJson(kept);
    expect((await runCli("sweep", big, "--out", out, "--jobs", "2", "--quiet")).code).toBe(0);
    expect(runJson(kept)).toBe(keptInfo); // a complete run is skipped, not redone
    expect(read(out).equals(read(full))).toBe(true);
  });

  it("says how many runs a resumed study reused from the earlier sweep, and how many it ran", async () => {
    const out = join(tmp, "reused");
    const first = await runCli("sweep", file, "--out", out, "--jobs", "2");
    expect(first.stdout).toMatch(/^12 runs: 12 ok, 0 failed in \d+\.\d s → /);
    for (const id of ["p0-r0", "p1-r2", "p3-r1"]) rmSync(join(out, "runs", id), { recursive: true });
    const again = await runCli("sweep", file, "--out", out, "--jobs", "2");
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^12 runs: 12 ok, 0 failed \(reused 9 of 12 runs from an earlier sweep, ran 3\) in \d+\.\d s → /);
    expect(read(out).equals(read(one))).toBe(true);
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
    // A filter that selects nothing is refused, and the study's sweep.csv is not replaced by an empty table.
    const before = read(byIds);
    const none = await runCli("sweep", file, "--out", byIds, "--filter", "bw == 30", "--quiet");
    expect(none).toEqual({ code: 2, stdout: "", stderr: `chokepoint: --filter "bw == 30" selects none of the study's 12 runs — nothing to run\n` });
    expect(read(byIds).equals(before)).toBe(true);
  });

  it("names --filter in a filter's mistakes (syntax, unknown variable), as sweep.where's name the key: exit 2, one line, nothing written", async () => {
    const out = join(tmp, "bad-filter");
    const cases: [string, string][] = [
      ["bw ==", `--filter "bw ==": expected a value, found the end at column 6`],
      ["bw ==== 40", `--filter "bw ==== 40": "===" is not an operator at column 4 — use ==`],
      ["bww == 40", `--filter "bww == 40": unknown variable "bww" at column 1 (did you mean "bw"?)`],
    ];
    for (const [filter, message] of cases) {
      expect(await runCli("sweep", file, "--out", out, "--filter", filter, "--quiet"), filter).toEqual({ code: 2, stdout: "", stderr: `chokepoint: ${message}\n` });
      expect(existsSync(out)).toBe(false);
    }
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

  it("refuses a variable the scenario never reads (a typo sweeps nothing): exit 2, one sentence, nothing written", async () => {
    const typo = join(tmp, "typo-var.yaml");
    writeFileSync(typo, readFileSync(file, "utf8").replace("    load: [0.3, 0.6]\n", "    load: [0.3, 0.6]\n    bandwith: [10, 40, 100]\n"));
    const out = join(tmp, "typo-out");
    for (const args of [["sweep", typo, "--out", out], ["validate", typo], ["sweep", typo, "--dry-run"]]) {
      const r = await runCli(...args);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toBe(
        `chokepoint: ${typo}: sweep.vars.bandwith is read nowhere (no \${bandwith} in the scenario or in sweep.where), so its 3 values would run 3 identical points — write "\${bandwith}" where the value goes (topology.leafSpine.hostBandwidth?) or remove the variable\n`,
      );
    }
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

/** Write a study file holding `text` and return its path. */
function studyFile(name: string, text: string): string {
  const file = join(tmp, name);
  writeFileSync(file, text);
  return file;
}

/** A small study: loads × flows of web-search traffic on a leaf–spine, two repetitions. */
const editable = (loads: string, flows: number) => `name: editable
seed: 9
sweep:
  vars:
    load: ${loads}
  repeat: 2
topology:
  leafSpine: { leaves: 2, spines: 1, hostsPerLeaf: 2, hostBandwidth: 10Gbps, uplinkBandwidth: 20Gbps, latency: 1us }
workloads:
  - traffic: { name: ws, pattern: uniform, load: "\${load}", size: { cdf: websearch }, flows: ${flows} }
`;

describe("chokepoint sweep resumed after the study was edited", () => {
  it("runs again exactly the runs whose scenario or seed changed, to the sweep.csv of a fresh run of the edited study", async () => {
    const file = studyFile("editable.yaml", editable("{ from: 0.1, to: 0.5, step: 0.2 }", 40));
    const out = join(tmp, "edited");
    expect((await runCli("sweep", file, "--out", out, "--jobs", "2", "--quiet")).code).toBe(0);
    const runJson = (id: string) => readFileSync(join(out, "runs", id, "run.json"), "utf8");
    const before = new Map(["p0-r0", "p1-r0", "p2-r0"].map((id) => [id, runJson(id)]));
    const record = JSON.parse(readFileSync(join(out, "runs", "p1-r1", "point.json"), "utf8"));
    expect(record).toMatchObject({ run_id: "p1-r1", point: 1, repetition: 1, values: { load: 0.3 } });
    expect(record.key).toMatch(/^sha256:[0-9a-f]{64}$/);

    // A variable's values change: from 0.1 → 0.3 shifts every point; p0 and p1 now hold loads 0.3 and 0.5, run before as p1 and p2.
    writeFileSync(file, editable("{ from: 0.3, to: 0.7, step: 0.2 }", 40));
    const resumed = await runCli("sweep", file, "--out", out, "--jobs", "2", "--quiet");
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain("6 runs in");
    expect(resumed.stderr).toContain("will run again: p0-r0, p0-r1, p1-r0, p1-r1, p2-r0, p2-r1");
    const fresh = join(tmp, "edited-fresh");
    expect((await runCli("sweep", file, "--out", fresh, "--jobs", "2", "--quiet")).code).toBe(0);
    expect(read(out).toString()).toBe(read(fresh).toString());
    expect(read(out, "sweep-summary.csv").equals(read(fresh, "sweep-summary.csv"))).toBe(true);
    for (const id of before.keys()) expect(runJson(id)).not.toBe(before.get(id));

    // A fixed value changes (flows 40 → 30): every point's scenario changes, the values stay.
    writeFileSync(file, editable("[0.3, 0.5, 0.7]", 30));
    const afterFlows = await runCli("sweep", file, "--out", out, "--jobs", "2", "--quiet");
    expect(afterFlows.stderr).toContain("will run again: p0-r0");
    const fresh30 = join(tmp, "edited-fresh-30");
    expect((await runCli("sweep", file, "--out", fresh30, "--jobs", "2", "--quiet")).code).toBe(0);
    expect(read(out).equals(read(fresh30))).toBe(true);
    expect((await readCsv(join(out, "sweep.csv"))).every((r) => r.flows === "30")).toBe(true);

    // An edit that leaves a point's scenario as it was (a list written instead of a range, one value added) reuses its runs.
    const kept = runJson("p1-r1");
    writeFileSync(file, editable("[0.3, 0.5, 0.7, 0.9]", 30));
    const grown = await runCli("sweep", file, "--out", out, "--jobs", "2", "--quiet");
    expect(grown.stderr).toBe("");
    expect(runJson("p1-r1")).toBe(kept);
    expect((await readCsv(join(out, "sweep.csv"))).map((r) => r.load)).toEqual(["0.3", "0.3", "0.5", "0.5", "0.7", "0.7", "0.9", "0.9"]);
  });

  it("runs again the runs whose input files changed (a transfer list, a CDF), and only those", async () => {
    const dir = join(tmp, "inputs");
    mkdirSync(dir, { recursive: true });
    const list = (sizeBytes: number) => `id,src,dst,size_bytes,start_s\nt0,h0,h2,${sizeBytes},0\nt1,h1,h3,${sizeBytes},0\n`;
    writeFileSync(join(dir, "flows.csv"), list(1e6));
    writeFileSync(join(dir, "sizes.csv"), "size_bytes,cdf\n1000,0.5\n2000,1\n");
    const file = studyFile(
      "inputs/study.yaml",
      `name: inputs
seed: 2
sweep:
  vars:
    bw: [10, 20]
topology:
  leafSpine: { leaves: 2, spines: 1, hostsPerLeaf: 2, hostBandwidth: "\${bw}Gbps", uplinkBandwidth: 40Gbps, latency: 1us }
workloads:
  - transfers: { file: flows.csv }
`,
    );
    const out = join(tmp, "inputs-out");
    expect((await runCli("sweep", file, "--out", out, "--quiet")).code).toBe(0);
    const first = read(out).toString();
    // Unchanged file: every run is reused.
    const again = await runCli("sweep", file, "--out", out, "--quiet");
    expect(again.stderr).toBe("");
    expect(read(out).toString()).toBe(first);
    // The list's sizes double: both runs are stale, and the resumed study equals a fresh one.
    writeFileSync(join(dir, "flows.csv"), list(2e6));
    const resumed = await runCli("sweep", file, "--out", out, "--quiet");
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain("will run again: p0-r0, p1-r0");
    const fresh = join(tmp, "inputs-fresh");
    expect((await runCli("sweep", file, "--out", fresh, "--quiet")).code).toBe(0);
    expect(read(out).toString()).toBe(read(fresh).toString());
    expect(read(out).toString()).not.toBe(first);
  });

  it("treats results without a record (an older chokepoint, or a write cut short) as stale", async () => {
    const file = studyFile("unrecorded.yaml", editable("[0.2]", 20));
    const out = join(tmp, "unrecorded");
    expect((await runCli("sweep", file, "--out", out, "--quiet")).code).toBe(0);
    rmSync(join(out, "runs", "p0-r1", "point.json"));
    writeFileSync(join(out, "runs", "p0-r0", "point.json"), "{ not json");
    const r = await runCli("sweep", file, "--out", out, "--quiet");
    expect(r.stderr).toContain("2 runs in");
    expect(r.stderr).toContain("will run again: p0-r0, p0-r1");
    expect(existsSync(join(out, "runs", "p0-r1", "point.json"))).toBe(true);
  });
});

describe("chokepoint merge", () => {
  const file = studyFile("merge.yaml", editable("[0.2, 0.4, 0.6]", 20));
  const shards = [0, 1, 2].map((i) => join(tmp, `merge-shard-${i}`));

  it("refuses missing shards, naming the missing runs, unless --allow-partial", async () => {
    for (const [i, dir] of shards.entries()) {
      expect((await runCli("sweep", file, "--out", dir, "--shard", `${i}/3`, "--quiet")).code).toBe(0);
    }
    const out = join(tmp, "merge-partial");
    const r = await runCli("merge", shards[0], shards[1], "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "chokepoint: merge: 2 of the study's 6 runs are missing (shard 2/3 not given): p1-r0, p2-r1 — give every shard's directory, or --allow-partial to merge the runs present\n",
    );
    expect(existsSync(out)).toBe(false);

    const partial = await runCli("merge", shards[0], shards[1], "--out", out, "--allow-partial");
    expect(partial.code).toBe(0);
    expect(partial.stderr).toContain("2 of the study's 6 runs are missing: p1-r0, p2-r1");
    expect(partial.stdout).toContain("merged 4 of 6 runs");
    expect((await readCsv(join(out, "sweep.csv"))).map((x) => x.run_id)).toEqual(["p0-r0", "p0-r1", "p1-r1", "p2-r0"]);

    const whole = join(tmp, "merge-whole");
    expect((await runCli("merge", ...shards, "--out", whole)).code).toBe(0);
    const single = join(tmp, "merge-single");
    expect((await runCli("sweep", file, "--out", single, "--quiet")).code).toBe(0);
    for (const f of ["sweep.csv", "sweep-summary.csv", "study.json"]) expect(read(whole, f).equals(read(single, f))).toBe(true);
    // The partial merge and the missing shard complete each other.
    expect((await runCli("merge", out, shards[2], "--out", join(tmp, "merge-completed"))).code).toBe(0);
    expect(read(join(tmp, "merge-completed")).equals(read(single))).toBe(true);
  });

  it("refuses shards of an edited study and directories without study.json", async () => {
    const edited = join(tmp, "merge-edited");
    writeFileSync(join(tmp, "merge-edited.yaml"), editable("[0.2, 0.4, 0.6]", 25));
    expect((await runCli("sweep", join(tmp, "merge-edited.yaml"), "--out", edited, "--shard", "2/3", "--quiet")).code).toBe(0);
    const r = await runCli("merge", shards[0], shards[1], edited, "--out", join(tmp, "merge-mixed"));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`merge: ${edited} holds another study, or another selection of runs, than ${shards[0]}`);
    const bare = join(tmp, "merge-bare");
    mkdirSync(bare);
    writeFileSync(join(bare, "sweep.csv"), read(shards[2]));
    const b = await runCli("merge", shards[0], shards[1], bare, "--out", join(tmp, "merge-bare-out"));
    expect(b.code).toBe(2);
    expect(b.stderr).toContain(`${join(bare, "study.json")} does not exist`);
    expect((await runCli("merge", shards[0], shards[1], bare, "--out", join(tmp, "merge-bare-out"), "--allow-partial")).code).toBe(0);
  });
});

describe("chokepoint sweep: study edge cases", () => {
  it("refuses a where that keeps no point, and names the file when where fails at a point", async () => {
    const none = studyFile("none.yaml", editable("[0.2, 0.4]", 20).replace("  repeat: 2", '  repeat: 2\n  where: "load > 0.5"'));
    const out = join(tmp, "none-out");
    const r = await runCli("sweep", none, "--out", out);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`chokepoint: ${none}: sweep.where "load > 0.5" keeps none of the 2 points — nothing to run\n`);
    expect(existsSync(out)).toBe(false);
    expect((await runCli("validate", none)).code).toBe(2);

    const bad = studyFile("where-fails.yaml", editable('[0.2, "x"]', 20).replace("  repeat: 2", '  repeat: 2\n  where: "load < 0.5"'));
    const w = await runCli("validate", bad);
    expect(w.code).toBe(2);
    expect(w.stderr).toBe(`chokepoint: ${bad}: sweep.where "load < 0.5" at load=x: "<" cannot compare string "x" with number 0.5 at column 6\n`);
  });

  it("validates a study listing 100,000 values", async () => {
    const values = Array.from({ length: 100_000 }, (_, i) => i + 1).join(", ");
    const big = studyFile(
      "hundred-thousand.yaml",
      `name: big\nsweep:\n  vars:\n    n: [${values}]\ntopology:\n  leafSpine: { leaves: 1, spines: 1, hostsPerLeaf: 2, hostBandwidth: 10Gbps, uplinkBandwidth: 10Gbps, latency: 1us }\nworkloads:\n  - traffic: { name: t, pattern: uniform, load: 0.1, size: 1MB, flows: "\${n}" }\n`,
    );
    const r = await runCli("validate", big);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("a study of 100000 points, 100000 runs, every point valid");
  }, 120_000);
});
