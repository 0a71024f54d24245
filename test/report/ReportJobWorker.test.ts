// Tests of ReportJobWorker and ReportJob: report tables written by a worker thread, the bytes the main thread writes, and a failure brought back.
import { once } from "node:events";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Worker } from "node:worker_threads";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { writeReportJob, type ReportJob } from "../../src/report/ReportJob.js";
import { ReportJobWorker } from "../../src/report/ReportJobWorker.js";
import { resourceRecorderWorkerUrl } from "../../src/report/resourceRecorderWorkerUrl.js";

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


const workerOf = (w: ReportJobWorker) => (w as unknown as { worker: Worker }).worker;

describe("ReportJobWorker", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "job-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("writes a job with the bytes this thread writes, then stops", async () => {
    const jobs = new ReportJobWorker(resourceRecorderWorkerUrl());
    const exited = once(workerOf(jobs), "exit");
    await mkdir(join(dir, "here"));
    await mkdir(join(dir, "there"));
    await writeReportJob(job(join(dir, "here")));
    jobs.write(job(join(dir, "there")));
    expect(() => jobs.write(job(join(dir, "there")))).toThrow(/one job/);
    jobs.awaitWritten();
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
    await exited;
  }, 60_000);

  it("throws a job's failure in this thread, with its code", () => {
    const jobs = new ReportJobWorker(resourceRecorderWorkerUrl());
    jobs.write(job(join(dir, "missing")));
    expect(() => jobs.awaitWritten()).toThrow(expect.objectContaining({ code: "ENOENT", message: expect.stringContaining("missing") }));
    // Once thrown, it is not waited for again.
    expect(() => jobs.awaitWritten()).not.toThrow();
  }, 60_000);

  it("stops when released without a job", async () => {
    const jobs = new ReportJobWorker(resourceRecorderWorkerUrl());
    const exited = once(workerOf(jobs), "exit");
    jobs.release();
    jobs.release();
    jobs.awaitWritten();
    expect(await exited).toEqual([0]);
    expect(() => jobs.write(job(dir))).toThrow(/one job/);
  }, 60_000);
});
