// ActiveRoutes: a recorder's compact copy of the resources of the flows now draining, so a rate change reads a few hot bytes, not the flow's Route object.
import { ListPool } from "../core/ListPool.js";
import type { FlowNetwork } from "../net/FlowNetwork.js";

/**
 * The resources of each flow with a rate, copied from `FlowNetwork.routeOf` when a rate
 * change first needs them and kept in one {@link ListPool} until the flow's rate drops to 0
 * (completion, a stall, or leaving a route to be rerouted). A run with 10⁵ flows changes rates
 * millions of times; reading each flow's Route object then (one object per flow, spread over the
 * heap) was most of the recorders' cost, while the pool holds only the draining flows' routes,
 * next to each other.
 *
 * Use: `const at = routes.offsetOf(flow)` then `routes.pool[at … at + routes.lengthOf(flow))`,
 * read before the next `offsetOf` (which may move the pool), and `release(flow)` once the
 * change is accounted when the new rate is 0.
 */
export class ActiveRoutes extends ListPool {
  constructor(private readonly network: FlowNetwork) {
    super();
  }

  /** Offset in {@link pool} of `flow`'s resources, copied from its route now if not held. */
  override offsetOf(flow: number): number {
    const at = super.offsetOf(flow);
    return at >= 0 ? at : this.hold(flow, this.network.routeOf(flow).resources);
  }
}
