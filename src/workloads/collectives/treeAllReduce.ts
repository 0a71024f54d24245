// treeAllReduce: binary-tree reduce to rank 0 then broadcast back, pipelined in chunks.
import { splitBytes } from "../splitBytes.js";
import type { CollectiveSpec } from "./CollectiveSpec.js";
import type { TransferTracker } from "./TransferTracker.js";

/** Chunks a tree all-reduce is pipelined in when the spec gives none. */
export const DEFAULT_TREE_CHUNKS = 8;

/**
 * All-reduce of S bytes on a binary tree over the participants in rank order (rank i's
 * parent is ⌊(i−1)/2⌋), the buffer cut into C whole-byte chunks of about S/C (chunk c is
 * {@link splitBytes}(S, C, c): the first S mod C chunks carry one byte more). Reduce: a rank sends chunk c
 * to its parent once it holds chunk c from every child and its send of chunk c−1 has
 * completed. Broadcast: rank 0 holds chunk c once every child delivered it; a rank forwards
 * chunk c to each child once it holds it and its send of chunk c−1 to that child has
 * completed. Reduce (upwards) and broadcast (downwards) use opposite link directions, so
 * they overlap. A single tree, not NCCL's double binary tree: each link direction carries
 * S bytes (NCCL's two trees each carry S/2 in both directions). Done when every rank
 * holds every chunk.
 */
export function treeAllReduce(tracker: TransferTracker, spec: CollectiveSpec, flows: number[], onDone: () => void): void {
  const ids = spec.participants.map((p) => p.id);
  const n = ids.length;
  if (n <= 1) {
    onDone();
    return;
  }
  const C = Math.max(1, Math.floor(spec.chunks ?? DEFAULT_TREE_CHUNKS));
  const chunkBytes = (c: number) => splitBytes(spec.sizeBytes, C, c);
  const upSent = new Int32Array(n);
  const upSending = new Uint8Array(n);
  const downSent = new Int32Array(n);
  const downSending = new Uint8Array(n);
  const have = new Int32Array(n);
  let left = (n - 1) * C;
  const parent = (i: number) => (i - 1) >> 1;
  const reduced = (i: number) => {
    let m = C;
    if (2 * i + 1 < n) m = Math.min(m, upSent[2 * i + 1]);
    if (2 * i + 2 < n) m = Math.min(m, upSent[2 * i + 2]);
    return m;
  };
  const pushUp = (i: number): void => {
    const c = upSent[i];
    if (upSending[i] || c >= C || reduced(i) <= c) return;
    upSending[i] = 1;
    const p = parent(i);
    tracker.start({ id: `${spec.idPrefix}.u${i}.${c}`, src: ids[i], dst: ids[p], sizeBytes: chunkBytes(c) }, flows, () => {
      upSending[i] = 0;
      upSent[i]++;
      pushUp(i);
      if (p > 0) pushUp(p);
      else {
        have[0] = reduced(0);
        pushDown(1);
        pushDown(2);
      }
    });
  };
  const pushDown = (child: number): void => {
    if (child >= n) return;
    const c = downSent[child];
    const p = parent(child);
    if (downSending[child] || c >= C || have[p] <= c) return;
    downSending[child] = 1;
    tracker.start({ id: `${spec.idPrefix}.d${child}.${c}`, src: ids[p], dst: ids[child], sizeBytes: chunkBytes(c) }, flows, () => {
      downSending[child] = 0;
      downSent[child]++;
      have[child]++;
      pushDown(child);
      pushDown(2 * child + 1);
      pushDown(2 * child + 2);
      if (--left === 0) onDone();
    });
  };
  for (let i = 1; i < n; i++) pushUp(i);
}
