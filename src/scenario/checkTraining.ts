// checkTraining: semantic checks of a training workload against the built network (GPUs, storage nodes, parallelism).
import { InputError } from "../core/InputError.js";
import type { Topology } from "../net/Topology.js";
import { TrainingPlan } from "../workloads/training/TrainingPlan.js";
import type { TrainingSpec } from "../workloads/training/TrainingSpec.js";
import { trainingGpus } from "./trainingGpus.js";

/**
 * Check that the job's GPUs exist (see {@link trainingGpus}), that its storage nodes exist
 * (`node` gives the "did you mean"), and that its parallelism fits its GPUs (the
 * {@link TrainingPlan} constructor's checks). `fail(key, message)` throws with the key path.
 */
export function checkTraining(
  w: TrainingSpec,
  topology: Topology,
  node: (id: string, key: string) => number,
  fail: (key: string, message: string) => never,
): void {
  const placed = trainingGpus(w.placement, topology);
  if ("problem" in placed) fail(placed.key, placed.problem);
  else {
    if (w.input) node(w.input.from, "input.from");
    if (w.checkpoint) node(w.checkpoint.to, "checkpoint.to");
    try {
      new TrainingPlan(w, placed.gpus, placed.hostOf);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      const colon = e.message.indexOf(": ");
      fail(e.message.slice(0, colon), e.message.slice(colon + 2));
    }
  }
}
