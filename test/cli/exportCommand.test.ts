// chokepoint export: the notebook graph (nodes, links, flows on their routes), the SimGrid files' shape, and one-sentence refusals with nothing written.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { GraphDocument } from "../../src/report/graphJson.js";
import { readCsv, runCli } from "./runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-export-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("chokepoint export", () => {
  it("--format json writes graph.json: firewall.yaml's 11 nodes (the firewall's 10 Gb/s capacity) and 10 links in bytes/s and seconds", async () => {
    const out = join(tmp, "firewall-json");
    const r = await runCli("export", "scenarios/firewall.yaml", "--format", "json", "--out", out);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`export: graph.json → ${out} (11 nodes, 10 links)\n`);
    const g = JSON.parse(readFileSync(join(out, "graph.json"), "utf8")) as GraphDocument;
    expect(g.format).toBe("chokepoint-graph");
    expect(g.nodes).toHaveLength(11);
    expect(g.nodes.find((n) => n.id === "fw")).toEqual({ id: "fw", kind: "firewall", site: null, capacity_bps: 1.25e9 });
    expect(g.nodes.find((n) => n.id === "a0")).toEqual({ id: "a0", kind: "host", site: null });
    expect(g.links).toHaveLength(10);
    expect(g.links[0]).toEqual({ source: "a0", target: "siteA", bandwidth_bps: 1.25e10, latency_s: 0.00025 });
    expect(g.flows).toBeUndefined();
  });

  it("--format json --flows adds every flow with its route: parking-lot's long flow crosses n0 n1 n2 n3 and finishes at 1.601 s", async () => {
    const out = join(tmp, "parking-lot-json");
    const r = await runCli("export", "scenarios/parking-lot.yaml", "--format", "json", "--flows", "--out", out, "--quiet");
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe("");
    const g = JSON.parse(readFileSync(join(out, "graph.json"), "utf8")) as GraphDocument;
    expect(g.flows).toHaveLength(4);
    const long = g.flows!.find((f) => f.id === "long")!;
    expect(long).toMatchObject({ workload: "long", src: "n0", dst: "n3", size_bytes: 1e9, start_s: 0, path: ["n0", "n1", "n2", "n3"] });
    expect(long.finish_s).toBeCloseTo(1.601, 12);
  });

  it("--format json --flows gives each ECMP flow the path of its run: the same links the run's flows.csv bottlenecks name", async () => {
    const out = join(tmp, "incast-json");
    const run = join(tmp, "incast-run");
    expect((await runCli("export", "scenarios/incast.yaml", "--format", "json", "--flows", "--out", out, "--quiet")).code).toBe(0);
    expect((await runCli("run", "scenarios/incast.yaml", "--out", run, "--quiet")).code).toBe(0);
    const g = JSON.parse(readFileSync(join(out, "graph.json"), "utf8")) as GraphDocument;
    const flows = readCsv(join(run, "flows.csv"));
    expect(g.flows).toHaveLength(flows.length);
    for (const f of flows) {
      const e = g.flows!.find((x) => x.id === f.id)!;
      const links = e.path.slice(1).map((n, i) => `${e.path[i]}->${n}`);
      expect(links, f.id).toContain(f.bottleneck);
      // The same number flows.csv writes, not the unrounded double.
      expect(e.finish_s).toBe(Number(f.finish_s));
      expect(e.start_s).toBe(Number(f.start_s));
    }
  });

  it("--format json writes numbers without float round-off: two-hosts' pinned flow ends at 0.201002 s, a 5us latency is 0.000005", async () => {
    const out = join(tmp, "two-hosts-json");
    expect((await runCli("export", "scenarios/two-hosts.yaml", "--format", "json", "--flows", "--out", out, "--quiet")).code).toBe(0);
    const text = readFileSync(join(out, "graph.json"), "utf8");
    // pinned: 500 MB from 1 ms, after 2 µs of latency, at 2.5e9 B/s: 1.002 ms + 0.2 s (was 0.20100200000000001).
    expect((JSON.parse(text) as GraphDocument).flows!.find((f) => f.id === "pinned")!.finish_s).toBe(0.201002);
    expect(text).not.toMatch(/\d\.\d*(0{7,}[1-9]|9{7,})/);
    const dragonfly = join(tmp, "dragonfly-json");
    expect((await runCli("export", "scenarios/dragonfly-adversarial-valiant.yaml", "--format", "json", "--out", dragonfly, "--quiet")).code).toBe(0);
    const links = (JSON.parse(readFileSync(join(dragonfly, "graph.json"), "utf8")) as GraphDocument).links;
    expect(links.filter((l) => l.latency_s === 0.000005).length).toBeGreaterThan(0); // was 0.0000049999999999999996
    expect(readFileSync(join(dragonfly, "graph.json"), "utf8")).not.toMatch(/\d\.\d*(0{7,}[1-9]|9{7,})/);
  });

  it("--format simgrid writes the platform, deployment, chokepoint's finish times and an executable driver; the same bytes twice", async () => {
    const dirs = [join(tmp, "firewall-simgrid-1"), join(tmp, "firewall-simgrid-2")];
    for (const out of dirs) {
      const r = await runCli("export", "scenarios/firewall.yaml", "--format", "simgrid", "--out", out);
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toContain(`run it in SimGrid and compare: /usr/bin/python3 ${out}/run_simgrid.py`);
    }
    for (const name of ["platform.xml", "deployment.xml", "chokepoint.csv", "run_simgrid.py"]) {
      expect(readFileSync(join(dirs[1], name), "utf8"), name).toBe(readFileSync(join(dirs[0], name), "utf8"));
    }
    const platform = readFileSync(join(dirs[0], "platform.xml"), "utf8");
    expect(platform).toContain('<prop id="network/model" value="CM02"/>');
    expect(platform).toContain('<link id="node:fw" bandwidth="1250000000Bps" latency="0s"></link>');
    expect(platform).toContain('<link id="a0-&gt;siteA" bandwidth="12500000000Bps" latency="0s"><prop id="latency_s" value="0.00025"/></link>');
    const deployment = readFileSync(join(dirs[0], "deployment.xml"), "utf8");
    expect(deployment).toContain('<actor host="route0" function="flow"><argument value="copy0"/><argument value="1000000000"/><argument value="0.001"/><argument value="0"/></actor>');
    expect(readCsv(join(dirs[0], "chokepoint.csv"))[0]).toMatchObject({ id: "copy0", src: "a0", dst: "b0", activation_s: "0.001" });
    expect(statSync(join(dirs[0], "run_simgrid.py")).mode & 0o111).not.toBe(0);
  });

  const tcp = join(tmp, "tcp.yaml");
  writeFileSync(tcp, readFileSync("scenarios/two-hosts.yaml", "utf8").replace(/^workloads:/m, "transport: { model: tcp }\nworkloads:"));
  const REFUSALS: Array<[string[], string]> = [
    [["scenarios/link-failure.yaml", "--format", "simgrid"], "scenarios/link-failure.yaml: cannot export to SimGrid: the scenario has events (failures, capacity changes or surges); a SimGrid platform is static, so only scenarios without events can be exported"],
    [[tcp, "--format", "simgrid"], `${tcp}: cannot export to SimGrid: workloads[0] (transfer) is carried by the tcp transport; only maxmin flows match SimGrid's CM02 — set transport: { model: maxmin } (on the workload or the scenario) to export it`],
    [["scenarios/ai/rudimentary-network.yaml", "--format", "simgrid"], 'workloads[0] (training "llm") is carried by the rdma transport (training defaults to rdma); only maxmin flows match'],
    [["scenarios/weights-and-caps.yaml", "--format", "simgrid"], 'flow "heavy" has weight 3; SimGrid 3.32 shares a link equally among its communications, so a scenario with weighted flows cannot be exported to SimGrid'],
    [["scenarios/two-hosts.yaml"], '"chokepoint export" needs --format simgrid or json'],
    [["scenarios/two-hosts.yaml", "--format", "ns3"], '--format must be simgrid or json, found "ns3"'],
    [["scenarios/two-hosts.yaml", "--format", "simgrid", "--flows"], "--flows goes with --format json (a SimGrid export always holds the flows)"],
    [["scenarios/bad/bad-size-unit.yaml", "--format", "json"], "scenarios/bad/bad-size-unit.yaml"],
  ];
  for (const [args, message] of REFUSALS) {
    it(`refuses ${args.join(" ")} in one sentence, exit 2, nothing written`, async () => {
      const out = join(tmp, `refused-${REFUSALS.findIndex((c) => c[0] === args)}`);
      const r = await runCli("export", ...args, "--out", out);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
      expect(r.stderr).toContain(message);
      expect(existsSync(out)).toBe(false);
    });
  }

  it("refuses an export without --out", async () => {
    const r = await runCli("export", "scenarios/two-hosts.yaml", "--format", "json");
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("chokepoint: chokepoint export needs --out DIR, the directory to write into\n");
  });
});
