// collectivesCsv: the rows of collectives.csv, one per collective, with NCCL-style bandwidths and the resource that bound it.
import type { Topology } from "../net/Topology.js";
import type { CollectiveRecord } from "../workloads/WorkloadResults.js";
import { csvNumber } from "./csvNumber.js";
import { CAP_BOUND, NEVER_ACTIVE } from "./flowBottleneck.js";
import { tierOf } from "./tierOf.js";

/** Columns of collectives.csv, in order. */
export const COLLECTIVES_CSV_HEADERS = [
  "job",
  "iteration",
  "name",
  "kind",
  "algorithm",
  "participants",
  "size_bytes",
  "start_s",
  "duration_s",
  "algbw_gbps",
  "busbw_gbps",
  "flows",
  "bottleneck",
  "bottleneck_tier",
] as const;

/** What the rows need to know of each flow: its size, the resource that bound it longest, and everything that bound it for how long. */
export interface FlowFacts {
  sizeOf(flow: number): number;
  /** A resource id, {@link CAP_BOUND} or {@link NEVER_ACTIVE}. */
  bottleneckOf(flow: number): number;
  /** Every bottleneck that bound the flow (a resource id or {@link CAP_BOUND}) and for how many seconds (FlowRecorder.forEachBound). */
  forEachBound(flow: number, fn: (bottleneck: number, seconds: number) => void): void;
}

/** Relative slack within which two flow-second totals count as a tie (float residue of sums in different orders). */
const TIE = 1e-9;

/**
 * collectives.csv rows in the order given. Bandwidths in Gb/s as nccl-tests define them
 * (algbw = size / duration, busbw = algbw × the kind's factor, from the record). The
 * bottleneck is {@link dominantBottleneck}: the resource that bound the collective's flows
 * for the most flow-seconds; its tier is {@link tierOf}'s, as in every report.
 */
export function collectivesRows(records: readonly CollectiveRecord[], flows: FlowFacts, topology: Topology): string[][] {
  return records.map((r) => {
    const b = dominantBottleneck(r.flows, flows);
    const name = b === NEVER_ACTIVE ? "" : b === CAP_BOUND ? "cap" : topology.resourceName(b);
    const tier = b === NEVER_ACTIVE ? "" : b === CAP_BOUND ? "cap" : tierOf(topology, b);
    return [
      r.job,
      String(r.iteration),
      r.name,
      r.kind,
      r.algorithm,
      String(r.participants),
      csvNumber(r.sizeBytes),
      csvNumber(r.startS),
      csvNumber(r.durationS),
      csvNumber((r.algBwBps * 8) / 1e9),
      csvNumber((r.busBwBps * 8) / 1e9),
      String(r.flows.length),
      name,
      tier,
    ];
  });
}

/**
 * The bottleneck of a group of flows (a collective): the resource that bound them for the
 * largest number of flow-seconds, Σ over the flows of the seconds each was bound by it
 * (every interval of every flow goes to the resource binding it then, FlowRecorder's
 * attribution). So the answer follows time, not flow counts or bytes: a ring whose NIC
 * edges take nine times as long as its NVLink edges is bound by a NIC whether it runs as
 * one flow per step or one per edge. {@link CAP_BOUND} when the flows' own caps bound them
 * longest; {@link NEVER_ACTIVE} when no flow ever drained. Totals within a relative 1e-9
 * of the largest tie (float residue); ties go to the lowest id (cap first, then channels
 * in links.csv order, then node capacities).
 */
export function dominantBottleneck(ids: ArrayLike<number>, flows: FlowFacts): number {
  const seconds = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) {
    flows.forEachBound(ids[i], (b, s) => seconds.set(b, (seconds.get(b) ?? 0) + s));
  }
  let most = -Infinity;
  for (const s of seconds.values()) if (s > most) most = s;
  let best = NEVER_ACTIVE;
  for (const [b, s] of seconds) {
    if (s >= most * (1 - TIE) && (best === NEVER_ACTIVE || b < best)) best = b;
  }
  return best;
}
