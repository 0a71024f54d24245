// tierRows: bottleneck-seconds and bytes per tier, per workload and for the whole run (tiers.csv).
import type { Topology } from "../net/Topology.js";
import { csvNumber } from "./csvNumber.js";
import { CAP_BOUND } from "./FlowRecorder.js";
import { TIERS, tierOf, type Tier } from "./tierOf.js";

/** Columns of tiers.csv, in order (plus {@link TIERS_QUEUEING_HEADER} in runs whose transports build queues). */
export const TIERS_CSV_HEADERS = ["workload", "tier", "bottleneck_flow_s", "bottleneck_share", "bytes", "flows"] as const;
/** The column tiers.csv gains when queues are modelled: seconds the tier's queues held the workload's flows. */
export const TIERS_QUEUEING_HEADER = "queueing_flow_s";

/**
 * Where flows waited: each flow's queueing seconds (as its transport counted them), spread
 * over the channels of its route in proportion to each channel's mean queueing delay over the run.
 */
export interface TierQueueing {
  /** Seconds the flow waited in queues (undefined or 0: none). */
  ofFlow(flow: number): number | undefined;
  /** A resource's mean queueing delay over the run, seconds. */
  delayAt(resource: number): number;
}

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
 * tier on its route, whatever it delivered); `flows`: how many crossed it; with `queueing`,
 * `queueing_flow_s`: the seconds the workload's flows waited in the tier's queues (see
 * {@link TierQueueing}).
 */
export function tierRows(names: readonly string[], workloadOfFlow: ArrayLike<number>, flows: TierFlowFacts, topology: Topology, queueing?: TierQueueing): string[][] {
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
  const waitedS = new Float64Array(W * T);
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
    const q = queueing?.ofFlow(f);
    if (q !== undefined && q > 0) {
      let total = 0;
      for (let i = 0; i < res.length; i++) total += queueing!.delayAt(res[i]);
      if (total > 0) {
        for (let i = 0; i < res.length; i++) {
          const share = (q * queueing!.delayAt(res[i])) / total;
          const k = tierNo(res[i]);
          waitedS[w * T + k] += share;
          waitedS[names.length * T + k] += share;
        }
      }
    }
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
        ...(queueing ? [csvNumber(waitedS[i])] : []),
      ]);
    }
  }
  return rows;
}
