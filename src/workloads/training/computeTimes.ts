// computeTimes: a job's per-GPU compute per iteration, split into forward, backward and optimizer, and per microbatch pass.
import type { TrainingCompute } from "./TrainingSpec.js";

/** Compute of one GPU in one iteration, seconds. */
export interface ComputeTimes {
  /** Forward plus backward of every microbatch, without bubbles: the given time, or FLOPs / (GPUs · peak · efficiency). */
  passesS: number;
  /** One microbatch's forward on one stage: passesS / 3 / microbatches. */
  forwardS: number;
  /** One microbatch's backward on one stage: 2 · passesS / 3 / microbatches (backward costs twice the forward). */
  backwardS: number;
  optimizerS: number;
  /** The pipeline's bubble with equal stages and no communication: (pp − 1)(forwardS + backwardS). */
  bubbleS: number;
}

/** Split `compute` for a job of `gpus` GPUs, `pp` stages and `microbatches` microbatches. */
export function computeTimes(compute: TrainingCompute, gpus: number, pp: number, microbatches: number): ComputeTimes {
  const passesS = "iterationS" in compute ? compute.iterationS : compute.flopsPerIteration / (gpus * compute.gpuPeakFlops * compute.efficiency);
  const forwardS = passesS / 3 / microbatches;
  const backwardS = (2 * passesS) / 3 / microbatches;
  return { passesS, forwardS, backwardS, optimizerS: compute.optimizerS, bubbleS: (pp - 1) * (forwardS + backwardS) };
}
