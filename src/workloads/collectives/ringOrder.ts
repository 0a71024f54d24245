// ringOrder: the order a ring visits its participants — host by host, every other host reversed (a snake).
import type { Participant } from "./CollectiveSpec.js";

/**
 * Participants in rank order, with the GPUs of every odd-numbered host block reversed, so
 * a ring over g GPUs per host leaves host h on the same local GPU it enters host h+1 (on
 * a rail-optimized cluster: GPU g−1 to GPU g−1 of the next host on one rail, then GPU 0
 * to GPU 0), as NCCL's rail-aware rings do; the inner hops stay on NVLink. With one GPU
 * per host or one host this is the rank order.
 */
export function ringOrder(participants: readonly Participant[]): string[] {
  const out: string[] = [];
  let block = 0;
  for (let i = 0; i < participants.length; ) {
    let j = i;
    while (j < participants.length && participants[j].host === participants[i].host) j++;
    if (block % 2 === 0) for (let k = i; k < j; k++) out.push(participants[k].id);
    else for (let k = j - 1; k >= i; k--) out.push(participants[k].id);
    block++;
    i = j;
  }
  return out;
}
