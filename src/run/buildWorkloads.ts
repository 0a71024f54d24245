// buildWorkloads: turn a scenario's workload specs into Workload objects (offered loads become arrival rates).
import { InputError } from "../core/InputError.js";
import type { Topology } from "../net/Topology.js";
import type { PinnedHops } from "../scenario/PinnedHops.js";
import { closest } from "../core/closest.js";
import { placeReplicas } from "../scenario/placeReplicas.js";
import type { AgentsLoadSpec, Scenario, TrafficLoadSpec, TrainingSpec } from "../scenario/Scenario.js";
import { trainingGpus } from "../scenario/trainingGpus.js";
import { AgentsWorkload } from "../workloads/agents/AgentsWorkload.js";
import type { ServiceEndpoint } from "../workloads/ServiceEndpoint.js";
import { InferenceWorkload } from "../workloads/serving/InferenceWorkload.js";
import { ServiceWorkload } from "../workloads/serving/ServiceWorkload.js";
import { TrainingWorkload } from "../workloads/training/TrainingWorkload.js";
import { ChakraWorkload } from "../workloads/chakra/ChakraWorkload.js";
import type { ChakraSpec } from "../workloads/chakra/ChakraSpec.js";
import { arrivalRateForLoad } from "../workloads/arrivalRateForLoad.js";
import { sizeMeanBytes } from "../workloads/sizeMeanBytes.js";
import { TrafficWorkload } from "../workloads/TrafficWorkload.js";
import { TransferListWorkload } from "../workloads/TransferListWorkload.js";
import { TransferWorkload } from "../workloads/TransferWorkload.js";
import type { Workload } from "../workloads/Workload.js";

/**
 * Build every workload of `scenario`, in file order. A traffic workload's load becomes a
 * Poisson arrival rate from its hosts' access capacity (the sum of each host's outgoing
 * channel capacities) and its size distribution's mean. Inference pools are placed on GPUs
 * (`placeReplicas`). Agents are built last and wired to the service and inference workloads
 * they call, by name. Errors name the workload's key path. `pinned` (from checkScenario on
 * `topology`) gives transfers their pinned paths' node numbers.
 */
export function buildWorkloads(scenario: Scenario, topology: Topology, pinned?: PinnedHops): Workload[] {
  const endpoints = new Map<string, ServiceEndpoint>();
  const guarded = <T>(i: number, make: (fail: (key: string, message: string) => never) => T): T => {
    // The key path is made only for a message (20,000 transfers are 20,000 workloads).
    const where = () => `${scenario.file}: workloads[${i}].${scenario.workloads[i].kind}`;
    const fail = (key: string, message: string): never => {
      throw new InputError(`${where()}${key ? `.${key}` : ""}: ${message}`);
    };
    try {
      return make(fail);
    } catch (err) {
      if (err instanceof InputError && !err.message.startsWith(where())) throw new InputError(`${where()}: ${err.message}`);
      throw err;
    }
  };
  const built: Array<Workload | undefined> = scenario.workloads.map((w, i) => {
    // A transfer makes no closures unless its constructor throws (20,000 transfers are 20,000 workloads); the error is then wrapped as guarded wraps it.
    if (w.kind === "transfer") {
      try {
        return new TransferWorkload(w, i, pinned);
      } catch (err) {
        return guarded(i, () => {
          throw err;
        });
      }
    }
    return guarded(i, (fail) => {
      if (w.kind === "transfers") return new TransferListWorkload(w);
      if (w.kind === "traffic") return trafficWorkload(w, topology);
      if (w.kind === "training") return trainingWorkload(w, topology);
      if (w.kind === "chakra") return chakraWorkload(w, topology);
      if (w.kind === "agents") return undefined;
      const endpoint = w.kind === "service" ? new ServiceWorkload(w) : new InferenceWorkload(placeReplicas(w, topology, fail));
      endpoints.set(w.name, endpoint);
      return endpoint;
    });
  });
  return scenario.workloads.map((w, i) => built[i] ?? guarded(i, (fail) => agentsWorkload(w as AgentsLoadSpec, endpoints, fail)));
}

/** An agent population wired to the endpoints it calls; an unknown name fails with a "did you mean". */
function agentsWorkload(w: AgentsLoadSpec, endpoints: Map<string, ServiceEndpoint>, fail: (key: string, message: string) => never): AgentsWorkload {
  const targets = w.calls.map((name, k) => {
    const e = endpoints.get(name);
    if (e) return e;
    const near = closest(name, [...endpoints.keys()]);
    return fail(w.calls.length === 1 && w.mode === "parallel" ? "call" : `${w.mode}[${k}]`, `unknown target "${name}"${near ? ` (did you mean "${near}"?)` : ""}`);
  });
  return new AgentsWorkload(w, targets);
}

function trainingWorkload(w: TrainingSpec, topology: Topology): TrainingWorkload {
  const placed = trainingGpus(w.placement, topology);
  if ("problem" in placed) throw new InputError(`${placed.key}: ${placed.problem}`);
  return new TrainingWorkload(w, placed.gpus, placed.hostOf);
}

function chakraWorkload(w: ChakraSpec, topology: Topology): ChakraWorkload {
  const placed = trainingGpus(w.placement, topology);
  if ("problem" in placed) throw new InputError(`${placed.key}: ${placed.problem}`);
  return new ChakraWorkload(w, placed.gpus, placed.hostOf);
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
