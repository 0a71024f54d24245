// Every example scenario validates and runs through the CLI; the hand-derived ones reproduce their numbers.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readCsv, runCli as run } from "../cli/runCli.js";
import { roundoffBeyondChance } from "../report/roundoffCells.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-examples-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const REPORTS = ["flows.csv", "links.csv", "bottlenecks.csv", "summary.csv", "run.json"];
/** Scenarios whose full run another test already makes (test/cli/cli.test.ts runs default.yaml twice). */
const RUN_ELSEWHERE = new Set(["default.yaml", "ai/training-1024.yaml", "ai/rudimentary-network.yaml", "ai/advanced-network.yaml", "ai/shared-fabric.yaml", "ai/moe-expert-parallel.yaml"]);
const scenarioFiles = (dir: string, prefix = "") =>
  readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/i.test(f))
    .sort()
    .map((f) => prefix + f);
/** Top-level scenarios, then the AI scenarios of scenarios/ai (as "ai/<file>"). */
const examples = [...scenarioFiles("scenarios"), ...scenarioFiles("scenarios/ai", "ai/")];



const runs = new Map<string, Promise<string>>();

/** Run a scenario (once per file) into its own directory and return that directory. */
function runExample(name: string): Promise<string> {
  let out = runs.get(name);
  if (!out) {
    out = (async () => {
      const dir = join(tmp, name.replace(/\.\w+$/, "").replace("/", "-"));
      const r = await run("run", join("scenarios", name), "--out", dir, "--quiet");
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      return dir;
    })();
    runs.set(name, out);
  }
  return out;
}

/** finish_s of every flow, by id. */
function finishTimes(out: string): Record<string, number> {
  return Object.fromEntries(readCsv(join(out, "flows.csv")).map((f) => [f.id, Number(f.finish_s)]));
}

describe("example scenarios", () => {
  it("include the documented examples", () => {
    for (const name of ["firewall.yaml", "weights-and-caps.yaml", "leaf-spine-oversubscribed.yaml", "incast.yaml", "mixed-topology.yaml"]) {
      expect(examples).toContain(name);
    }
  });

  for (const name of examples) {
    it(`${name} validates`, async () => {
      const r = await run("validate", join("scenarios", name));
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(": ok — ");
    });
    if (RUN_ELSEWHERE.has(name)) continue;
    it(`${name} runs to completion and writes the five reports`, async () => {
      const out = await runExample(name);
      for (const f of REPORTS) expect(existsSync(join(out, f))).toBe(true);
      const summary = readCsv(join(out, "summary.csv"))[0];
      // Every flow ends: delivered, or failed by a scenario event (never left unfinished).
      const status = readCsv(join(out, "flows.csv")).map((f) => f.status);
      expect(status.filter((s) => s !== "done" && s !== "failed")).toEqual([]);
      expect(Number(summary.finished)).toBe(status.filter((s) => s === "done").length);
      // No round-off in any report: fractions in [0, 1], slowdowns ≥ 1, whole bytes, ≤ 12 significant
      // digits (whole numbers, written exactly, may have more), and no elapsed cell ending in a noise tail
      // beyond the few that genuine values of a large file show by chance (roundoffBeyondChance).
      expect(roundoffBeyondChance(out).filter((c) => c.kind !== "integer-digits>12")).toEqual([]);
    });
  }
});

describe("hand-derived example results", () => {
  it("surge: the 3× window holds about three times the flows of a normal 0.2 s, and every flow finishes around the spine failure", async () => {
    // 6,000 arrivals/s: [0, 0.4 s) ≈ 2,400 (σ ≈ 49), [0.4, 0.6 s) ≈ 3 × 1,200 = 3,600 (σ = 60); 5σ bounds.
    const out = await runExample("surge.yaml");
    const flows = readCsv(join(out, "flows.csv"));
    const starts = flows.map((f) => Number(f.start_s));
    const before = starts.filter((t) => t < 0.4).length;
    const during = starts.filter((t) => t >= 0.4 && t < 0.6).length;
    expect(Math.abs(before - 2400)).toBeLessThan(5 * Math.sqrt(2400));
    expect(Math.abs(during - 3600)).toBeLessThan(5 * 60);
    expect(flows.every((f) => f.status === "done")).toBe(true);
    // spine1 is down over [0.5, 0.8): its links carry nothing in the intervals inside.
    const series = readCsv(join(out, "timeseries.csv"));
    const spine1 = (start: string) => series.filter((r) => r.interval_start_s === start && r.name.includes("spine1"));
    expect(spine1("0.6")).toEqual([]);
    expect(spine1("0.7")).toEqual([]);
    expect(spine1("0.3").length).toBeGreaterThan(0);
  });

  it("link-failure: bulk reroutes after convergence, stranded fails, after takes the restored link", async () => {
    // bulk: 2.5e9 B at 1.25e9 B/s from 2 ms; s1–b fails at 1.002 s with 1.25e9 B left;
    // rerouted at 1.052 s (50 ms convergence) on the 5 ms backup, drains from 1.057 s at
    // 5e8 B/s for 2.5 s → 3.557 s. stranded: c's only link fails at 0.5 s → failed at 0.55 s.
    // after: s1–b back at 4 s, routes at 4.05 s; at 5 s it takes a–s1–b: 5.002 + 1 = 6.002 s.
    const out = await runExample("link-failure.yaml");
    const flows = Object.fromEntries(readCsv(join(out, "flows.csv")).map((f) => [f.id, f]));
    expect(Number(flows.bulk.finish_s)).toBeCloseTo(3.557, 9);
    expect(flows.bulk.status).toBe("done");
    expect(flows.stranded.status).toBe("failed");
    expect(flows.stranded.finish_s).toBe("");
    expect(Number(flows.after.finish_s)).toBeCloseTo(6.002, 9);
    expect(flows.after.bottleneck).toBe("a->s1");
    const summary = readCsv(join(out, "summary.csv"))[0];
    expect(Number(summary.finished)).toBe(2);
    // timeseries.csv: a->s1 in [0, 1) carries 0.998 s × 1.25e9 B/s; in [1, 2) the last 2 ms.
    const series = readCsv(join(out, "timeseries.csv"));
    const row = (start: number, name: string) => series.find((r) => Number(r.interval_start_s) === start && r.name === name);
    expect(Number(row(0, "a->s1")!.bytes)).toBeCloseTo(1.2475e9, 0);
    expect(Number(row(0, "a->s1")!.mean_util)).toBeCloseTo(0.998, 9);
    expect(Number(row(1, "a->s1")!.bytes)).toBeCloseTo(2.5e6, 0);
    // bulk's bytes over all intervals are its size.
    const bulk = series.filter((r) => r.scope === "workload" && r.name === "bulk").reduce((s, r) => s + Number(r.bytes), 0);
    expect(bulk).toBeCloseTo(2.5e9, 0);
  });

  it("queues-agents-surge-dctcp: the DCTCP flows' marks add up to the ports' (links.csv); Cubic's drop-tail variant marks none and cuts for losses", async () => {
    // Every workload runs DCTCP: what links.csv counts at a port is what its flows carried (their
    // slow-start bursts' marks, and the sawtooth's fraction of their rates), each rounded to the
    // packet. Measured: 2,434,033 in flows.csv against 2,434,518 in links.csv (0.02 %).
    const out = await runExample("queues-agents-surge-dctcp.yaml");
    const flows = readCsv(join(out, "flows.csv"));
    const sum = (rows: Array<Record<string, string>>, column: string) => rows.reduce((s, r) => s + Number(r[column] || 0), 0);
    const linkMarks = sum(readCsv(join(out, "links.csv")), "marks");
    expect(linkMarks).toBeGreaterThan(1e6);
    expect(Math.abs(sum(flows, "marks") - linkMarks) / linkMarks).toBeLessThan(1e-3);
    // A flow cut for marks was marked: its marks round to 0 only where a slow-start round's fluid
    // count of marked packets was under half a packet (1 flow of 13,294 here: 0.46).
    const cutUnmarked = flows.filter((f) => Number(f.mark_cuts) > 0 && Number(f.marks) === 0).length;
    expect(cutUnmarked).toBeLessThan(flows.length / 1000);
    expect(sum(flows, "mark_cuts")).toBeGreaterThan(0);
    const cubic = readCsv(join(await runExample("queues-agents-surge.yaml"), "flows.csv"));
    expect(sum(cubic, "marks") + sum(cubic, "mark_cuts")).toBe(0);
    // Cubic's windows are cut for their losses: a fast recovery for most of the flows that lost and did not time out.
    expect(sum(cubic, "loss_cuts")).toBeGreaterThan(0);
  });

  it("link-failure-tcp: the rerouted Cubic flow keeps its window and drains at window / RTT of the backup", async () => {
    // Window W = 4 MiB; a packet is 1,448 + 90 B, an ACK 90 B. Backup RTT = 2 · 5 ms +
    // 3 · 1,628 / 5e8 = 10.009768 ms: W / RTT = 4.19021e8 B/s < 5e8, so from 1.057 s (rerouted
    // at 1.052 s, 5 ms latency) bulk drains at that rate, with no queue at a->s2.
    const out = await runExample("link-failure-tcp.yaml");
    const flows = Object.fromEntries(readCsv(join(out, "flows.csv")).map((f) => [f.id, f]));
    expect([flows.bulk.status, flows.stranded.status, flows.after.status]).toEqual(["done", "failed", "done"]);
    // 3,000-packet buffers: no slow start overflows a port.
    expect([flows.bulk.retransmits, flows.bulk.timeouts]).toEqual(["0", "0"]);
    const rate = 4_194_304 / (0.01 + (3 * 1628) / 5e8);
    const series = readCsv(join(out, "timeseries.csv"));
    const row = (start: number, name: string) => series.find((r) => Number(r.interval_start_s) === start && r.name === name)!;
    for (const start of [2, 3]) {
      expect(Number(row(start, "a->s2").bytes) / rate).toBeCloseTo(1, 8);
      expect(Number(row(start, "a->s2").queue_mean_bytes)).toBe(0);
    }
    // Independently, flows.csv's finish: what a->s1 (bulk's alone) carried before the failure
    // leaves the rest of its wire bytes (2.5e9 + ⌈2.5e9 / 1448⌉ · 90) to drain at that rate.
    const wire = 2.5e9 + Math.ceil(2.5e9 / 1448) * 90;
    const primary = Number(row(0, "a->s1").bytes) + Number(row(1, "a->s1").bytes);
    expect(Number(flows.bulk.finish_s)).toBeCloseTo(1.057 + (wire - primary) / rate, 6);
  });

  it("firewall: four copies share the 10 Gb/s firewall with a late fifth", async () => {
    // Route latency L = 4 links × 250 µs = 1 ms; the firewall carries 1.25e9 B/s in all.
    // [1 ms, 1.001 s): copy0…3 at 1.25e9/4 = 3.125e8 B/s drain 3.125e8 B, 6.875e8 B left.
    // [1.001 s, …): five flows at 2.5e8 B/s; late (5e8 B) needs 2 s → 3.001 s. The copies
    // then have 6.875e8 − 5e8 = 1.875e8 B left at 3.125e8 B/s: 0.6 s → 3.601 s.
    const out = await runExample("firewall.yaml");
    const finish = finishTimes(out);
    for (const id of ["copy0", "copy1", "copy2", "copy3"]) expect(finish[id]).toBeCloseTo(3.601, 9);
    expect(finish.late).toBeCloseTo(3.001, 9);
    const flows = readCsv(join(out, "flows.csv"));
    expect(flows.every((f) => f.bottleneck === "node:fw")).toBe(true);
    // Alone: L + 1e9 B / 1.25e9 B/s = 0.801 s.
    expect(Number(flows[0].ideal_fct_s)).toBeCloseTo(0.801, 9);
    const top = readCsv(join(out, "bottlenecks.csv"))[0];
    expect(top.resource).toBe("node:fw");
    expect(top.tier).toBe("appliance");
    // Flow-seconds bound at the firewall: 4 copies × 3.6 s + late 2 s = 16.4.
    expect(Number(top.bottleneck_flow_s)).toBeCloseTo(16.4, 9);
  });

  it("weights-and-caps: weight 3 takes three shares, the cap binds once heavy is gone", async () => {
    // Link 5e9 B/s, no latency. [0, 1 s): weights 3+1+1, level 1e9: heavy 3e9 (3 GB done at
    // 1 s), light 1e9, capped 1e9 (< its 2e9 cap). [1 s, 1.75 s): equal shares would be
    // 2.5e9 but capped is held at 2e9, light gets 3e9; capped's last 1.5e9 B take 0.75 s.
    // Then light's last 4e9 − 1e9 − 2.25e9 = 0.75e9 B go at 5e9 B/s: 0.15 s → 1.9 s.
    const out = await runExample("weights-and-caps.yaml");
    const finish = finishTimes(out);
    expect(finish.heavy).toBeCloseTo(1, 9);
    expect(finish.capped).toBeCloseTo(1.75, 9);
    expect(finish.light).toBeCloseTo(1.9, 9);
    const summary = readCsv(join(out, "summary.csv"))[0];
    // 9.5e9 B in 1.9 s is the link's full 40 Gb/s.
    expect(Number(summary.makespan_s)).toBeCloseTo(1.9, 9);
    expect(Number(summary.throughput_gbps)).toBeCloseTo(40, 6);
  });

  it("leaf-spine-oversubscribed: a 4:1 uplink is the top bottleneck", async () => {
    // Each leaf offers ~731 Gb/s of cross-leaf traffic to 400 Gb/s of uplinks, while host
    // links run at ~60%: the top-ranked resource must be a leaf–spine channel (either way).
    const out = await runExample("leaf-spine-oversubscribed.yaml");
    const [top] = readCsv(join(out, "bottlenecks.csv"));
    expect(top.tier).toBe("leaf-spine");
    expect(Number(top.capacity_gbps)).toBe(200);
  });

  it("incast: the receiver's edge link binds and each incast lasts 2 µs + 64 MB / 12.5 GB/s", async () => {
    // 32 × 2 MB through one 1.25e10 B/s link: 5.12 ms once the first (2-hop, 2 µs) sender
    // arrives; the remote senders (4 hops) are the last to finish, 5.122 ms after the start.
    const out = await runExample("incast.yaml");
    const flows = readCsv(join(out, "flows.csv"));
    expect(flows).toHaveLength(5 * 32);
    for (let k = 0; k < 5; k++) {
      const group = flows.slice(32 * k, 32 * (k + 1));
      expect(Math.max(...group.map((f) => Number(f.fct_s)))).toBeCloseTo(0.005122, 9);
      expect(group.every((f) => f.bottleneck === `leaf${Math.floor(Number(f.dst.slice(1)) / 8)}->${f.dst}`)).toBe(true);
    }
    const ranked = readCsv(join(out, "bottlenecks.csv"));
    expect(ranked.every((b) => b.tier === "host-nic")).toBe(true);
  });

  it("mixed-topology: the storage array's 200 Gb/s binds, not its 400 Gb/s link", async () => {
    // Eight backups each limited to 200/8 = 25 Gb/s = 3.125e9 B/s by the array (the link
    // allows 50): 10e9 B take 3.2 s after 5 µs in flight → 3.200005 s.
    const out = await runExample("mixed-topology.yaml");
    const flows = readCsv(join(out, "flows.csv"));
    expect(flows).toHaveLength(8);
    for (const f of flows) {
      expect(Number(f.finish_s)).toBeCloseTo(3.200005, 9);
      expect(f.bottleneck).toBe("node:storage");
    }
    const link = readCsv(join(out, "links.csv")).find((l) => l.link === "c0->storage")!;
    expect(Number(link.peak_util)).toBeCloseTo(0.5, 9);
    expect(Number(link.bytes)).toBeCloseTo(8e10, 0);
  });

  it("storage: reads share the read capacity, a write has its own", async () => {
    // Reads: 1.25e10 B/s ÷ 4 = 3.125e9 B/s each, 1 GB → 0.32 s + 3 µs. Write: 1 GB at 5e9 B/s + 3 µs.
    const out = await runExample("storage.yaml");
    const finish = finishTimes(out);
    for (const g of [0, 1, 2, 3]) expect(finish[`read-g${g}`]).toBeCloseTo(0.320003, 9);
    expect(finish.checkpoint).toBeCloseTo(0.200003, 9);
    const flows = readCsv(join(out, "flows.csv"));
    expect(flows.find((f) => f.id === "read-g0")!.bottleneck).toBe("node:storage0:read");
    expect(flows.find((f) => f.id === "checkpoint")!.bottleneck).toBe("node:storage0:write");
  });

  it("geo-wan: WAN latency comes from great-circle distance × 1.5 ÷ 2e8 m/s", async () => {
    // London (51.5074, −0.1278) to Frankfurt (50.1109, 8.6821) by the spherical law of cosines
    // (independent of the haversine in src/net/greatCircle.ts), R = 6,371,008.8 m.
    const r = Math.PI / 180;
    const cos =
      Math.sin(51.5074 * r) * Math.sin(50.1109 * r) + Math.cos(51.5074 * r) * Math.cos(50.1109 * r) * Math.cos((8.6821 + 0.1278) * r);
    const wanS = (6371008.8 * Math.acos(cos) * 1.5) / 2e8;
    // 1 GB over 10 Gb/s access links: 0.8 s, plus 1 ms + WAN + 1 ms.
    const out = await runExample("geo-wan.yaml");
    expect(finishTimes(out)["london-to-frankfurt"]).toBeCloseTo(0.8 + 0.002 + wanS, 9);
    expect(wanS).toBeCloseTo(0.00478, 4);
  });

  it("nfv placement: a datacenter appliance multiplexes the busy site, an edge function saves the backhaul", async () => {
    // Datacenter: 4 × 1 GB through 2.5e9 B/s, 6.25e8 B/s each → 1.6 s + 2 × 5 ms of WAN.
    const dc = finishTimes(await runExample("nfv-datacenter.yaml"));
    for (const id of ["a0", "a1", "a2", "b0"]) expect(dc[id]).toBeCloseTo(1.61, 9);
    expect(dc.ping).toBeCloseTo(5 + 0.01 + 1e3 / 2.5e9, 12);
    // Edge: site A's 3 flows share 1.25e9 B/s → 2.4 s; B alone at 1.25e9 B/s → 0.8 s; no WAN.
    const edge = finishTimes(await runExample("nfv-edge.yaml"));
    for (const id of ["a0", "a1", "a2"]) expect(edge[id]).toBeCloseTo(2.4, 9);
    expect(edge.b0).toBeCloseTo(0.8, 9);
    expect(edge.ping).toBeCloseTo(5 + 1e3 / 1.25e9, 12);
  });

  it("gpu-cluster: a rail incast shares one NIC, NVLink and lone rail flows run at full speed", async () => {
    // Incast: 4 × 1 GB into h0g0's 400 Gb/s NIC, 1.25e10 B/s each: 0.08 s + 2 × 1 µs.
    // NVLink: 9 GB at 4.5e11 B/s = 0.02 s, 0 s latency. Rail: 1 GB at 5e10 B/s + 2 µs.
    const out = await runExample("gpu-cluster.yaml");
    const finish = finishTimes(out);
    for (const h of [1, 2, 3, 4]) expect(finish[`incast-h${h}`]).toBeCloseTo(0.080002, 9);
    expect(finish.nvlink).toBeCloseTo(0.02, 9);
    expect(finish.rail).toBeCloseTo(0.020002, 9);
    const flows = readCsv(join(out, "flows.csv"));
    expect(flows.find((f) => f.id === "incast-h1")!.bottleneck).toBe("rail0->h0g0");
  });
});

describe("example studies in scenarios/sweeps", () => {
  const studies = readdirSync("scenarios/sweeps").filter((f) => /\.(ya?ml|json)$/i.test(f)).sort();

  it("there are at least two", () => {
    expect(studies.length).toBeGreaterThanOrEqual(2);
  });

  for (const name of studies) {
    it(`${name} validates every point and runs to a sweep.csv with every run ok`, async () => {
      const file = join("scenarios/sweeps", name);
      const v = await run("validate", file);
      expect(v.code).toBe(0);
      const out = join(tmp, `study-${name}`);
      const r = await run("sweep", file, "--out", out, "--jobs", "2", "--quiet");
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      const rows = readCsv(join(out, "sweep.csv"));
      const runs = Number(/(\d+) runs/.exec(v.stdout)![1]);
      expect(rows).toHaveLength(runs);
      expect(rows.every((row) => row.status === "ok")).toBe(true);
    });
  }
});
