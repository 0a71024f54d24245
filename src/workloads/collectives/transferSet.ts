// transferSet: a set of independent transfers started together and reported as one record (send-recv, read, write).
import type { TransferRequest } from "../Workload.js";
import type { CollectiveRecord } from "../WorkloadResults.js";
import type { CollectiveLabel } from "./startCollective.js";
import type { TransferTracker } from "./TransferTracker.js";

/** What a transfer set is, for its record. */
export interface TransferSetSpec {
  /** "send-recv", "read" or "write". */
  kind: string;
  participants: number;
  /** Bytes the record counts (per rank for send-recv, total for read and write). */
  sizeBytes: number;
  requests: readonly TransferRequest[];
}

/**
 * Start every request now; `onEach(k)` runs when request k completes and `onDone` with the
 * record (algorithm "direct", busBw = algBw) when all have. An empty set completes at once.
 */
export function transferSet(
  tracker: TransferTracker,
  spec: TransferSetSpec,
  label: CollectiveLabel,
  onEach: ((k: number) => void) | undefined,
  onDone: (record: CollectiveRecord) => void,
): void {
  const startS = tracker.ctx.nowS();
  const flows: number[] = [];
  let left = spec.requests.length;
  const done = () => {
    const durationS = tracker.ctx.nowS() - startS;
    const algBwBps = durationS > 0 ? spec.sizeBytes / durationS : Infinity;
    onDone({ ...label, kind: spec.kind, algorithm: "direct", participants: spec.participants, sizeBytes: spec.sizeBytes, startS, durationS, algBwBps, busBwBps: algBwBps, flows });
  };
  if (left === 0) {
    done();
    return;
  }
  spec.requests.forEach((request, k) =>
    tracker.start(request, flows, () => {
      onEach?.(k);
      if (--left === 0) done();
    }),
  );
}
