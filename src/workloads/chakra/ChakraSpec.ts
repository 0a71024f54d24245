// ChakraSpec: a workload replaying MLCommons Chakra execution traces, in engine units, as the scenario layer produces it.
import type { Granularity } from "../collectives/Granularity.js";
import type { TrainingPlacement } from "../training/TrainingSpec.js";
import type { ChakraPlan } from "./ChakraPlan.js";

/** A Chakra trace replay: rank r of the trace runs on the r-th GPU of the placement. */
export interface ChakraSpec {
  kind: "chakra";
  /** Unique workload name: prefix of its flow ids and name of its job in jobs.csv. */
  name: string;
  /** The trace's path prefix (files `<trace>.<rank>.et`), for messages. */
  trace: string;
  /** The rank files read, in rank order (absolute or as resolved against the scenario's directory). */
  files: string[];
  /** The decoded, checked and indexed traces. */
  plan: ChakraPlan;
  /** Which GPUs run the ranks (same forms as a training job's; default the first N GPUs host-major). */
  placement: TrainingPlacement;
  /** How ALL_REDUCE nodes run (the other collectives have one algorithm each); granularity `auto` is `step` up to 64 ranks. */
  allReduce: { algorithm: "ring" | "tree" | "hierarchical"; granularity: Granularity | "auto"; chunks?: number };
  /** Times the whole trace is replayed; each replay starts when every rank has finished the previous one. */
  iterations: number;
  startS: number;
}
