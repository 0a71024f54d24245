// flowFctS: a flow's completion time as every report states it (flows.csv, summary.csv's and workloads.csv's percentiles).
import { elapsedS } from "../core/elapsedS.js";
import type { FlowNetwork } from "../net/FlowNetwork.js";

/** Flow `f`'s finish − start, to the digits the two instants resolve ({@link elapsedS}); NaN while it is unfinished. */
export function flowFctS(network: FlowNetwork, f: number): number {
  return elapsedS(network.startOf(f), network.finishOf(f));
}
