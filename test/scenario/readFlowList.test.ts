// readFlowList: HPCC and htsim flow files replay byte for byte as the same transfers listed in CSV or in the scenario, and each mistake is one sentence at its line and column.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeCase } from "../../bench/simgrid/makeCase.js";
import { runScenario } from "../../src/run/runScenario.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";
import { runCli } from "../cli/runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "flow-list-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const REPORTS = ["flows.csv", "links.csv", "bottlenecks.csv", "summary.csv"];

/** A k=4 fat-tree (hosts h0 … h15, in host order) and 300 web-search flows, with each flow's host numbers. */
function flows() {
  const c = makeCase({ k: 4, flows: 300, load: 0.6, seed: 5 });
  const rows = c.workloads.map(({ transfer: t }, k) => ({
    k,
    src: Number(t.src.slice(1)),
    dst: Number(t.dst.slice(1)),
    sizeBytes: Number(t.size.replace(/B$/, "")),
    startS: t.start!.replace(/s$/, ""),
  }));
  return { topology: c.topology, rows };
}

/** Run each scenario document (written into `tmp`) and return its report directories. */
async function runAll(name: string, docs: Record<string, unknown>[]): Promise<string[]> {
  const dirs = [];
  for (const [i, doc] of docs.entries()) {
    const file = join(tmp, `${name}-${i}.json`);
    writeFileSync(file, JSON.stringify(doc));
    const out = join(tmp, `${name}-out-${i}`);
    await runScenario(prepareScenario(file), { outDir: out });
    dirs.push(out);
  }
  return dirs;
}

function expectSameReports(dirs: string[]): void {
  for (const report of REPORTS) {
    const first = readFileSync(join(dirs[0], report), "utf8");
    for (const dir of dirs.slice(1)) expect(readFileSync(join(dir, report), "utf8"), `${report} of ${dir}`).toBe(first);
  }
}

describe("flow files of other simulators", () => {
  it("an HPCC flow.txt (node i = the i-th host) gives byte for byte the reports of the same flows as a CSV transfer list and as explicit transfers", async () => {
    const { topology, rows } = flows();
    writeFileSync(join(tmp, "flow.txt"), `${rows.length}\n${rows.map((r) => `${r.src} ${r.dst} 3 100 ${r.sizeBytes} ${r.startS}`).join("\n")}\n`);
    const csv = ["id,src,dst,size_bytes,start_s", ...rows.map((r) => `hpcc-${r.k},h${r.src},h${r.dst},${r.sizeBytes},${r.startS}`)];
    writeFileSync(join(tmp, "hpcc.csv"), `${csv.join("\n")}\n`);
    const explicit = rows.map((r) => ({ transfer: { id: `hpcc-${r.k}`, src: `h${r.src}`, dst: `h${r.dst}`, size: `${r.sizeBytes}B`, start: `${r.startS}s` } }));
    const base = { name: "hpcc", seed: 1, topology };
    const dirs = await runAll("hpcc", [
      { ...base, workloads: [{ transfers: { name: "hpcc", file: "flow.txt", format: "hpcc" } }] },
      { ...base, workloads: [{ transfers: { name: "hpcc", file: "hpcc.csv" } }] },
      { ...base, workloads: explicit },
    ]);
    expectSameReports(dirs);
    expect(readFileSync(join(dirs[0], "flows.csv"), "utf8").split("\n")[1]).toMatch(/^hpcc-0,h\d+,h\d+,/);
  });

  it("an htsim connection matrix (starts in µs, nodes by a template) gives byte for byte the reports of the same flows as a CSV transfer list and as explicit transfers", async () => {
    const { topology, rows } = flows();
    // Starts in µs as htsim writes them; the equivalent forms give the same text with the unit "us".
    const us = rows.map((r) => String(Number(r.startS) * 1e6));
    const lines = rows.map((r, i) => `${r.src}->${r.dst} id ${r.k + 1} start ${us[i]} size ${r.sizeBytes}${i % 3 === 0 ? " prio 2000000" : ""}`);
    writeFileSync(join(tmp, "flows.cm"), `# a comment\nNodes 16\nConnections ${rows.length}\n${lines.join("\n")}\n`);
    const csv = ["id,src,dst,size_bytes,start", ...rows.map((r, i) => `cm-${r.k + 1},h${r.src},h${r.dst},${r.sizeBytes},${us[i]}us`)];
    writeFileSync(join(tmp, "htsim.csv"), `${csv.join("\n")}\n`);
    const explicit = rows.map((r, i) => ({ transfer: { id: `cm-${r.k + 1}`, src: `h${r.src}`, dst: `h${r.dst}`, size: `${r.sizeBytes}B`, start: `${us[i]}us` } }));
    const base = { name: "htsim", seed: 1, topology };
    const dirs = await runAll("htsim", [
      { ...base, workloads: [{ transfers: { name: "cm", file: "flows.cm", format: "htsim", nodes: "h{i}" } }] },
      { ...base, workloads: [{ transfers: { name: "cm", file: "htsim.csv" } }] },
      { ...base, workloads: explicit },
    ]);
    expectSameReports(dirs);
  });

  it("the example scenarios hpcc-flows.yaml and htsim-flows.yaml finish as derived by hand in their files", async () => {
    for (const name of ["hpcc", "htsim"]) {
      const out = join(tmp, `example-${name}`);
      const r = await runCli("run", `scenarios/${name}-flows.yaml`, "--out", out, "--quiet");
      expect(r.stderr).toBe("");
      const finish = readFileSync(join(out, "flows.csv"), "utf8").trim().split("\n").slice(1).map((l) => l.split(",").slice(0, 6).join(","));
      const [a, b, c] = name === "hpcc" ? ["hpcc-0", "hpcc-1", "hpcc-2"] : ["htsim-1", "htsim-2", "htsim-3"];
      expect(finish).toEqual([`${a},h0,h2,1250000000,0,2.000004`, `${b},h1,h2,1250000000,0,2.000004`, `${c},h3,h0,125000000,1,1.100004`]);
    }
  });

  const TOPOLOGY = "topology:\n  leafSpine: { leaves: 2, spines: 1, hostsPerLeaf: 2, hostBandwidth: 10Gbps, uplinkBandwidth: 10Gbps }\n";
  const BAD: Array<[string, string, string, string]> = [
    ["hpcc", "", "2\n0 1 3 100 1000 0\n0 1 3 100 1000\n", "f:3:1: expected 6 fields (src dst priority dport size start_time), found 5"],
    ["hpcc", "", "1\n0 x 3 100 1000 0\n", 'f:2:3 (dst): "x" is not a node number (a whole number ≥ 0)'],
    ["hpcc", "", "1\n0 1 3 100 1.5 0\n", 'f:2:11 (size): "1.5" is not a whole number of bytes ≥ 0'],
    ["hpcc", "", "1\n0 1 3 100 10 -1\n", 'f:2:14 (start_time): "-1" is not a number of seconds ≥ 0 (e.g. 2.000001)'],
    ["hpcc", "", "3\n0 1 3 100 10 0\n", "f:1:1: declares 3 flows but the file lists 1"],
    ["hpcc", "", "1\n0 1 3 100 10 0\n1 0 3 100 10 0\n", "f:3:1: line 1 declares 1 flows and this line is one more (HPCC reads only the declared flows)"],
    ["hpcc", "", "flows 1\n", 'f:1:1: the first line of an HPCC flow file is the number of flows, found "flows 1"'],
    ["hpcc", "", "1\n0 4 3 100 10 0\n", "f:2:3 (dst): node 4 is past the last host — the topology has 4 nodes of kind host, numbered from 0"],
    ["hpcc", "", "1\n2 2 3 100 10 0\n", 'f:2:3 (dst): the destination is the source "h2"'],
    ["hpcc", ', nodes: "x{i}"', "1\n0 1 3 100 10 0\n", 'f:2:1 (src): unknown node "x0"'],
    ["htsim", "", "Nodes 4\n0->1 start 0 size 10 trigger 1\n", 'f:2:22 (trigger): "trigger" is not supported (chokepoint replays connections with start times only)'],
    ["htsim", "", "0->1 start 0 sise 10\n", 'f:1:14 (sise): unknown field "sise" — a connection reads <src>-><dst> start <µs> size <bytes> [id <n>] [prio <n>]'],
    ["htsim", "", "0->1 size 10\n", 'f:1:1: the connection has no "start <µs>"'],
    ["htsim", "", "Nodes 2\n0->3 start 0 size 10\n", 'f:2:4 (dst): node 3 is not below the file\'s "Nodes 2"'],
    ["htsim", "", "Connections 2\n0->1 start 0 size 10\n", "f:1:1: declares 2 connections but the file lists 1"],
    ["htsim", "", "0->1 id 4 start 0 size 10\n1->0 id 4 start 0 size 10\n", 'f:2:9 (id): flow id 4 is used twice (the flow would be "t-4" twice)'],
    ["htsim", "", "0->1 start 1e-3x size 10\n", 'f:1:12 (start): "1e-3x" is not a start in microseconds ≥ 0 (e.g. 12.5)'],
    ["csv", ', nodes: "h{i}"', "id,src,dst,size,start\n", "workloads[0].transfers.nodes: only hpcc and htsim files number their nodes"],
    ["htsim", ', nodes: "h"', "0->1 start 0 size 10\n", 'workloads[0].transfers.nodes: "h" is neither "hosts" nor a template with {i} (e.g. "h{i}")'],
  ];
  for (const [format, extra, text, expected] of BAD) {
    it(`refuses ${format} ${JSON.stringify(text.slice(0, 40))}${extra} in one sentence, exit 2: ${expected.slice(0, 60)}`, async () => {
      const dir = mkdtempSync(join(tmp, "bad-"));
      writeFileSync(join(dir, "f"), text);
      writeFileSync(join(dir, "s.yaml"), `${TOPOLOGY}workloads:\n  - transfers: { name: t, file: f, format: ${format}${extra} }\n`);
      const r = await runCli("validate", join(dir, "s.yaml"));
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(expected.replace(/^f:/, `${join(dir, "f")}:`));
    });
  }
});
