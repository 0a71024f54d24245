// workloadBottlenecks: which workload's flows were bound where, in flow-seconds (workload-bottlenecks.csv).
import type { Topology } from "../net/Topology.js";
import type { FlowFacts } from "./collectivesCsv.js";
import { csvNumber } from "./csvNumber.js";
import { CAP_BOUND } from "./FlowRecorder.js";
import { tierOf } from "./tierOf.js";

/** Columns of workload-bottlenecks.csv, in order. */
export const WORKLOAD_BOTTLENECK_CSV_HEADERS = ["workload", "rank", "resource", "tier", "flows", "bytes", "bottleneck_flow_s", "bottleneck_share"] as const;

/**
 * For each workload (in scenario order), the resources that bound its flows, ranked by
 * `bottleneck_flow_s`: Σ over the workload's flows of the seconds each was bound there
 * (every interval of a flow goes to the resource binding it then, as in bottlenecks.csv,
 * tiers.csv and collectives.csv; "cap" for time at its own rate cap). `flows`: how many of
 * its flows the resource bound for a positive time, `bytes` their sizes (a flow bound by
 * several resources counts at each); `bottleneck_share`: the row's flow-seconds over the
 * workload's total. Rows with no flow-second are left out; ties rank by resource id (cap
 * first). `tier` is {@link tierOf}'s, as in every report.
 */
export function workloadBottleneckRows(
  names: readonly string[],
  workloadOfFlow: ArrayLike<number>,
  flowCount: number,
  flows: Pick<FlowFacts, "sizeOf" | "forEachBound">,
  topology: Topology,
): string[][] {
  const per = names.map(() => new Map<number, { flows: number; bytes: number; seconds: number }>());
  for (let f = 0; f < flowCount; f++) {
    const m = per[workloadOfFlow[f]];
    if (!m) continue;
    flows.forEachBound(f, (b, seconds) => {
      if (!(seconds > 0)) return;
      const e = m.get(b) ?? { flows: 0, bytes: 0, seconds: 0 };
      e.flows++;
      e.bytes += flows.sizeOf(f);
      e.seconds += seconds;
      m.set(b, e);
    });
  }
  const rows: string[][] = [];
  per.forEach((m, w) => {
    let total = 0;
    for (const e of m.values()) total += e.seconds;
    const ranked = [...m.entries()].sort((a, b) => b[1].seconds - a[1].seconds || a[0] - b[0]);
    ranked.forEach(([b, e], i) => {
      rows.push([
        names[w],
        String(i + 1),
        b === CAP_BOUND ? "cap" : topology.resourceName(b),
        b === CAP_BOUND ? "cap" : tierOf(topology, b),
        String(e.flows),
        csvNumber(e.bytes),
        csvNumber(e.seconds),
        csvNumber(e.seconds / total),
      ]);
    });
  });
  return rows;
}
