// summarizeWorkloads: per-workload statistics and the AI summary columns, against hand-computed values.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { streamCsv, streamTable } from "../../src/report/CsvWriter.js";
import { summarizeWorkloads, WORKLOADS_CSV_HEADERS, workloadFcts } from "../../src/report/summarizeWorkloads.js";
import { RequestTable } from "../../src/workloads/RequestTable.js";
import type { IterationRecord, RequestRecord } from "../../src/workloads/WorkloadResults.js";

const iteration = (job: string, i: number, computeS: number, iterationS: number): IterationRecord => ({
  job,
  iteration: i,
  startS: i * iterationS,
  computeS,
  bubbleS: 0,
  commS: iterationS - computeS + 0.01,
  exposedCommS: iterationS - computeS,
  iterationS,
  networkWaitShare: (iterationS - computeS) / iterationS,
});

const request = (population: string, kind: string, totalS: number, ttftS = NaN): RequestRecord => ({
  population,
  kind,
  id: `${population}-${totalS}`,
  target: "llm",
  startS: 0,
  queueS: 0,
  networkS: 0,
  serviceS: totalS,
  ttftS,
  tpotS: NaN,
  totalS,
});

describe("summarizeWorkloads", () => {
  const input = {
    names: ["job", "agents", "bulk"],
    kinds: ["training", "agents", "transfer"],
    results: [
      { iterations: [iteration("job", 0, 0.3, 0.4), iteration("job", 1, 0.3, 0.5)] },
      { requests: RequestTable.of([request("bots", "bot", 1, 0.5), request("bots", "bot", 3, 1.5), request("people", "human", 2)]) },
      {},
    ],
    // Flows 0, 1 are the job's (FCT 1, 3), flow 2 the agents' (FCT 2), flow 3 bulk's, unfinished.
    fctOf: (f: number) => [1, 3, 2, NaN][f],
    flowCount: 4,
    workloadOfFlow: [0, 0, 1, 2],
  };
  const { rows, summaryColumns } = summarizeWorkloads(input);
  const row = (w: string, group: string, metric: string) => rows.find((r) => r[0] === w && r[2] === group && r[3] === metric);

  it("writes workloads.csv straight into the file with the bytes of its rows", async () => {
    const dir = await mkdtemp(join(tmpdir(), "workloads-"));
    try {
      const summary = summarizeWorkloads(input);
      await streamCsv(join(dir, "rows.csv"), WORKLOADS_CSV_HEADERS, summary.rows);
      await streamTable(join(dir, "emit.csv"), WORKLOADS_CSV_HEADERS, (sink) => summary.emit(sink));
      const written = await readFile(join(dir, "emit.csv"), "utf8");
      expect(written).toBe(await readFile(join(dir, "rows.csv"), "utf8"));
      expect(written.split("\n")[1]).toBe("job,training,all,fct_s,2,2,2,2.9,2.98");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("yields only when its sink is full, not after every row", () => {
    const sink = { text: () => {}, number: () => {}, endRow: () => {}, full: false };
    expect([...summarizeWorkloads(input).emit(sink)]).toHaveLength(0);
    expect([...summarizeWorkloads(input).emit({ ...sink, full: true })]).toHaveLength(rows.length);
  });

  it("gives each workload its flows' FCTs and leaves out empty samples", () => {
    // job: FCTs 1 and 3 → mean 2, p50 2, p95 = 1 + 0.95·2 = 2.9.
    expect(row("job", "all", "fct_s")).toEqual(["job", "training", "all", "fct_s", "2", "2", "2", "2.9", "2.98"]);
    expect(row("bulk", "all", "fct_s")).toBeUndefined();
  });

  it("summarises iterations and the run's GPU utilisation", () => {
    expect(row("job", "all", "iteration_s")?.slice(4, 6)).toEqual(["2", "0.45"]);
    // Σ compute = 0.6, Σ iteration = 0.9: utilisation 2/3, network wait 1/3.
    const cols = Object.fromEntries(summaryColumns);
    expect(cols.iterations).toBe(2);
    expect(cols.gpu_utilization).toBeCloseTo(2 / 3, 15);
    expect(cols.network_wait_share).toBeCloseTo(1 / 3, 15);
    expect(cols.iteration_mean_s).toBeCloseTo(0.45, 15);
  });

  it("groups requests by population, kind and target, and skips NaN ttft", () => {
    expect(row("agents", "all", "total_s")?.slice(4, 7)).toEqual(["3", "2", "2"]);
    expect(row("agents", "kind:bot", "total_s")?.slice(4, 7)).toEqual(["2", "2", "2"]);
    expect(row("agents", "population:people", "total_s")?.slice(4, 6)).toEqual(["1", "2"]);
    // Only the two bot requests have a ttft: 0.5 and 1.5.
    expect(row("agents", "all", "ttft_s")?.slice(4, 6)).toEqual(["2", "1"]);
    expect(row("agents", "all", "tpot_s")).toBeUndefined();
    const cols = Object.fromEntries(summaryColumns);
    expect(cols.requests).toBe(3);
    expect(cols.request_p50_s).toBe(2);
    expect(cols.ttft_p50_s).toBe(1);
  });

  it("summarises a population of 300,000 requests and as many iterations (no spread into one call)", () => {
    // V8 overflows its stack when ~125k arguments are spread into push(...).
    const n = 300_000;
    const requests = Array.from({ length: n }, (_, i) => request(i % 2 ? "bots" : "people", i % 2 ? "bot" : "human", 1 + (i % 100)));
    const iterations = Array.from({ length: n }, (_, i) => iteration("job", i, 0.3, 0.4));
    const big = summarizeWorkloads({ names: ["agents", "job"], kinds: ["agents", "training"], results: [{ requests: RequestTable.of(requests) }, { iterations }], fctOf: () => NaN, flowCount: 0, workloadOfFlow: [] });
    const cols = Object.fromEntries(big.summaryColumns);
    expect([cols.requests, cols.iterations]).toEqual([n, n]);
    const bots = big.rows.find((r) => r[0] === "agents" && r[2] === "population:bots" && r[3] === "total_s");
    expect(bots?.[4]).toBe(String(n / 2));
  });

  it("adds no summary columns for a run without AI records", () => {
    const plain = summarizeWorkloads({ ...input, results: [{}, {}, {}] });
    expect(plain.summaryColumns).toEqual([]);
  });
});

describe("workloadFcts", () => {
  it("holds each workload's completion times in flow order, leaving out flows of no workload in range", () => {
    const workloadOfFlow = Int32Array.from([2, 0, -1, 2, 5, 0, 2]);
    const fctOf = (f: number) => (f === 3 ? NaN : 10 + f);
    const { start, fcts } = workloadFcts(3, workloadOfFlow.length, workloadOfFlow, fctOf);
    const of = (w: number) => Array.from(fcts.subarray(start[w], start[w + 1]));
    expect(of(0)).toEqual([11, 15]);
    expect(of(1)).toEqual([]);
    expect(of(2)).toEqual([10, NaN, 16]);
    expect(start[3]).toBe(5);
  });
});
