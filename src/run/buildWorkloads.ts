// buildWorkloads: turn a scenario's workload specs into Workload objects (offered loads become arrival rates).
import { InputError } from "../core/InputError.js";
import type { Topology } from "../net/Topology.js";
import type { Scenario, TrafficLoadSpec, TrainingSpec } from "../scenario/Scenario.js";
import { trainingGpus } from "../scenario/trainingGpus.js";
import { TrainingWorkload } from "../workloads/training/TrainingWorkload.js";
import { arrivalRateForLoad } from "../workloads/arrivalRateForLoad.js";
import { sizeMeanBytes } from "../workloads/sizeMeanBytes.js";
import { TrafficWorkload } from "../workloads/TrafficWorkload.js";
import { TransferWorkload } from "../workloads/TransferWorkload.js";
import type { Workload } from "../workloads/Workload.js";

/**
 * Build every workload of `scenario`, in file order. A traffic workload's load becomes a
 * Poisson arrival rate from its hosts' access capacity (the sum of each host's outgoing
 * channel capacities) and its size distribution's mean. Errors name the workload's key path.
 */
export function buildWorkloads(scenario: Scenario, topology: Topology): Workload[] {
  return scenario.workloads.map((w, i) => {
    const where = `${scenario.file}: workloads[${i}].${w.kind}`;
    try {
      if (w.kind === "transfer") return new TransferWorkload(w, i);
      if (w.kind === "training") return trainingWorkload(w, topology);
      return trafficWorkload(w, topology);
    } catch (err) {
      if (err instanceof InputError) throw new InputError(`${where}: ${err.message}`);
      throw err;
    }
  });
}

function trainingWorkload(w: TrainingSpec, topology: Topology): TrainingWorkload {
  const placed = trainingGpus(w.placement, topology);
  if ("problem" in placed) throw new InputError(`${placed.key}: ${placed.problem}`);
  return new TrainingWorkload(w, placed.gpus, placed.hostOf);
}

function trafficWorkload(w: TrafficLoadSpec, topology: Topology): TrafficWorkload {
  const hosts = w.hosts ?? topology.nodeIds.filter((_, n) => topology.nodeKinds[n] === "host");
  const accessBps = hosts.map((id) => hostAccessBps(topology, topology.nodeIndex.get(id)!));
  const arrivalRatePerS = arrivalRateForLoad(w.load, accessBps, sizeMeanBytes(w.size), w.pattern, w.fanIn, hosts.length);
  return new TrafficWorkload({
    kind: "traffic",
    name: w.name,
    hosts,
    pattern: w.pattern,
    arrivalRatePerS,
    size: w.size,
    fanIn: w.fanIn,
    startS: w.startS,
    durationS: w.durationS,
    flows: w.flows,
  });
}

/** A node's access capacity: the sum of its outgoing channels' capacities, bytes/s. */
export function hostAccessBps(topology: Topology, node: number): number {
  let sum = 0;
  for (let i = topology.outStart[node]; i < topology.outStart[node + 1]; i++) {
    sum += topology.resourceCapacityBps[topology.outChannels[i]];
  }
  return sum;
}
