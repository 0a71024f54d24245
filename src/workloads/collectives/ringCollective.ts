// ringCollective: a flat ring all-reduce (2(n−1) steps), reduce-scatter or all-gather (n−1 steps) of S/n bytes each.
import type { CollectiveSpec } from "./CollectiveSpec.js";
import { RingPhase } from "./RingPhase.js";
import { ringOrder } from "./ringOrder.js";
import type { TransferTracker } from "./TransferTracker.js";

/**
 * Run `spec` (kind all-reduce, reduce-scatter or all-gather) as one ring over its
 * participants in {@link ringOrder}: every rank sends S/n bytes per step to its successor,
 * 2(n−1) steps for an all-reduce (reduce-scatter then all-gather), n−1 otherwise. Alone on
 * edges of bandwidth B and latency α it takes steps·(α + S/(nB)). `onDone` fires when
 * every rank is done.
 */
export function ringCollective(tracker: TransferTracker, spec: CollectiveSpec, flows: number[], onDone: () => void): void {
  const nodes = ringOrder(spec.participants);
  const n = nodes.length;
  let left = n;
  const ring = new RingPhase(
    tracker,
    { nodes, steps: (spec.kind === "all-reduce" ? 2 : 1) * (n - 1), stepBytes: spec.sizeBytes / n, granularity: spec.granularity, idPrefix: spec.idPrefix },
    flows,
    () => {
      if (--left === 0) onDone();
    },
  );
  for (let i = 0; i < n; i++) ring.ready(i);
}
