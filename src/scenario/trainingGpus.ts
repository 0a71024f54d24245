// trainingGpus: the GPU node ids a training job runs on (rank order) and the host of each, from its placement.
import type { Topology } from "../net/Topology.js";
import type { TrainingPlacement } from "../workloads/training/TrainingSpec.js";

/** The job's GPUs in rank order and a host index per GPU, or a problem: the key it concerns and one sentence. */
export type TrainingGpus = { gpus: string[]; hostOf: number[] } | { key: string; problem: string };

const GPU_ID = /^(.*h\d+)g(\d+)$/;

/**
 * Resolve `placement` on `topology`. `count`: the first N nodes of kind "gpu" in topology
 * order (a gpuCluster adds them host-major), only those whose id starts with
 * `<cluster>h` when `cluster` is given. `hosts`: every GPU `<host>g<j>` of each host, j
 * ascending. `gpuList`: as listed. A GPU's host is its id without the trailing `g<j>`
 * (`h3g5` → `h3`); an id without that shape is a host of its own. Unknown ids, non-GPU
 * nodes, duplicates and too large a count are problems.
 */
export function trainingGpus(placement: TrainingPlacement, topology: Topology): TrainingGpus {
  const isGpu = (n: number) => topology.nodeKinds[n] === "gpu";
  let gpus: string[];
  if ("count" in placement) {
    const prefix = placement.cluster;
    const all = topology.nodeIds.filter((id, n) => isGpu(n) && (prefix === undefined || (id.startsWith(`${prefix}h`) && GPU_ID.test(id.slice(prefix.length)))));
    if (all.length === 0) return { key: prefix === undefined ? "gpus" : "cluster", problem: prefix === undefined ? 'the topology has no nodes of kind "gpu"' : `no gpuCluster with prefix "${prefix}" (no GPUs named ${prefix}h<i>g<j>)` };
    if (placement.count > all.length) return { key: "gpus", problem: `the job needs ${placement.count} GPUs but the ${prefix === undefined ? "topology" : `cluster "${prefix}"`} has ${all.length}` };
    gpus = all.slice(0, placement.count);
  } else if ("hosts" in placement) {
    gpus = [];
    for (const [i, host] of placement.hosts.entries()) {
      const own: Array<[number, string]> = [];
      for (let j = 0; topology.nodeIndex.has(`${host}g${j}`); j++) own.push([j, `${host}g${j}`]);
      if (own.length === 0) return { key: `hosts[${i}]`, problem: `no GPUs ${host}g0, ${host}g1, … in the topology` };
      for (const [, id] of own) gpus.push(id);
    }
  } else {
    gpus = placement.gpuList;
    for (const [i, id] of gpus.entries()) {
      const n = topology.nodeIndex.get(id);
      if (n === undefined) return { key: `gpuList[${i}]`, problem: `unknown node "${id}"` };
      if (!isGpu(n)) return { key: `gpuList[${i}]`, problem: `"${id}" is a node of kind "${topology.nodeKinds[n]}", not "gpu"` };
    }
  }
  const seen = new Set<string>();
  for (const id of gpus) {
    if (seen.has(id)) return { key: "hosts" in placement ? "hosts" : "gpuList", problem: `GPU "${id}" is listed twice` };
    seen.add(id);
  }
  const hostIndex = new Map<string, number>();
  const hostOf = gpus.map((id) => {
    const host = GPU_ID.exec(id)?.[1] ?? id;
    let h = hostIndex.get(host);
    if (h === undefined) hostIndex.set(host, (h = hostIndex.size));
    return h;
  });
  return { gpus, hostOf };
}
