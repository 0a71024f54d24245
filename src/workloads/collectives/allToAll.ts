// allToAll: every rank sends a 1/n share of its S bytes directly to every other rank, all at once.
import { splitBytes } from "../splitBytes.js";
import type { CollectiveSpec } from "./CollectiveSpec.js";
import type { TransferTracker } from "./TransferTracker.js";

/**
 * Direct all-to-all of S bytes per rank over n ranks: n(n−1) flows started together (flow
 * ids `<prefix>.<from>.<to>`); rank i's buffer is cut into n whole-byte shares
 * ({@link splitBytes}: they differ by at most a byte) and share j goes to rank j (share i stays). Alone, with each rank's link of bandwidth B
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
      if (i !== j) tracker.start({ id: `${spec.idPrefix}.${i}.${j}`, src: ids[i], dst: ids[j], sizeBytes: splitBytes(spec.sizeBytes, n, j) }, flows, arrived);
    }
  }
}
