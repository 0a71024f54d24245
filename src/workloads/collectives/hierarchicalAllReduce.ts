// hierarchicalAllReduce: intra-host reduce-scatter, one inter-host ring all-reduce per local rank, intra-host all-gather.
import { splitBytes } from "../splitBytes.js";
import type { CollectiveSpec, Participant } from "./CollectiveSpec.js";
import { ringCollective } from "./ringCollective.js";
import { RingPhase } from "./RingPhase.js";
import type { TransferTracker } from "./TransferTracker.js";

/**
 * Two-level all-reduce of S bytes over H hosts × g GPUs (NCCL's intra-node/inter-node split):
 * 1. each host reduce-scatters over its g GPUs (a ring on NVLink, g−1 steps of S/g), after
 *    which GPU j holds shard j of S (S cut into g whole-byte shards, {@link splitBytes});
 * 2. GPUs with the same local rank j (one per host, on one rail) all-reduce shard j in a
 *    ring, the g rings in parallel (2(H−1) steps of S/(gH));
 * 3. each host all-gathers (g−1 steps of S/g).
 * Phases chain per GPU, with no global barrier: a GPU joins its inter-host ring when its
 * own reduce-scatter is done, and its all-gather when its inter-host ring is done. Alone:
 * 2(g−1)(α_in + S/(g·B_in)) + 2(H−1)(α_out + S/(gH·B_out)).
 * Participants must come host by host with the same number of GPUs on every host;
 * otherwise (see {@link hostBlocks}) this runs a flat ring.
 */
export function hierarchicalAllReduce(tracker: TransferTracker, spec: CollectiveSpec, flows: number[], onDone: () => void): void {
  const hosts = hostBlocks(spec.participants);
  if (!hosts) {
    ringCollective(tracker, spec, flows, onDone);
    return;
  }
  const g = hosts[0].length;
  const H = hosts.length;
  const S = spec.sizeBytes;
  const { granularity, idPrefix } = spec;
  let left = H * g;
  const gathers = hosts.map(
    (nodes, h) =>
      new RingPhase(tracker, { nodes, steps: g - 1, bufferBytes: S, shift: 0, granularity, idPrefix: `${idPrefix}.ag${h}` }, flows, () => {
        if (--left === 0) onDone();
      }),
  );
  const rails = Array.from(
    { length: g },
    (_, j) =>
      new RingPhase(
        tracker,
        { nodes: hosts.map((h) => h[j]), steps: 2 * (H - 1), bufferBytes: splitBytes(S, g, j), shift: 1, granularity, idPrefix: `${idPrefix}.x${j}` },
        flows,
        (h) => gathers[h].ready(j),
      ),
  );
  const scatters = hosts.map(
    (nodes, h) =>
      new RingPhase(tracker, { nodes, steps: g - 1, bufferBytes: S, shift: 1, granularity, idPrefix: `${idPrefix}.rs${h}` }, flows, (j) => rails[j].ready(h)),
  );
  for (let h = 0; h < H; h++) for (let j = 0; j < g; j++) scatters[h].ready(j);
}

/**
 * The participants' ids host by host, when a two-level all-reduce applies: at least two
 * hosts, each a contiguous block of the same number (≥ 2) of GPUs. Otherwise undefined.
 */
export function hostBlocks(participants: readonly Participant[]): string[][] | undefined {
  const hosts: string[][] = [];
  let last = NaN;
  for (const p of participants) {
    if (p.host !== last) hosts.push([]);
    hosts[hosts.length - 1].push(p.id);
    last = p.host;
  }
  const g = hosts[0]?.length ?? 0;
  const distinct = new Set(participants.map((p) => p.host)).size;
  return distinct === hosts.length && hosts.length > 1 && g > 1 && hosts.every((h) => h.length === g) ? hosts : undefined;
}
