// saturatedShare: what a resource tells the tie rule of the reported bottleneck — the largest share on it when it is saturated, else -1.
import { TIE } from "./incremental/TIE.js";

/**
 * The largest share (rate ÷ weight) of the flows on a resource when the resource is
 * saturated — its load within a relative {@link TIE} of its capacity, or above — else -1
 * (no flow can be bottlenecked there). Both sharing engines keep this value per resource
 * for {@link bottleneckAmongTies}.
 */
export function saturatedShare(loadBps: number, capacityBps: number, maxShare: number): number {
  return loadBps >= capacityBps - TIE * (capacityBps > loadBps ? capacityBps : loadBps) ? maxShare : -1;
}
