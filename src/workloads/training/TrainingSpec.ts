// TrainingSpec: a GPU training job in engine units (seconds, bytes, FLOP/s), as the scenario layer produces it.
import type { CollectiveAlgorithm } from "../collectives/CollectiveSpec.js";
import type { Granularity } from "../collectives/Granularity.js";
import type { TpGranularity } from "./passSteps.js";

/** Which GPUs run the job: the first `count` GPUs (host-major) of the topology or of one gpuCluster, every GPU of some hosts, or a list. */
export type TrainingPlacement =
  | { count: number; cluster?: string }
  | { hosts: string[] }
  | { gpuList: string[] };

/** Compute per GPU per iteration: a time, or FLOPs of the whole job at a share of each GPU's peak. */
export type TrainingCompute =
  | { iterationS: number; optimizerS: number }
  | { flopsPerIteration: number; gpuPeakFlops: number; efficiency: number; optimizerS: number };

/** Largest job whose `auto` granularity is `step` (a flat 64-rank all-reduce is 8,064 flows per bucket). */
export const AUTO_STEP_MAX_GPUS = 64;

/** Pipeline schedules: GPipe (all forwards, then all backwards) or 1F1B (PipeDream-Flush, Megatron's default). */
export type PipelineSchedule = "gpipe" | "1f1b";

/** A training job. */
export interface TrainingSpec {
  kind: "training";
  /** Unique workload name: prefix of its flow ids and seed of its random streams. */
  name: string;
  placement: TrainingPlacement;
  /**
   * tp × pp × dp = number of GPUs (dp absent: GPUs / (tp·pp)); ep divides dp.
   * `sequenceParallel` (Korthikanti et al. 2022): each tensor-parallel all-reduce becomes an
   * all-gather before and a reduce-scatter after its block. `tpGranularity` (default `layer`):
   * see {@link passSteps}.
   */
  parallelism: { dp?: number; tp: number; pp: number; ep: number; sequenceParallel?: boolean; tpGranularity?: TpGranularity };
  model: {
    parameters: number;
    /** Bytes per parameter of weights and gradients (2 for bf16). */
    bytesPerParameter: number;
    /** Transformer layers; needed when tp, pp or ep > 1. */
    layers?: number;
    /** Activation of one microbatch (b·s·h·bytes): a stage boundary's send and each tensor-parallel collective's buffer, bytes; 0 if not given. */
    activationBytes: number;
  };
  compute: TrainingCompute;
  /** Data-parallel all-reduce; granularity `auto` is `step` for jobs of up to {@link AUTO_STEP_MAX_GPUS} GPUs, else `pipelined`. */
  allReduce: { algorithm: CollectiveAlgorithm; bucketBytes: number; granularity: Granularity | "auto"; chunks?: number };
  pipeline: { microbatches: number; schedule: PipelineSchedule };
  /**
   * Mixture of experts: every `every`-th layer (layers l with l mod every = every − 1) is an
   * MoE layer; each of its passes has a dispatch and a combine all-to-all of `allToAllBytes`
   * per rank in the expert-parallel group. `parameters` of the model's parameters are expert
   * parameters (spread evenly over the MoE layers), the rest dense.
   */
  expert?: { allToAllBytes: number; every: number; parameters: number };
  /** Input batch read each iteration before the forward pass: `sizeBytes` per data-parallel replica. */
  input?: { from: string; sizeBytes: number };
  /** Every `every` iterations, parameters × bytesPerParameter bytes written to `to`, 1/N by each GPU. */
  checkpoint?: { every: number; to: string; bytesPerParameter: number };
  iterations: number;
  startS: number;
}
