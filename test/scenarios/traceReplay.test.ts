// A transfers file (trace replay) runs as derived by hand, and gives the very flows, links and bottlenecks of the same transfers listed in the scenario.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeCase } from "../../bench/simgrid/makeCase.js";
import { runScenario } from "../../src/run/runScenario.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";
import { readCsv, runCli } from "../cli/runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "trace-replay-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("transfers from a CSV file", () => {
  it("trace-replay.yaml: x2 alone, x1 and x3 share s1->b, x4 alone later — as derived in the file", async () => {
    // Every link 1.25e9 B/s, two hops of 0.5 ms: L = 1 ms. x2: 1 ms + 1.25e9 B / 1.25e9 B/s = 1.001 s.
    // x1 alone until x3 drains (0.501 s), then 6.25e8 B/s each: x1's last 6.25e8 B end at 1.501 s;
    // x3 has 6.25e8 B left and ends at 1.501 + 0.5 = 2.001 s. x4: 3 s + 1 ms + 0.5 s = 3.501 s.
    const out = join(tmp, "trace-replay");
    const r = await runCli("run", "scenarios/trace-replay.yaml", "--out", out, "--quiet");
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const flows = Object.fromEntries(readCsv(join(out, "flows.csv")).map((f) => [f.id, f]));
    expect(Object.keys(flows)).toEqual(["x1", "x2", "x3", "x4"]);
    expect(Number(flows.x1.finish_s)).toBeCloseTo(1.501, 12);
    expect(Number(flows.x2.finish_s)).toBeCloseTo(1.001, 12);
    expect(Number(flows.x3.finish_s)).toBeCloseTo(2.001, 12);
    expect(Number(flows.x4.finish_s)).toBeCloseTo(3.501, 12);
    expect(flows.x1.bottleneck).toBe("s1->b");
    expect(flows.x3.bottleneck).toBe("s1->b");
    // Bytes: a's two uplinks carry x1, x2 and x4 (x4 on either); c->s1 carries x3; s1->b carries
    // what a->s1 does (x1, and x4 if it went that way) plus x3.
    const bytes = Object.fromEntries(readCsv(join(out, "links.csv")).map((l) => [l.link, Number(l.bytes)]));
    expect(bytes["a->s1"] + bytes["a->s2"]).toBe(3.125e9);
    expect(bytes["c->s1"]).toBe(1.25e9);
    expect(bytes["s1->b"] - bytes["a->s1"]).toBe(1.25e9);
    // One workload of four flows in workloads.csv: mean fct (1.501 + 1.001 + 1.501 + 0.501) / 4.
    const w = readCsv(join(out, "workloads.csv"));
    expect(w.map((x) => [x.workload, x.kind, x.count])).toEqual([["trace", "transfers", "4"]]);
    expect(Number(w[0].mean)).toBeCloseTo(4.504 / 4, 12);
  });

  it("gives byte for byte the flows, links, bottlenecks and summary of the same 400 transfers listed in the scenario", async () => {
    const c = makeCase({ k: 4, flows: 400, load: 0.6, seed: 3 });
    // Every fifth transfer routed by ECMP (keyed by its id, the same in both forms), the rest pinned.
    const transfers = c.workloads.map((w, i) => (i % 5 === 0 ? { ...w.transfer, path: undefined } : w.transfer));
    const listed = join(tmp, "listed.json");
    writeFileSync(listed, JSON.stringify({ ...c, workloads: transfers.map((t) => ({ transfer: t })) }));
    const csv = ["id,src,dst,size_bytes,start_s,path"];
    for (const t of transfers) csv.push([t.id, t.src, t.dst, t.size.replace(/B$/, ""), t.start!.replace(/s$/, ""), (t.path ?? []).join(" ")].join(","));
    writeFileSync(join(tmp, "trace.csv"), `${csv.join("\n")}\n`);
    const replayed = join(tmp, "replayed.json");
    writeFileSync(replayed, JSON.stringify({ ...c, workloads: [{ transfers: { name: "trace", file: "trace.csv" } }] }));
    const dirs = [];
    for (const file of [listed, replayed]) {
      const out = join(tmp, `out-${dirs.length}`);
      await runScenario(prepareScenario(file), { outDir: out });
      dirs.push(out);
    }
    for (const report of ["flows.csv", "links.csv", "bottlenecks.csv", "summary.csv"]) {
      expect(readFileSync(join(dirs[1], report), "utf8"), report).toBe(readFileSync(join(dirs[0], report), "utf8"));
    }
    // tiers.csv: the per-workload rows differ (400 workloads against one), the run's do not.
    const all = (dir: string) => readCsv(join(dir, "tiers.csv")).filter((r) => r.workload === "all");
    expect(all(dirs[1])).toEqual(all(dirs[0]));
    expect(readCsv(join(dirs[1], "flows.csv"))).toHaveLength(400);
  });
});
