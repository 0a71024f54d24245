// workloadBottlenecks: which workload's flows were bound where (workload-bottlenecks.csv).
import type { Topology } from "../net/Topology.js";
import type { FlowFacts } from "./collectivesCsv.js";
import { csvNumber } from "./csvNumber.js";
import { CAP_BOUND, NEVER_ACTIVE } from "./FlowRecorder.js";
import { tierOf } from "./tierOf.js";

/** Columns of workload-bottlenecks.csv, in order. */
export const WORKLOAD_BOTTLENECK_CSV_HEADERS = ["workload", "rank", "resource", "tier", "flows", "bytes", "bytes_share"] as const;

/**
 * For each workload (in scenario order), the resources that bound its flows, ranked by the
 * bytes they bound: each flow counts its size for the resource that bound it longest
 * ("cap" for its own rate cap; flows that never moved a byte are left out). `bytes_share`
 * is those bytes over all of the workload's bound bytes. Ties rank by resource id. `tier`
 * is {@link tierOf}'s, as in every report.
 */
export function workloadBottleneckRows(
  names: readonly string[],
  workloadOfFlow: ArrayLike<number>,
  flowCount: number,
  flows: Pick<FlowFacts, "sizeOf" | "bottleneckOf">,
  topology: Topology,
): string[][] {
  const per = names.map(() => new Map<number, { flows: number; bytes: number }>());
  for (let f = 0; f < flowCount; f++) {
    const b = flows.bottleneckOf(f);
    if (b === NEVER_ACTIVE) continue;
    const m = per[workloadOfFlow[f]];
    if (!m) continue;
    const e = m.get(b) ?? { flows: 0, bytes: 0 };
    e.flows++;
    e.bytes += flows.sizeOf(f);
    m.set(b, e);
  }
  const rows: string[][] = [];
  per.forEach((m, w) => {
    const total = [...m.values()].reduce((s, e) => s + e.bytes, 0);
    const ranked = [...m.entries()].sort((a, b) => b[1].bytes - a[1].bytes || a[0] - b[0]);
    ranked.forEach(([b, e], i) => {
      rows.push([
        names[w],
        String(i + 1),
        b === CAP_BOUND ? "cap" : topology.resourceName(b),
        b === CAP_BOUND ? "cap" : tierOf(topology, b),
        String(e.flows),
        csvNumber(e.bytes),
        csvNumber(total > 0 ? e.bytes / total : NaN),
      ]);
    });
  });
  return rows;
}
