// toTrainingSpec: a `training` workload of the scenario file (engine units) as the engine's TrainingSpec.
import { InputError } from "../core/InputError.js";
import type { TransportSpec } from "../transport/TransportSpec.js";
import type { TrainingPlacement } from "../workloads/training/TrainingSpec.js";
import type { TrainingLoadSpec } from "./Scenario.js";
import type { ScenarioFile } from "./scenarioSchema.js";

/** The file's training mapping (schema output). */
export type FileTraining = Extract<ScenarioFile["workloads"][number], { training: unknown }>["training"];

/**
 * Rename keys to engine names (`activationSize` → `activationBytes`, …) and pick the
 * placement; `transport` is the already merged transport; `where` is the key path
 * (`<file>: workloads[i].training`) for messages.
 * @throws InputError unless exactly one of gpus, hosts and gpuList is given, or when cluster comes without gpus.
 */
export function toTrainingSpec(t: FileTraining, index: number, transport: TransportSpec, where: string): TrainingLoadSpec {
  const keys = placementKeys(t);
  if (keys.length !== 1) throw new InputError(`${where}: give exactly one of gpus, hosts or gpuList (which GPUs run the job), found ${keys.length === 0 ? "none" : keys.join(" and ")}`);
  if (t.cluster !== undefined && t.gpus === undefined) throw new InputError(`${where}.cluster: applies only with gpus (a count of GPUs to take from that cluster)`);
  const placement: TrainingPlacement =
    t.hosts !== undefined ? { hosts: t.hosts } : t.gpuList !== undefined ? { gpuList: t.gpuList } : { count: t.gpus ?? 0, ...(t.cluster !== undefined && { cluster: t.cluster }) };
  const c = t.compute;
  return {
    kind: "training",
    name: t.name ?? `training${index}`,
    placement,
    parallelism: {
      ...(t.parallelism.dp !== undefined && { dp: t.parallelism.dp }),
      tp: t.parallelism.tp,
      pp: t.parallelism.pp,
      ep: t.parallelism.ep,
      ...(t.parallelism.sequenceParallel && { sequenceParallel: true }),
      ...(t.parallelism.tpGranularity === "pass" && { tpGranularity: "pass" as const }),
    },
    model: {
      parameters: t.model.parameters,
      bytesPerParameter: t.model.bytesPerParameter,
      ...(t.model.layers !== undefined && { layers: t.model.layers }),
      activationBytes: t.model.activationSize ?? 0,
    },
    compute:
      "iteration" in c
        ? { iterationS: c.iteration, optimizerS: c.optimizer }
        : { flopsPerIteration: c.flopsPerIteration, gpuPeakFlops: c.gpuPeak, efficiency: c.efficiency, optimizerS: c.optimizer },
    allReduce: {
      algorithm: t.allReduce.algorithm,
      bucketBytes: t.allReduce.bucketSize,
      granularity: t.allReduce.granularity,
      ...(t.allReduce.chunks !== undefined && { chunks: t.allReduce.chunks }),
    },
    pipeline: { microbatches: t.pipeline.microbatches, schedule: t.pipeline.schedule },
    ...(t.expert && { expert: { allToAllBytes: t.expert.allToAllSize, every: t.expert.every, parameters: t.expert.parameters } }),
    ...(t.input && { input: { from: t.input.from, sizeBytes: t.input.size } }),
    ...(t.checkpoint && { checkpoint: { every: t.checkpoint.every, to: t.checkpoint.to, bytesPerParameter: t.checkpoint.bytesPerParameter } }),
    iterations: t.iterations,
    startS: t.start,
    transport,
  };
}

/** Which placement keys a file's training mapping sets (the checks want exactly one). */
export function placementKeys(t: { gpus?: unknown; hosts?: unknown; gpuList?: unknown }): string[] {
  return (["gpus", "hosts", "gpuList"] as const).filter((k) => t[k] !== undefined);
}
