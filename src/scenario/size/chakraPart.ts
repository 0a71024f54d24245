// chakraPart: the flows, events and memory of a Chakra trace's replays, by lower bounds.
import type { ChakraSpec } from "../../workloads/chakra/ChakraSpec.js";
import { formatCount } from "../formatCount.js";
import { BYTES_PER, times, workloadPart, type SizePart } from "./SizePart.js";

/**
 * A Chakra trace replayed `iterations` times, by lower bounds: a collective that moves
 * bytes over n ranks makes at least n flows (every member sends; an all-to-all n(n − 1)),
 * a matched send/recv one; every trace node is an event per replay. The decoded trace is
 * already in memory when this runs, so only what the replay makes is counted.
 */
export function chakraPart(w: ChakraSpec, keyPath: string): SizePart {
  let perIteration = w.plan.sendRecvs.length;
  for (const c of w.plan.collectives) {
    const n = c.ranks.length;
    if (c.kind === "barrier" || c.sizeBytes <= 0 || n < 2) continue;
    perIteration += c.kind === "all-to-all" ? n * (n - 1) : n;
  }
  let nodes = 0;
  for (const r of w.plan.ranks) nodes += r.nodes.length;
  const flows = times(w.iterations, perIteration);
  const records = times(w.iterations, 1 + w.plan.collectives.length) * BYTES_PER.record;
  const what = `${formatCount(w.iterations)} replays of at least ${formatCount(perIteration)} flows (${formatCount(w.plan.collectives.length)} collectives, ${formatCount(w.plan.sendRecvs.length)} sends, ${formatCount(nodes)} trace nodes)`;
  return workloadPart(keyPath, what, flows, times(w.iterations, nodes) + 2 * flows, flows * BYTES_PER.flow + records);
}
