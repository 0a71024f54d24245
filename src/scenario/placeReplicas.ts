// placeReplicas: resolve an inference workload's replica pools (GPU lists or counts) and storage nodes to node ids.
import type { Topology } from "../net/Topology.js";
import type { InferenceSpec } from "../workloads/serving/ServingSpecs.js";
import type { InferencePlacementSpec, ReplicaPool } from "./Scenario.js";

/** Reports a problem at `key` (relative to the workload) and does not return. */
export type PlaceFail = (key: string, message: string) => never;

/**
 * The workload spec of `w` with node ids filled in. A `{ replicas: N }` pool takes N GPUs
 * (nodes of kind "gpu", in topology order, minus GPUs listed explicitly by the other pool)
 * spread evenly: GPU ⌊k·G/N⌋ of the G available for replica k, so 4 replicas on 4 hosts × 8
 * GPUs sit on h0g0, h1g0, h2g0, h3g0. With two counted pools, the N = P + D picks are shared,
 * prefill first. A cold start without `from` loads from every node of kind "storage".
 */
export function placeReplicas(w: InferencePlacementSpec, topology: Topology, fail: PlaceFail): InferenceSpec {
  const allGpus = topology.nodeIds.filter((_, n) => topology.nodeKinds[n] === "gpu");
  const pools: Array<{ key: string; pool: ReplicaPool }> = w.disaggregation
    ? [
        { key: "disaggregation.prefill", pool: w.disaggregation.prefill },
        { key: "disaggregation.decode", pool: w.disaggregation.decode },
      ]
    : [{ key: "", pool: w.pool! }];
  const explicit = new Set<string>();
  for (const { pool } of pools) if ("gpus" in pool) pool.gpus.forEach((g) => explicit.add(g));
  const free = allGpus.filter((g) => !explicit.has(g));
  const counted = pools.filter(({ pool }) => "replicas" in pool);
  const wanted = counted.reduce((n, { pool }) => n + (pool as { replicas: number }).replicas, 0);
  if (wanted > free.length) {
    const { key } = counted[counted.length - 1];
    fail(
      `${key ? `${key}.` : ""}replicas`,
      `${wanted} replicas need ${wanted} GPUs but the topology has ${free.length}${explicit.size ? " free" : ""} (nodes of kind "gpu")`,
    );
  }
  const picks = Array.from({ length: wanted }, (_, k) => free[Math.floor((k * free.length) / wanted)]);
  let next = 0;
  const resolved = pools.map(({ pool }) => ("gpus" in pool ? pool.gpus : picks.slice(next, (next += pool.replicas))));
  let coldStart: InferenceSpec["coldStart"];
  if (w.coldStart) {
    const storageNodes = w.coldStart.storageNodes ?? topology.nodeIds.filter((_, n) => topology.nodeKinds[n] === "storage");
    if (storageNodes.length === 0) fail("coldStart", 'no node of kind "storage" to load the weights from (add one, e.g. gpuCluster.storage, or list nodes in from)');
    coldStart = { weightsBytes: w.coldStart.weightsBytes, storageNodes };
  }
  const { pool: _pool, disaggregation, coldStart: _cold, transport: _transport, ...rest } = w;
  return {
    ...rest,
    gpus: disaggregation ? [] : resolved[0],
    ...(disaggregation && { disaggregation: { prefillGpus: resolved[0], decodeGpus: resolved[1], kvBytesPerToken: disaggregation.kvBytesPerToken } }),
    ...(coldStart && { coldStart }),
  };
}
