// CollectiveSpec: one collective operation to run (kind, algorithm, participants, size, flow decomposition).
import type { Granularity } from "./Granularity.js";

/** The collective operations. */
export type CollectiveKind = "all-reduce" | "reduce-scatter" | "all-gather" | "all-to-all";

/** The algorithms: `ring`, `tree` and `hierarchical` (all-reduce), `direct` (all-to-all). */
export type CollectiveAlgorithm = "ring" | "tree" | "hierarchical" | "direct";

/** A participant: its GPU's node id and the index of its host (GPUs of one host share an index). */
export interface Participant {
  id: string;
  host: number;
}

/** A collective over `participants`, with S = `sizeBytes`, the per-rank buffer as nccl-tests counts it. */
export interface CollectiveSpec {
  kind: CollectiveKind;
  algorithm: CollectiveAlgorithm;
  /** In rank order; GPUs of one host adjacent for `hierarchical`. */
  participants: readonly Participant[];
  sizeBytes: number;
  granularity: Granularity;
  /** Tree only: chunks the buffer is pipelined in. */
  chunks?: number;
  /** Prefix of every flow id of this collective; must be unique in the run. */
  idPrefix: string;
}
