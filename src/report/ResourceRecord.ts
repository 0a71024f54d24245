// ResourceRecord: the kinds of record an OffloadedResourceRecorder sends its worker, and what the worker is started with.
import type { RecordRingMemory } from "./RecordRing.js";

/**
 * The first number of each record in the ring, and what follows it:
 * ROUTE flow, n, r₁ … rₙ (the resources the next CHANGES record reads for a flow its recorder
 * does not hold); CHANGES nowS, n, then n × (flow, old rate, new rate, bottleneck) (one
 * `ratesChanged`); CAPACITY resource, old, new, nowS (one `capacityChanged`); FINISH endS
 * (`finish`, then the accounts are written and answered); STOP (the worker returns).
 */
export const ResourceRecord = {
  ROUTE: 1,
  CHANGES: 2,
  CAPACITY: 3,
  FINISH: 4,
  STOP: 5,
} as const;

/** The worker's `workerData`. */
export interface ResourceWorkerData {
  ring: RecordRingMemory;
  /** Capacity in force of every resource when the recorder was made, bytes/s. */
  capacityBps: Float64Array;
  /** Where the worker writes `ResourceRecorder.writeAccounts` at each FINISH. */
  answer: SharedArrayBuffer;
}
