// collectivesCsv: the rows of collectives.csv, one per collective, with NCCL-style bandwidths and the resource that bound it.
import type { Topology } from "../net/Topology.js";
import type { CollectiveRecord } from "../workloads/WorkloadResults.js";
import { csvNumber } from "./csvNumber.js";
import { CAP_BOUND, NEVER_ACTIVE } from "./FlowRecorder.js";

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

/** What the rows need to know of each flow: its size and the resource that bound it longest. */
export interface FlowFacts {
  sizeOf(flow: number): number;
  /** A resource id, {@link CAP_BOUND} or {@link NEVER_ACTIVE}. */
  bottleneckOf(flow: number): number;
}

/**
 * collectives.csv rows in the order given. Bandwidths in Gb/s as nccl-tests define them
 * (algbw = size / duration, busbw = algbw × the kind's factor, from the record). The
 * bottleneck is the resource that bound the most bytes of the collective's flows (each flow
 * counts its whole size for the resource that bound it longest; ties go to the lower
 * resource id); "cap" when caps bound most, empty when no flow ever moved a byte.
 */
export function collectivesRows(records: readonly CollectiveRecord[], flows: FlowFacts, topology: Topology): string[][] {
  return records.map((r) => {
    const b = dominantBottleneck(r.flows, flows);
    const name = b === NEVER_ACTIVE ? "" : b === CAP_BOUND ? "cap" : topology.resourceName(b);
    const tier = b === NEVER_ACTIVE ? "" : b === CAP_BOUND ? "cap" : topology.resourceTier(b);
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

/** The bottleneck that bound the most bytes of `ids`' flows (see {@link collectivesRows}). */
export function dominantBottleneck(ids: ArrayLike<number>, flows: FlowFacts): number {
  const bytes = new Map<number, number>();
  for (let i = 0; i < ids.length; i++) {
    const b = flows.bottleneckOf(ids[i]);
    if (b === NEVER_ACTIVE) continue;
    bytes.set(b, (bytes.get(b) ?? 0) + flows.sizeOf(ids[i]));
  }
  let best = NEVER_ACTIVE;
  let bestBytes = -1;
  for (const [b, v] of bytes) {
    if (v > bestBytes || (v === bestBytes && b < best)) {
      best = b;
      bestBytes = v;
    }
  }
  return best;
}
