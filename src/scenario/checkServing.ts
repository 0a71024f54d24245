// checkServing: semantic checks of service, inference and agents workloads (nodes, placements, call targets).
import { InputError } from "../core/InputError.js";
import type { Topology } from "../net/Topology.js";
import { closest } from "../core/closest.js";
import { placeReplicas } from "./placeReplicas.js";
import type { AgentsLoadSpec, InferencePlacementSpec, Scenario, ServiceLoadSpec } from "./Scenario.js";

type Fail = (key: string, message: string) => never;
type NodeOf = (id: string, key: string) => number;

/** The names agents can call: every service and inference workload of `s`. */
export function endpointNames(s: Scenario): string[] {
  return s.workloads.flatMap((w) => (w.kind === "service" || w.kind === "inference" ? [w.name] : []));
}

/**
 * Check one service, inference or agents workload: its nodes exist and are not listed twice,
 * an inference workload's pools fit the topology's GPUs (explicit `gpus` may be any nodes) and
 * no GPU is in both pools, a cold start has storage to load from, and every target an agent
 * population calls is a service or inference workload of the scenario (with a "did you mean").
 */
export function checkServing(
  w: ServiceLoadSpec | InferencePlacementSpec | AgentsLoadSpec,
  s: Scenario,
  topology: Topology,
  node: NodeOf,
  fail: Fail,
  component: Int32Array,
): void {
  const apart = (a: string, b: string) => component[topology.nodeIndex.get(a)!] !== component[topology.nodeIndex.get(b)!];
  const distinct = (ids: string[], key: string) => {
    const seen = new Set<string>();
    ids.forEach((id, j) => {
      node(id, `${key}[${j}]`);
      if (seen.has(id)) fail(`${key}[${j}]`, `"${id}" is listed twice`);
      seen.add(id);
    });
  };
  if (w.kind === "service") return distinct(w.nodes, "nodes");
  if (w.kind === "agents") {
    distinct(w.nodes, "nodes");
    const names = endpointNames(s);
    const key = w.calls.length === 1 && w.mode === "parallel" ? () => "call" : (k: number) => `${w.mode}[${k}]`;
    w.calls.forEach((target, k) => {
      if (names.includes(target)) return;
      const near = closest(target, names);
      const known = names.length ? ` — services and inference workloads: ${names.join(", ")}` : " — the scenario has no service or inference workload";
      fail(key(k), `unknown target "${target}"${near ? ` (did you mean "${near}"?)` : known}`);
    });
    w.calls.forEach((target, k) => {
      for (const replica of replicaNodes(s, topology, target)) {
        const j = w.nodes.findIndex((n) => topology.nodeIndex.has(replica) && apart(n, replica));
        if (j >= 0) fail(`nodes[${j}]`, `"${w.nodes[j]}" cannot reach "${replica}", a replica of "${target}" (${key(k)}): no chain of links joins them`);
      }
    });
    return;
  }
  if (w.pool && "gpus" in w.pool) distinct(w.pool.gpus, "gpus");
  if (w.disaggregation) {
    for (const p of ["prefill", "decode"] as const) {
      const pool = w.disaggregation[p];
      if ("gpus" in pool) distinct(pool.gpus, `disaggregation.${p}.gpus`);
    }
    const d = w.disaggregation;
    if ("gpus" in d.prefill && "gpus" in d.decode) {
      const both = d.decode.gpus.find((g) => (d.prefill as { gpus: string[] }).gpus.includes(g));
      if (both !== undefined) fail("disaggregation.decode.gpus", `"${both}" is in both the prefill and the decode pool`);
    }
  }
  w.coldStart?.storageNodes?.forEach((id, j) => node(id, `coldStart.from[${j}]`));
  const placed = placeReplicas(w, topology, fail);
  const gpus = placed.disaggregation ? [...placed.disaggregation.prefillGpus, ...placed.disaggregation.decodeGpus] : placed.gpus;
  for (const store of placed.coldStart?.storageNodes ?? []) {
    const gpu = gpus.find((g) => apart(store, g));
    if (gpu !== undefined) fail("coldStart", `replica "${gpu}" cannot reach storage node "${store}" to load the weights (no chain of links joins them)`);
  }
  if (placed.disaggregation) {
    const { prefillGpus, decodeGpus } = placed.disaggregation;
    const d = decodeGpus.find((g) => apart(prefillGpus[0], g));
    if (d !== undefined) fail("disaggregation.decode", `decode replica "${d}" cannot be reached from prefill replica "${prefillGpus[0]}" (no chain of links joins them)`);
  }
}

/** Every replica node of the service or inference workload called `name` (none when its placement is invalid; that is reported at its own entry). */
function replicaNodes(s: Scenario, topology: Topology, name: string): string[] {
  const w = s.workloads.find((x) => (x.kind === "service" || x.kind === "inference") && x.name === name);
  if (!w) return [];
  if (w.kind === "service") return w.nodes;
  if (w.kind !== "inference") return [];
  try {
    const placed = placeReplicas(w, topology, (_key, message) => {
      throw new InputError(message);
    });
    return placed.disaggregation ? [...placed.disaggregation.prefillGpus, ...placed.disaggregation.decodeGpus] : placed.gpus;
  } catch (err) {
    if (err instanceof InputError) return [];
    throw err;
  }
}
