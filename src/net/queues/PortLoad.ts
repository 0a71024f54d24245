// PortLoad: the sum of the max-min rates of the queue-building flows crossing each resource now, kept as their rates change.
import { grown } from "../../core/grown.js";
import type { FlowNetwork } from "../FlowNetwork.js";

/**
 * Per resource, the rates of {@link QueueState}'s registered flows crossing it now, summed
 * (bytes/s): its load under the max-min allocation, bound there or elsewhere. Each rate change
 * moves the flow's rate on every resource of its route (a rerouted flow's rate goes to 0 on
 * its old route before the new one is in force, so the route read at each change is the one
 * the rate was on).
 */
export class PortLoad {
  /** Per flow: the rate it adds now to every resource of its route, bytes/s. */
  private rateOf = new Float64Array(0);
  /** Per resource: the rates crossing it, summed, bytes/s. */
  private readonly load: Float64Array;

  constructor(
    private readonly network: FlowNetwork,
    resourceCount: number,
  ) {
    this.load = new Float64Array(resourceCount);
  }

  /** Make room for flows 0 … `n` − 1. */
  growFlows(n: number): void {
    this.rateOf = grown(this.rateOf, n);
  }

  /** Flow `flow` now drains at `rateBps` (0: stopped) on its route. */
  move(flow: number, rateBps: number): void {
    const rate = rateBps > 0 ? rateBps : 0;
    const delta = rate - this.rateOf[flow];
    if (delta === 0) return;
    this.rateOf[flow] = rate;
    const res = this.network.routeOf(flow).resources;
    const load = this.load;
    for (let i = 0; i < res.length; i++) {
      const l = load[res[i]] + delta;
      // The last flow leaving takes its own rate back off: what rounding leaves is no load.
      load[res[i]] = l > 1e-3 ? l : 0;
    }
  }

  /** The rates crossing resource `r` now, summed, bytes/s. */
  loadBps(r: number): number {
    return this.load[r];
  }
}
