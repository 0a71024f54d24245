// A chakra workload's trace files: found by rank, gunzipped when gzipped; every bad file is one sentence, exit code 2, nothing written.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { encodeChakraTrace, type ChakraNodeSpec } from "../../src/workloads/chakra/encodeChakraTrace.js";
import { runCli } from "../cli/runCli.js";

const tmp = mkdtempSync(join(tmpdir(), "chokepoint-chakra-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const compute = (id: number, dataDeps: number[] = []): ChakraNodeSpec => ({ id, type: "COMP_NODE", durationMicros: 10, dataDeps });

/** A directory with a two-GPU scenario replaying `traces/job.<r>.et` (files as given: bytes per name), and the run's result. */
async function run(name: string, files: Record<string, Uint8Array>, chakra: Record<string, unknown> = {}) {
  const dir = join(tmp, name);
  const traces = join(dir, "traces");
  const { mkdirSync } = await import("node:fs");
  mkdirSync(traces, { recursive: true });
  for (const [f, bytes] of Object.entries(files)) writeFileSync(join(traces, f), bytes);
  const scenario = join(dir, "s.json");
  const doc = {
    topology: { nodes: [{ id: "g0", kind: "gpu" }, { id: "g1", kind: "gpu" }], links: [{ from: "g0", to: "g1", bandwidth: "8Gbps" }] },
    workloads: [{ chakra: { trace: "traces/job", ...chakra } }],
  };
  writeFileSync(scenario, JSON.stringify(doc));
  const out = join(dir, "out");
  const r = await runCli("run", scenario, "--out", out, "--quiet");
  return { ...r, wrote: existsSync(out), scenario, traces };
}

const ok = encodeChakraTrace([compute(0)]);

describe("chakra workload files", () => {
  it("runs both ranks, one of them gzipped", async () => {
    const r = await run("ok", { "job.0.et": ok, "job.1.et.gz": gzipSync(ok) });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });

  const bad: Array<[string, Record<string, Uint8Array>, Record<string, unknown>, (r: { scenario: string; traces: string }) => string]> = [
    ["missing-rank", { "job.0.et": ok, "job.2.et": ok }, {}, (r) => `${r.scenario}: workloads[0].chakra.trace: ${r.traces}/job.1.et is missing (rank 1 of 3; found ranks 0, 2)`],
    ["no-files", {}, {}, (r) => `${r.scenario}: workloads[0].chakra.trace: no rank files ${r.traces}/job.0.et, ${r.traces}/job.1.et, … (none in that directory)`],
    [
      "truncated",
      { "job.0.et": ok, "job.1.et": ok.subarray(0, ok.length - 3) },
      {},
      (r) => `${r.scenario}: workloads[0].chakra.trace: ${r.traces}/job.1.et: byte 8: a message declares 4 bytes but only 1 remain (truncated file) — expected a Chakra execution trace (length-prefixed GlobalMetadata, then Node messages)`,
    ],
    [
      "empty",
      { "job.0.et": ok, "job.1.et": new Uint8Array(0) },
      {},
      (r) => `${r.scenario}: workloads[0].chakra.trace: ${r.traces}/job.1.et: byte 0: the file is empty — expected a Chakra execution trace (length-prefixed GlobalMetadata, then Node messages)`,
    ],
    [
      "unknown-type",
      { "job.0.et": ok, "job.1.et": encodeChakraTrace([{ id: 5, type: 12 }]) },
      {},
      (r) => `${r.scenario}: workloads[0].chakra.trace: ${r.traces}/job.1.et: node 5: unknown node type 12 (et_def.proto's NodeType has 0 … 7: INVALID_NODE, METADATA_NODE, MEM_LOAD_NODE, MEM_STORE_NODE, COMP_NODE, COMM_SEND_NODE, COMM_RECV_NODE, COMM_COLL_NODE)`,
    ],
    [
      "cycle",
      { "job.0.et": encodeChakraTrace([compute(1, [2]), compute(2, [1])]), "job.1.et": ok },
      {},
      (r) => `${r.scenario}: workloads[0].chakra.trace: ${r.traces}/job.0.et: dependency cycle: node 1 → node 2 → node 1 (each depends on the next)`,
    ],
    ["too-few-gpus", { "job.0.et": ok, "job.1.et": ok, "job.2.et": ok }, {}, (r) => `${r.scenario}: workloads[0].chakra.gpus: the job needs 3 GPUs but the topology has 2`],
    ["gpu-count", { "job.0.et": ok, "job.1.et": ok }, { gpus: 1 }, (r) => `${r.scenario}: workloads[0].chakra.gpus: the trace ${r.traces}/job has 2 ranks but 1 GPUs are placed (one GPU per rank)`],
  ];
  for (const [name, files, chakra, message] of bad) {
    it(`${name}: exit code 2, one sentence, nothing written`, async () => {
      const r = await run(name, files, chakra);
      expect(r.stderr).toBe(`chokepoint: ${message(r)}\n`);
      expect(r.code).toBe(2);
      expect(r.wrote).toBe(false);
    });
  }
});
