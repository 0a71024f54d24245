// tierRows: bottleneck-seconds and bytes per tier, per workload and for the whole run (tiers.csv).
import type { Topology } from "../net/Topology.js";
import { csvNumber } from "./csvNumber.js";
import { CAP_BOUND } from "./FlowRecorder.js";
import { TIERS, tierOf, type Tier } from "./tierOf.js";

/** Columns of tiers.csv, in order. */
export const TIERS_CSV_HEADERS = ["workload", "tier", "bottleneck_flow_s", "bottleneck_share", "bytes", "flows"] as const;

/** What {@link tierRows} reads of each flow. */
export interface TierFlowFacts {
  flowCount: number;
  sizeOf(flow: number): number;
  /** Resources of the flow's route. */
  resourcesOf(flow: number): ArrayLike<number>;
  /** Every bottleneck that bound the flow and for how long (FlowRecorder.forEachBound). */
  forEachBound(flow: number, fn: (bottleneck: number, seconds: number) => void): void;
}

/**
 * tiers.csv rows: for every workload in order, then for "all", one row per tier that bound
 * a flow or carried a byte. `bottleneck_flow_s`: flow-seconds during which the workload's flows
 * were bound by a resource of the tier (a flow at its own cap counts under tier "cap");
 * `bottleneck_share`: that over the workload's total, so a workload's shares sum to 1;
 * `bytes`: bytes of the workload's flows that crossed the tier (a flow counts once per
 * tier on its route, whatever it delivered); `flows`: how many crossed it.
 */
export function tierRows(names: readonly string[], workloadOfFlow: ArrayLike<number>, flows: TierFlowFacts, topology: Topology): string[][] {
  const tierIndex = new Map<string, number>([...TIERS, "cap"].map((t, i) => [t, i]));
  const labels: string[] = [...TIERS, "cap"];
  const cache = new Int8Array(topology.resourceCount).fill(-1);
  const tierNo = (r: number): number => {
    if (r === CAP_BOUND) return tierIndex.get("cap")!;
    if (cache[r] < 0) cache[r] = tierIndex.get(tierOf(topology, r) as Tier)!;
    return cache[r];
  };
  const T = labels.length;
  const W = names.length + 1;
  const boundS = new Float64Array(W * T);
  const bytes = new Float64Array(W * T);
  const crossing = new Float64Array(W * T);
  const seen = new Uint8Array(T);
  for (let f = 0; f < flows.flowCount; f++) {
    const w = workloadOfFlow[f];
    if (w === undefined || w < 0 || w >= names.length) continue;
    flows.forEachBound(f, (b, s) => {
      const k = tierNo(b);
      boundS[w * T + k] += s;
      boundS[names.length * T + k] += s;
    });
    seen.fill(0);
    const res = flows.resourcesOf(f);
    for (let i = 0; i < res.length; i++) {
      const k = tierNo(res[i]);
      if (seen[k]) continue;
      seen[k] = 1;
      const size = flows.sizeOf(f);
      bytes[w * T + k] += size;
      crossing[w * T + k]++;
      bytes[names.length * T + k] += size;
      crossing[names.length * T + k]++;
    }
  }
  const rows: string[][] = [];
  for (let w = 0; w < W; w++) {
    let total = 0;
    for (let k = 0; k < T; k++) total += boundS[w * T + k];
    for (let k = 0; k < T; k++) {
      const i = w * T + k;
      if (boundS[i] === 0 && crossing[i] === 0) continue;
      rows.push([
        w < names.length ? names[w] : "all",
        labels[k],
        csvNumber(boundS[i]),
        csvNumber(total > 0 ? boundS[i] / total : NaN),
        csvNumber(bytes[i]),
        String(crossing[i]),
      ]);
    }
  }
  return rows;
}
