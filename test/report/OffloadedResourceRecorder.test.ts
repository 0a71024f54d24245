import { once } from "node:events";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { writeReportJob, type ReportJob } from "../../src/report/ReportJob.js";
import { simulate } from "../../src/run/simulate.js";
import type { ResourceRecorder } from "../../src/report/ResourceRecorder.js";
import { OffloadedResourceRecorder } from "../../src/report/OffloadedResourceRecorder.js";
import { summarizeFlows, summarizeRun } from "../../src/report/summarizeRun.js";
import { prepareScenario } from "../../src/scenario/prepareScenario.js";

/** Every number a recorder reports, per resource, as bits (so -0, NaN and the last ulp all count). */
function accounts(rec: ResourceRecorder, resourceCount: number): string[] {
  const bits = new Float64Array(1);
  const hex = (x: number) => {
    bits[0] = x;
    return Buffer.from(bits.buffer).toString("hex");
  };
  const out = [`horizon ${hex(rec.horizonS)}`];
  for (let r = 0; r < resourceCount; r++) {
    out.push(
      [rec.bytesOf(r), rec.meanUtilOf(r), rec.peakUtilOf(r), rec.p95UtilOf(r), rec.saturatedFracOf(r), rec.bottleneckFlowSOf(r)].map(hex).join(" "),
    );
  }
  return out;
}

/** Every flow's bottleneck accounts (FlowRecorder's, kept in the worker when offloaded), bits of the seconds included. */
function flowBounds(simulated: ReturnType<typeof simulate>): string[] {
  const bits = new Float64Array(1);
  const hex = (x: number) => {
    bits[0] = x;
    return Buffer.from(bits.buffer).toString("hex");
  };
  const out: string[] = [];
  for (let f = 0; f < simulated.network.flowCount; f++) {
    const pairs: string[] = [];
    simulated.flows.forEachBound(f, (b, s) => pairs.push(`${b}:${hex(s)}`));
    out.push(`${f} ${simulated.flows.bottleneckOf(f)} ${pairs.join(" ")}`);
  }
  return out;
}

function run(file: string, offloadResources: boolean) {
  const prepared = prepareScenario(file);
  const simulated = simulate(prepared, { offloadResources });
  const summary = summarizeRun(simulated);
  return { prepared, simulated, summary };
}

describe("OffloadedResourceRecorder", () => {
  // Capacity changes and reroutes (link-failure*), caps and weights, tcp's many small rate
  // changes, and the queue columns read at report time.
  for (const file of [
    "scenarios/link-failure.yaml",
    "scenarios/link-failure-tcp.yaml",
    "scenarios/weights-and-caps.yaml",
    "scenarios/queues-agents-surge-dctcp.yaml",
    "scenarios/leaf-spine-oversubscribed.yaml",
  ]) {
    it(`gives the in-thread recorder's accounts bit for bit: ${file}`, () => {
      const here = run(file, false);
      const there = run(file, true);
      expect(there.simulated.resources).toBeInstanceOf(OffloadedResourceRecorder);
      expect(here.simulated.resources).not.toBeInstanceOf(OffloadedResourceRecorder);
      const R = here.prepared.topology.resourceCount;
      expect(accounts(there.simulated.resources, R)).toEqual(accounts(here.simulated.resources, R));
      expect(there.simulated.resources.linkRows()).toEqual(here.simulated.resources.linkRows());
      expect(there.simulated.resources.bottleneckRows()).toEqual(here.simulated.resources.bottleneckRows());
      expect(there.summary.bottlenecks).toEqual(here.summary.bottlenecks);
      // The flows' bottlenecks, kept in the worker from the same records (one of these
      // scenarios, the dctcp one, has flows at a zero cap going to rate 0: ZERO_CAP records).
      expect((there.simulated.resources as OffloadedResourceRecorder).flowBounds().flows).toBeGreaterThan(0);
      const bounds = flowBounds(here.simulated);
      expect(bounds.length).toBeGreaterThan(0);
      expect(flowBounds(there.simulated)).toEqual(bounds);
      expect([...there.simulated.flows.rows()]).toEqual([...here.simulated.flows.rows()]);
    }, 60_000);
  }

  it("passes more records than its ring holds, and batches longer than the ring", () => {
    // A 64-value ring: every block wraps and waits for the worker many times.
    const file = "scenarios/leaf-spine-oversubscribed.yaml";
    const here = run(file, false);
    const prepared = prepareScenario(file);
    const R = prepared.topology.resourceCount;
    const simulated = simulate(prepared, { offloadResources: true, resourceRingValues: 64 });
    summarizeRun(simulated);
    expect(accounts(simulated.resources, R)).toEqual(accounts(here.simulated.resources, R));
    expect(flowBounds(simulated)).toEqual(flowBounds(here.simulated));
  }, 60_000);

  it("finishes without waiting: the flows' bottlenecks first, the accounts at their first read, either order", () => {
    const file = "scenarios/leaf-spine-oversubscribed.yaml";
    const here = run(file, false);
    const R = here.prepared.topology.resourceCount;
    // Bottlenecks before accounts (as writeReports reads them), and accounts before bottlenecks.
    for (const boundsFirst of [true, false]) {
      const prepared = prepareScenario(file);
      const simulated = simulate(prepared, { offloadResources: true });
      const summary = summarizeFlows(simulated);
      const rec = simulated.resources as OffloadedResourceRecorder;
      // finish (in summarizeFlows) returned before the worker's accounts: they are still due.
      expect((rec as unknown as { accountsDue: boolean }).accountsDue).toBe(true);
      if (boundsFirst) {
        expect(flowBounds(simulated)).toEqual(flowBounds(here.simulated));
        expect((rec as unknown as { accountsDue: boolean }).accountsDue).toBe(true);
        expect(accounts(rec, R)).toEqual(accounts(here.simulated.resources, R));
      } else {
        expect(accounts(rec, R)).toEqual(accounts(here.simulated.resources, R));
        expect(flowBounds(simulated)).toEqual(flowBounds(here.simulated));
      }
      expect({ ...summary, bottlenecks: rec.rankBottlenecks() }).toEqual(here.summary);
    }
  }, 60_000);

  it("refuses changes after finish; a second finish at the same time is a no-op", () => {
    const { simulated } = run("scenarios/two-hosts.yaml", true);
    const rec = simulated.resources;
    const before = rec.horizonS;
    rec.finish(before);
    expect(rec.horizonS).toBe(before);
    expect(() => rec.finish(before + 1)).toThrow(/finished at/);
    expect(() => rec.capacityChanged(0, 1, 2, before + 1)).toThrow(/after finish/);
  }, 60_000);
  /** A job of both tables, small, with names that need quoting and a NaN share (a workload bound nowhere). */
  function job(dir: string): ReportJob {
    const names = ["a", "b,c", "d"];
    return [
      {
        path: join(dir, "workload-bottlenecks.csv"),
        headers: ["workload", "rank", "resource", "tier", "flows", "bytes", "bottleneck_flow_s", "bottleneck_share"],
        table: "workload-bottlenecks",
        data: {
          names,
          horizonS: 10,
          entries: 4,
          workload: Int32Array.of(0, 0, 1, 0),
          bottleneck: Int32Array.of(2, -1, 2, 0),
          flows: Float64Array.of(1, 1, 2, 1),
          bytes: Float64Array.of(100, 100, 300, 5e9),
          seconds: Float64Array.of(0.25, 0.5, 1 / 3, 0.5),
          resourceNames: ["cap", "r0", "", "r2"],
          resourceTiers: ["cap", "host-leaf", "", "leaf-spine"],
        },
      },
      {
        path: join(dir, "tiers.csv"),
        headers: ["workload", "tier", "bottleneck_flow_s", "bottleneck_share", "bytes", "flows", "queueing_flow_s"],
        table: "tiers",
        data: {
          names,
          labels: ["host-leaf", "cap"],
          boundS: Float64Array.of(0.25, 0.5, 1 / 3, 0, 0, 0, 0.6, 0.5),
          bytes: Float64Array.of(200, 0, 300, 0, 7, 0, 507, 0),
          crossing: Float64Array.of(2, 0, 2, 0, 1, 0, 5, 0),
          waitedS: Float64Array.of(0.1, 0, 0.2, 0, 0, 0, 0.3, 0),
          horizonS: 10,
        },
      },
    ];
  }

  it("writes a report job once its accounts are closed, the bytes this thread writes; then stops", async () => {
    const dir = await mkdtemp(join(tmpdir(), "job-"));
    try {
      const simulated = simulate(prepareScenario("scenarios/leaf-spine-oversubscribed.yaml"), { offloadResources: true });
      const rec = simulated.resources as OffloadedResourceRecorder;
      expect(rec.holdForReports()).toBe(true);
      summarizeFlows(simulated);
      // Held: once finished, it cannot be held again, and a second job is refused after the first.
      expect(rec.holdForReports()).toBe(false);
      const here = job(join(dir, "here"));
      await mkdir(join(dir, "here"));
      await mkdir(join(dir, "there"));
      await writeReportJob(here);
      const exited = once((rec as unknown as { worker: Worker }).worker, "exit");
      rec.writeInWorker(job(join(dir, "there")));
      expect(() => rec.writeInWorker(job(join(dir, "there")))).toThrow(/held worker/);
      rec.awaitWritten();
      for (const name of ["workload-bottlenecks.csv", "tiers.csv"]) {
        const a = await readFile(join(dir, "here", name), "utf8");
        expect(a.split("\n").length).toBeGreaterThan(3);
        expect(await readFile(join(dir, "there", name), "utf8"), name).toBe(a);
      }
      // Workload a: 0.5 s at its cap and 0.5 s at r0 (the tie ranked by id, cap's −1 first) and 0.25 s at r2, of 1.25 s;
      // b's one entry; d bound nowhere (no row in workload-bottlenecks.csv, an empty share in tiers.csv).
      expect(await readFile(join(dir, "here", "workload-bottlenecks.csv"), "utf8")).toContain(
        "a,1,cap,cap,1,100,0.5,0.4\na,2,r0,host-leaf,1,5000000000,0.5,0.4\na,3,r2,leaf-spine,1,100,0.25,0.2\n\"b,c\",1,r2,leaf-spine,2,300,0.333333333333,1\n",
      );
      expect(await readFile(join(dir, "here", "tiers.csv"), "utf8")).toContain('"b,c",host-leaf,0.333333333333,1,300,2,0.2\nd,host-leaf,0,,7,1,0\n');
      // The accounts are still read after the job.
      expect(rec.bytesOf(0)).toBeGreaterThanOrEqual(0);
      await exited;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("throws a report job's failure in the simulation's thread, with its code", async () => {
    const dir = await mkdtemp(join(tmpdir(), "job-"));
    try {
      const simulated = simulate(prepareScenario("scenarios/two-hosts.yaml"), { offloadResources: true });
      const rec = simulated.resources as OffloadedResourceRecorder;
      rec.holdForReports();
      summarizeFlows(simulated);
      rec.writeInWorker(job(join(dir, "missing")));
      expect(() => rec.awaitWritten()).toThrow(expect.objectContaining({ code: "ENOENT", message: expect.stringContaining("missing") }));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("lets a held worker stop when released without a job, before or after finish", async () => {
    for (const before of [true, false]) {
      const simulated = simulate(prepareScenario("scenarios/two-hosts.yaml"), { offloadResources: true });
      const rec = simulated.resources as OffloadedResourceRecorder;
      const exited = once((rec as unknown as { worker: Worker }).worker, "exit");
      rec.holdForReports();
      if (before) rec.release();
      summarizeRun(simulated);
      rec.release();
      rec.awaitWritten();
      await exited;
    }
  }, 60_000);
});
