// ResourceRecord: the kinds of record an OffloadedResourceRecorder sends its worker, and what the worker is started with.
import type { MessagePort } from "node:worker_threads";
import type { RecordRingMemory } from "./RecordRing.js";

/**
 * The first number of each record in the ring, and what follows it:
 * ROUTE flow, n, r₁ … rₙ (the resources the next CHANGES record reads for a flow its recorder
 * does not hold); CHANGES nowS, n, then n × (flow, old rate, new rate, bottleneck) (one
 * `ratesChanged`); CAPACITY resource, old, new, nowS (one `capacityChanged`); FINISH endS
 * (the flows' bottlenecks are posted and answered, then `finish`, the accounts written and answered: two answers); STOP (the worker returns);
 * ZERO_CAP flow (the flow's cap in force is 0 at the next CHANGES record, where it goes to rate
 * 0 with no bottleneck: that is not its completion to the flows' bottleneck accounts).
 */
export const ResourceRecord = {
  ROUTE: 1,
  CHANGES: 2,
  CAPACITY: 3,
  FINISH: 4,
  STOP: 5,
  ZERO_CAP: 6,
} as const;

/** The worker's `workerData`. */
export interface ResourceWorkerData {
  ring: RecordRingMemory;
  /** Capacity in force of every resource when the recorder was made, bytes/s. */
  capacityBps: Float64Array;
  /** Where the worker writes `ResourceRecorder.writeAccounts` at each FINISH. */
  answer: SharedArrayBuffer;
  /**
   * When set, the worker also keeps the flows' bottlenecks (FlowBounds) from the same records,
   * and at FINISH posts them here ({@link FlowBoundsHandOver}) before its first answer.
   */
  flowBounds?: MessagePort;
}
