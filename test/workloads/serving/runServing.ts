// Run a scenario document (service, inference, agents) in memory and collect the agents' request and task records.
import { prepareScenarioDocument } from "../../../src/scenario/prepareScenario.js";
import { simulate } from "../../../src/run/simulate.js";
import type { Workload } from "../../../src/workloads/Workload.js";
import type { RequestRecord, TaskRecord } from "../../../src/workloads/WorkloadResults.js";

/** Simulate `doc` (a scenario as a plain object) and return every request and task record, by population, plus the run. */
export function runServing(doc: Record<string, unknown>, seed?: number) {
  const prepared = prepareScenarioDocument(doc, "test.yaml");
  const s = simulate(prepared, seed === undefined ? {} : { seed });
  const { requests, tasks } = recordsByPopulation(s.workloads);
  /** finish_s of a flow by id. */
  const finishOf = (id: string): number => s.network.finishOf(s.labels.indexOf(id));
  const startOf = (id: string): number => s.network.startOf(s.labels.indexOf(id));
  return { ...s, topology: prepared.topology, requests, tasks, finishOf, startOf };
}

/** Every request and task record of a run, by the name of the population (workload) that kept it. */
export function recordsByPopulation(workloads: readonly Workload[]) {
  const requests = new Map<string, RequestRecord[]>();
  const tasks = new Map<string, TaskRecord[]>();
  for (const w of workloads) {
    const r = w.results?.();
    if (r?.requests) requests.set(w.name, r.requests.records());
    if (r?.tasks) tasks.set(w.name, r.tasks.records());
  }
  return { requests, tasks };
}

/** Two nodes joined by one link: client — server. */
export function pair(bandwidth: string, latency: string) {
  return { nodes: [{ id: "client" }, { id: "server" }], links: [{ from: "client", to: "server", bandwidth, latency }] };
}
