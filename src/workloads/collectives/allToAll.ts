// allToAll: every rank sends S/n bytes directly to every other rank, all at once.
import type { CollectiveSpec } from "./CollectiveSpec.js";
import type { TransferTracker } from "./TransferTracker.js";

/**
 * Direct all-to-all of S bytes per rank over n ranks: n(n−1) flows of S/n started
 * together (flow ids `<prefix>.<from>.<to>`). Alone, with each rank's link of bandwidth B
 * its only bottleneck: α + (n−1)S/(nB). `onDone` fires when every flow has arrived.
 */
export function allToAll(tracker: TransferTracker, spec: CollectiveSpec, flows: number[], onDone: () => void): void {
  const ids = spec.participants.map((p) => p.id);
  const n = ids.length;
  if (n <= 1) {
    onDone();
    return;
  }
  let left = n * (n - 1);
  const arrived = () => {
    if (--left === 0) onDone();
  };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i !== j) tracker.start({ id: `${spec.idPrefix}.${i}.${j}`, src: ids[i], dst: ids[j], sizeBytes: spec.sizeBytes / n }, flows, arrived);
    }
  }
}
