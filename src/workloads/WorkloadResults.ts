// WorkloadResults: the per-iteration, per-collective and per-request records AI workloads keep for the reports.
import type { RequestTable } from "./RequestTable.js";
import type { TaskTable } from "./TaskTable.js";

/** One training iteration of one job (a row of jobs.csv). */
export interface IterationRecord {
  /** Job (workload) name. */
  job: string;
  /** Iteration number, from 0. */
  iteration: number;
  startS: number;
  /** Compute time of the iteration on the critical path (forward, backward, optimizer), seconds. */
  computeS: number;
  /** Pipeline bubble the schedule has even without communication ((pp − 1) microbatch passes; 0 without a pipeline), seconds. */
  bubbleS: number;
  /** Wall time during which at least one of the job's network transfers was in progress, seconds. */
  commS: number;
  /** Communication time not hidden behind compute: iteration_s − compute_s − bubble_s (≥ 0), seconds. */
  exposedCommS: number;
  iterationS: number;
  /** Share of GPU time spent waiting on the network: exposed_comm_s / iteration_s. */
  networkWaitShare: number;
}

/** One collective operation (a row of collectives.csv). */
export interface CollectiveRecord {
  job: string;
  iteration: number;
  /** What it is for, e.g. "grad-bucket3", "tp-fwd-layer2", "checkpoint". */
  name: string;
  /** "all-reduce", "reduce-scatter", "all-gather", "all-to-all", "send-recv", "read", "write". */
  kind: string;
  /** "ring", "tree", "hierarchical", "direct", … */
  algorithm: string;
  participants: number;
  /** Data size S of the collective as NCCL tests count it (the buffer per rank), bytes. */
  sizeBytes: number;
  startS: number;
  durationS: number;
  /** Algorithm bandwidth S / duration, bytes/s. */
  algBwBps: number;
  /** Bus bandwidth: algorithm bandwidth times NCCL's factor for the kind (2(n−1)/n for all-reduce), bytes/s. */
  busBwBps: number;
  /** Flow numbers of the collective's transfers (for its bottleneck). */
  flows: ArrayLike<number>;
}

/** One request served (a row of requests.csv; kept as a row of a {@link RequestTable}). */
export interface RequestRecord {
  /** Population (agents workload) or service that issued it. */
  population: string;
  /** "bot", "human", … */
  kind: string;
  id: string;
  /** Service or inference workload that served it. */
  target: string;
  startS: number;
  /** Time waiting for a replica or a batch slot, seconds. */
  queueS: number;
  /** Time moving request, response and KV-cache bytes (including handshakes), seconds. */
  networkS: number;
  /** Service (prefill + decode) time, seconds. */
  serviceS: number;
  /** Inference only: time to first token, seconds (NaN otherwise). */
  ttftS: number;
  /** Inference only: time per output token after the first, seconds (NaN otherwise). */
  tpotS: number;
  totalS: number;
}

/** One agent task: a fan-out (parallel) or a chain of requests, done when the last response returns (kept as a row of a {@link TaskTable}). */
export interface TaskRecord {
  /** Population (agents workload) that issued it. */
  population: string;
  kind: string;
  id: string;
  /** Requests the task made. */
  requests: number;
  startS: number;
  /** From issue until the last response reached the agent, seconds. */
  totalS: number;
}

/** What a workload hands to the reports after the run; every list is optional. */
export interface WorkloadResults {
  /** GPUs the workload holds (a training job's ranks, an inference service's replicas' GPUs), for cost.csv. */
  gpus?: number;
  iterations?: IterationRecord[];
  collectives?: CollectiveRecord[];
  /** Requests served, as columns (rows of requests.csv). */
  requests?: RequestTable;
  /** Agent tasks, as columns (rows of tasks.csv). */
  tasks?: TaskTable;
}
