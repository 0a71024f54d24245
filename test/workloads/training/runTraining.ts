// Run scenario documents with training jobs in memory and return each job's records, shared by the training tests.
import { prepareScenarioDocument } from "../../../src/scenario/prepareScenario.js";
import { simulate } from "../../../src/run/simulate.js";
import type { WorkloadResults } from "../../../src/workloads/WorkloadResults.js";

/** A rail-optimized gpuCluster part (one spine, 400 Gb/s NICs, 450 GB/s NVLink, 1 µs per fabric link) with overrides. */
export function cluster(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    gpuCluster: {
      hosts: 4,
      gpusPerHost: 1,
      nvlinkBandwidth: "450GB/s",
      nicBandwidth: "400Gbps",
      spines: 1,
      uplinkBandwidth: "1600Gbps",
      latency: "1us",
      ...overrides,
    },
  };
}

/** Run `workloads` (scenario-file form) on `topology`; returns the records of every workload by name, and the run. */
export function runTraining(topology: unknown, workloads: unknown[], seed = 1) {
  const prepared = prepareScenarioDocument({ name: "t", seed, topology, workloads }, "test.yaml");
  const s = simulate(prepared);
  const results = new Map<string, WorkloadResults>();
  for (const w of s.workloads) results.set(w.name, w.results?.() ?? {});
  return { results, sim: s };
}
