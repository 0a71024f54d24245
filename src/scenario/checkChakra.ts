// checkChakra: semantic checks of a Chakra trace replay against the built network (its GPUs, one per rank).
import type { Topology } from "../net/Topology.js";
import type { ChakraSpec } from "../workloads/chakra/ChakraSpec.js";
import { trainingGpus } from "./trainingGpus.js";

/**
 * Check that the ranks' GPUs exist (see {@link trainingGpus}) and that there is one per rank
 * of the trace. `fail(key, message)` throws with the key path.
 */
export function checkChakra(w: ChakraSpec, topology: Topology, fail: (key: string, message: string) => never): void {
  const placed = trainingGpus(w.placement, topology);
  if ("problem" in placed) return void fail(placed.key, placed.problem);
  const ranks = w.plan.ranks.length;
  if (placed.gpus.length !== ranks) {
    const key = "count" in w.placement ? "gpus" : "hosts" in w.placement ? "hosts" : "gpuList";
    fail(key, `the trace ${w.trace} has ${ranks} ranks but ${placed.gpus.length} GPUs are placed (one GPU per rank)`);
  }
}
