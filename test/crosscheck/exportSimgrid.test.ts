// chokepoint export --format simgrid: user scenarios (not the bench's generated cases) run through SimGrid 3.32 and finish every flow as chokepoint's maxmin run does, to 1e-9.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { missingSimgridPackages } from "../../bench/missingPackages.js";
import { SIMGRID_PYTHON } from "../../bench/simgrid/runSimgrid.js";
import { readCsv, runCli } from "../cli/runCli.js";
import { skipCrossCheck } from "./skipCrossCheck.js";

const TOLERANCE = 1e-9;
const missing = missingSimgridPackages();
const skip = skipCrossCheck("test/crosscheck/exportSimgrid.test.ts (SimGrid export)", missing);
const tmp = mkdtempSync(join(tmpdir(), "export-simgrid-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * A leaf–spine of 2 leaves × 4 hosts and 2 spines (ECMP per flow), a storage node with a
 * node capacity hung off spine0, uniform web-search traffic, a capped transfer, the three
 * flows of scenarios/hpcc-flows.txt and a pinned transfer through the storage node.
 */
const LEAF_SPINE = `name: leaf-spine-mix
seed: 7
topology:
  - leafSpine: { leaves: 2, spines: 2, hostsPerLeaf: 4, hostBandwidth: 10Gbps, uplinkBandwidth: 20Gbps, latency: 1us }
  - nodes: [{ id: store, kind: storage, capacity: 8Gbps }]
    links: [{ from: spine0, to: store, bandwidth: 40Gbps, latency: 3us }]
workloads:
  - traffic: { name: web, pattern: uniform, load: 0.7, size: { cdf: websearch }, flows: 300 }
  - transfer: { id: capped, src: h0, dst: h7, size: 50MB, start: 2ms, cap: 2Gbps }
  - transfer: { id: backup, src: h1, dst: store, size: 20MB, start: 1ms }
  - transfer: { id: pinned, src: h5, dst: store, size: 20MB, start: 1ms, path: [h5, leaf1, spine0, store] }
  - transfers: { name: hpcc, file: ${join(process.cwd(), "scenarios/hpcc-flows.txt")}, format: hpcc }
`;

/** Two iterations of a ring all-reduce on 8 GPUs, carried by maxmin: its flows start when others finish, exported as they ran. */
const TRAINING = `name: small-training
seed: 1
transport: { model: maxmin }
topology:
  gpuCluster: { hosts: 4, gpusPerHost: 2, nvlinkBandwidth: 450GB/s, nicsPerHost: 1, nicBandwidth: 100Gbps, railOptimized: false, hostsPerLeaf: 2, spines: 2, uplinkBandwidth: 100Gbps, latency: 1us }
workloads:
  - training:
      name: llm
      gpus: 8
      model: { parameters: 1e8, bytesPerParameter: 2 }
      compute: { iteration: 10ms }
      allReduce: { algorithm: ring, bucketSize: 50MB }
      iterations: 2
`;

function relativeError(value: number, reference: number): number {
  return reference === value ? 0 : Math.abs(value - reference) / Math.abs(reference);
}

/** Export `scenario`, run its run_simgrid.py and compare SimGrid's finish times with flows.csv of `chokepoint run`. */
async function crossCheck(name: string, scenario: string): Promise<{ flows: number; worst: number }> {
  const out = join(tmp, `${name}-simgrid`);
  const e = await runCli("export", scenario, "--format", "simgrid", "--out", out, "--quiet");
  expect(e.stderr).toBe("");
  expect(e.code).toBe(0);
  const py = spawnSync(SIMGRID_PYTHON, [join(out, "run_simgrid.py")], { encoding: "utf8" });
  expect(py.status, py.stderr).toBe(0);
  expect(py.stdout).toMatch(/^run_simgrid: \d+ flows; largest relative difference from chokepoint /);
  const run = join(tmp, `${name}-run`);
  const r = await runCli("run", scenario, "--out", run, "--quiet");
  expect(r.code, r.stderr).toBe(0);
  const theirs = new Map(readCsv(join(out, "simgrid.csv")).map((f) => [f.id, Number(f.finish_s)]));
  const ours = readCsv(join(run, "flows.csv"));
  expect(theirs.size).toBe(ours.length);
  let worst = 0;
  for (const f of ours) {
    const t = theirs.get(f.id);
    expect(t, f.id).toBeDefined();
    worst = Math.max(worst, relativeError(t!, Number(f.finish_s)));
  }
  return { flows: ours.length, worst };
}

describe.skipIf(skip)("chokepoint export --format simgrid, run through SimGrid 3.32", () => {
  it(`SimGrid's Python binding is importable from ${SIMGRID_PYTHON} (python3-simgrid; CI installs it, elsewhere this file is skipped without it)`, () => {
    expect(missing.map((m) => `${m.name} is not installed: ${m.reason}`)).toEqual([]);
  });

  it("scenarios/parking-lot.yaml: SimGrid gives the hand-derived finish times chokepoint gives (1.601 s and 1.599 s)", async () => {
    const r = await crossCheck("parking-lot", "scenarios/parking-lot.yaml");
    expect(r.flows).toBe(4);
    expect(r.worst).toBeLessThanOrEqual(TOLERANCE);
    const theirs = Object.fromEntries(readCsv(join(tmp, "parking-lot-simgrid", "simgrid.csv")).map((f) => [f.id, Number(f.finish_s)]));
    expect(relativeError(theirs.long, 1.601)).toBeLessThanOrEqual(TOLERANCE);
    expect(relativeError(theirs.short1, 1.599)).toBeLessThanOrEqual(TOLERANCE);
    // The driver's own comparison fails when chokepoint's finish times are off by 1e-6.
    const csv = join(tmp, "parking-lot-simgrid", "chokepoint.csv");
    writeFileSync(csv, readFileSync(csv, "utf8").replace(",1.601\n", ",1.601001601\n"));
    const py = spawnSync(SIMGRID_PYTHON, [join(tmp, "parking-lot-simgrid", "run_simgrid.py")], { encoding: "utf8" });
    expect(py.status).toBe(1);
    expect(py.stdout).toContain("largest relative difference from chokepoint 1.000e-06 (flow long)");
  });

  it("a leaf–spine with ECMP traffic, a capped transfer, a node capacity, a pinned path and an HPCC flow file agrees flow by flow", async () => {
    const file = join(tmp, "leaf-spine-mix.yaml");
    writeFileSync(file, LEAF_SPINE);
    const r = await crossCheck("leaf-spine-mix", file);
    expect(r.flows).toBe(306);
    expect(r.worst).toBeLessThanOrEqual(TOLERANCE);
    const platform = readFileSync(join(tmp, "leaf-spine-mix-simgrid", "platform.xml"), "utf8");
    expect(platform).toContain('<link id="cap:capped" bandwidth="250000000Bps" latency="0s"/>');
    expect(platform).toContain('<link id="node:store" bandwidth="1000000000Bps" latency="0s">');
    expect(platform).toContain('<prop id="path" value="h5 leaf1 spine0 store"/>');
  });

  it("a training job on maxmin (flows that start when others finish) is exported as it ran and agrees flow by flow", async () => {
    const file = join(tmp, "small-training.yaml");
    writeFileSync(file, TRAINING);
    const r = await crossCheck("small-training", file);
    expect(r.flows).toBeGreaterThan(100);
    expect(r.worst).toBeLessThanOrEqual(TOLERANCE);
  });
});
