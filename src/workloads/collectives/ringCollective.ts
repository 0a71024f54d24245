// ringCollective: a flat ring all-reduce (2(n−1) steps), reduce-scatter or all-gather (n−1 steps) of a 1/n share of S each.
import type { CollectiveSpec } from "./CollectiveSpec.js";
import { RingPhase } from "./RingPhase.js";
import { ringOrder } from "./ringOrder.js";
import type { TransferTracker } from "./TransferTracker.js";

/**
 * Run `spec` (kind all-reduce, reduce-scatter or all-gather) as one ring over its
 * participants in {@link ringOrder}: every rank sends a share of S to its successor per step
 * (S cut into n whole-byte shares that differ by at most a byte: see RingPhase), 2(n−1)
 * steps for an all-reduce (reduce-scatter then all-gather), n−1 otherwise. Alone on edges
 * of bandwidth B and latency α it takes steps·(α + S/(nB)). `onDone` fires when every rank
 * is done.
 */
export function ringCollective(tracker: TransferTracker, spec: CollectiveSpec, flows: number[], onDone: () => void): void {
  const nodes = ringOrder(spec.participants);
  const n = nodes.length;
  let left = n;
  const ring = new RingPhase(
    tracker,
    {
      nodes,
      steps: (spec.kind === "all-reduce" ? 2 : 1) * (n - 1),
      bufferBytes: spec.sizeBytes,
      shift: spec.kind === "all-gather" ? 0 : 1,
      granularity: spec.granularity,
      idPrefix: spec.idPrefix,
    },
    flows,
    () => {
      if (--left === 0) onDone();
    },
  );
  for (let i = 0; i < n; i++) ring.ready(i);
}
