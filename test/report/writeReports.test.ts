// Tests of writeReports: the five report files, written all-or-nothing and byte-identical across identical runs.
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { OffloadedResourceRecorder } from "../../src/report/OffloadedResourceRecorder.js";
import { ReportJobWorker } from "../../src/report/ReportJobWorker.js";
import { summarizeRun } from "../../src/report/summarizeRun.js";
import { writeReports, type WorkloadReportsInput } from "../../src/report/writeReports.js";
import { simulate } from "../../src/run/simulate.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";
import { parseCsv, twoFlowsSharing } from "./networks.js";

const meta = { scenarioName: "two-flows", scenarioHash: "abc123", seed: 7, wallS: 0.5, version: "9.9.9" };

/** writeReports' workloads input for a simulated scenario, as runScenario gives it. */
function workloadsOf(prepared: ReturnType<typeof prepareScenario>, s: ReturnType<typeof simulate>): WorkloadReportsInput {
  return {
    topology: prepared.topology,
    names: s.workloads.map((w) => w.name),
    kinds: prepared.scenario.workloads.map((w) => w.kind),
    results: s.workloads.map((w) => w.results?.() ?? {}),
    workloadOfFlow: s.workloadOfFlow,
  };
}

async function writeTwoFlowsSharing(outDir: string) {
  const { network, flows, resources, run } = twoFlowsSharing();
  await writeReports({ outDir, network, flows, resources, run, meta });
  return run;
}

describe("writeReports", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "reports-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes flows, links, bottlenecks, summary and run info", async () => {
    const run = await writeTwoFlowsSharing(dir);
    expect((await readdir(dir)).sort()).toEqual(["bottlenecks.csv", "flows.csv", "links.csv", "run.json", "summary.csv"]);
    const summaryText = await readFile(join(dir, "summary.csv"), "utf8");
    expect(summaryText.split("\n")[0]).toBe(
      "flows,finished,bytes,makespan_s,throughput_gbps,fct_p50_s,fct_p95_s,fct_p99_s,slowdown_p50,slowdown_p95,slowdown_p99,events",
    );
    const [summary] = parseCsv(summaryText);
    expect([summary.flows, summary.finished, summary.bytes, summary.events]).toEqual(["2", "2", "1500000000", String(run.events)]);
    expect(Number(summary.makespan_s)).toBeCloseTo(0.300002, 12);
    // links.csv: 1.5e9 B on a->s and s->b, none on the reverse channels.
    const links = parseCsv(await readFile(join(dir, "links.csv"), "utf8"));
    expect(links.map((l) => [l.link, Math.round(Number(l.bytes))])).toEqual([
      ["a->s", 1.5e9],
      ["s->a", 0],
      ["s->b", 1.5e9],
      ["b->s", 0],
    ]);
    // bottlenecks.csv: s->b alone, 0.5 flow-seconds (f0 0.3 s + f1 0.2 s), share 1.
    const bottlenecks = parseCsv(await readFile(join(dir, "bottlenecks.csv"), "utf8"));
    expect(bottlenecks).toHaveLength(1);
    expect(bottlenecks[0]).toMatchObject({ rank: "1", resource: "s->b", tier: "host-nic", capacity_gbps: "40", bottleneck_share: "1" });
    expect(Number(bottlenecks[0].bottleneck_flow_s)).toBeCloseTo(0.5, 10);
    const info = JSON.parse(await readFile(join(dir, "run.json"), "utf8"));
    expect(info).toMatchObject({ version: "9.9.9", scenario: "two-flows", scenario_hash: "abc123", seed: 7, wall_s: 0.5 });
    expect(info).toMatchObject({ end_reason: "idle", node_version: process.version, events: run.events });
    expect(info.events_per_s).toBe(run.events / 0.5);
    expect(info.peak_rss_bytes).toBeGreaterThan(0);
  });

  it("leaves no CSV and no staging directory when a writer fails", async () => {
    const { network, flows, resources, run } = twoFlowsSharing();
    const failing = { name: "extra.csv", write: () => Promise.reject(new Error("disk full")) };
    await expect(writeReports({ outDir: dir, network, flows, resources, run, meta, extraFiles: [failing] })).rejects.toThrow(
      "disk full",
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it("writes byte-identical CSVs for two identical runs", async () => {
    await writeTwoFlowsSharing(join(dir, "one"));
    await writeTwoFlowsSharing(join(dir, "two"));
    for (const name of ["flows.csv", "links.csv", "bottlenecks.csv", "summary.csv"]) {
      const one = await readFile(join(dir, "one", name));
      const two = await readFile(join(dir, "two", name));
      expect(one.equals(two), name).toBe(true);
    }
  });

  it("with the links' accounting in a worker, writes flows.csv before it reads the accounts, and the same bytes", async () => {
    const file = "scenarios/leaf-spine-oversubscribed.yaml";
    const write = async (offloadResources: boolean, outDir: string, reportWorker?: boolean) => {
      const prepared = prepareScenario(file);
      const s = simulate(prepared, { offloadResources });
      // Whether the worker's accounts were still due (not yet read) when flows.csv was written.
      let accountsDueAtFlows: boolean | undefined;
      const writeCsv = s.flows.writeCsv.bind(s.flows);
      s.flows.writeCsv = (path: string) => {
        accountsDueAtFlows = (s.resources as unknown as { accountsDue?: boolean }).accountsDue;
        return writeCsv(path);
      };
      const written = await writeReports({
        outDir,
        network: s.network,
        flows: s.flows,
        resources: s.resources,
        ...(s.queueing && { queueing: s.queueing }),
        run: s.run,
        meta,
        ...(reportWorker !== undefined && { reportWorker }),
        workloads: workloadsOf(prepared, s),
      });
      return { s, written, accountsDueAtFlows };
    };
    const jobs = vi.spyOn(ReportJobWorker.prototype, "write");
    const here = await write(false, join(dir, "here"));
    const there = await write(true, join(dir, "there"), true);
    // Unasked, a run of a few workloads keeps its tables in this thread (REPORT_JOB_MIN_WORKLOADS).
    await write(true, join(dir, "default"));
    expect(there.s.resources).toBeInstanceOf(OffloadedResourceRecorder);
    expect(here.accountsDueAtFlows).toBeUndefined();
    expect(there.accountsDueAtFlows).toBe(true);
    expect(there.written.summary).toEqual(here.written.summary);
    expect(there.written.summary).toEqual(summarizeRun(here.s));
    expect(there.written.files).toEqual(here.written.files);
    // workload-bottlenecks.csv and tiers.csv were a report worker's (one job, in the run with the links' worker), and tiers.csv's shares are still read here.
    expect(jobs.mock.calls.map((c) => c[0].map((f) => f.table))).toEqual([["workload-bottlenecks", "tiers"]]);
    jobs.mockRestore();
    expect(there.written.tierShares?.()).toEqual(here.written.tierShares?.());
    for (const name of here.written.files.filter((n) => n.endsWith(".csv"))) {
      const a = await readFile(join(dir, "here", name));
      const b = await readFile(join(dir, "there", name));
      expect(b.equals(a), name).toBe(true);
    }
  }, 60_000);
  it("interrupted while the worker writes its files: waits for it, then leaves no file and no staging directory", async () => {
    const prepared = prepareScenario("scenarios/leaf-spine-oversubscribed.yaml");
    const s = simulate(prepared, { offloadResources: true });
    const outDir = join(dir, "out");
    const sent = vi.spyOn(ReportJobWorker.prototype, "write");
    const waited = vi.spyOn(ReportJobWorker.prototype, "awaitWritten");
    let checks = 0;
    // The job is posted before the first file; the second check comes after flows.csv, while the worker writes.
    const interruption = {
      check: () => {
        if (++checks === 2) throw new Error("interrupted");
      },
    };
    await expect(
      writeReports({
        outDir,
        network: s.network,
        flows: s.flows,
        resources: s.resources,
        run: s.run,
        meta,
        interruption,
        reportWorker: true,
        workloads: workloadsOf(prepared, s),
      }),
    ).rejects.toThrow("interrupted");
    expect(sent).toHaveBeenCalledTimes(1);
    // Waited for before the staging was removed (and again, a no-op, on the way out).
    expect(waited).toHaveBeenCalled();
    sent.mockRestore();
    waited.mockRestore();
    expect(await readdir(dir)).toEqual([]);
  }, 60_000);
});
